#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A DNS server to ask directly: a numeric address and a port.
public struct DNSServer: Sendable, Equatable {
  /// Why it is asked.
  public enum Role: String, Sendable {
    /// Named in /etc/resolv.conf.
    case configured
    /// An upstream of systemd-resolved (from /run/systemd/resolve/resolv.conf).
    case upstream
    /// Given on the command line (`--server`).
    case given
  }

  /// `10.0.0.53`, `2001:db8::53`, `fe80::1%eth0`.
  public var host: String
  /// The UDP port, 53 unless said otherwise.
  public var port: Int
  /// Why it is asked.
  public var role: Role

  /// `10.0.0.53`, `10.0.0.53:5353`, `2001:db8::53`, `[2001:db8::53]:5353`; only numeric addresses,
  /// so naming the server never needs DNS itself.
  public init(parsing text: String, role: Role) throws(ObservationError) {
    var host = text
    var port = 53
    let expected =
      "server '\(text)': expected an IPv4 or IPv6 address, optionally with a port "
      + "('10.0.0.53:53', '[2001:db8::53]:53')"
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { throw .invalidRequest(expected) }
      host = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      if !rest.isEmpty {
        guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else {
          throw .invalidRequest(expected)
        }
        port = value
      }
    } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
      host = String(text[..<colon])
      guard let value = Int(text[text.index(after: colon)...]) else {
        throw .invalidRequest(expected)
      }
      port = value
    }
    guard (1...65_535).contains(port), Self.socketAddress(host: host, port: port) != nil else {
      throw .invalidRequest(expected)
    }
    self.host = host
    self.port = port
    self.role = role
  }

  /// `10.0.0.53`, or with the port when it is not 53: `10.0.0.53:5353`, `[::1]:5353`.
  public var display: String {
    guard port != 53 else { return host }
    return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// The socket address (family, bytes, length) of a numeric host and port; `nil` when the host is
  /// not a numeric address.
  static func socketAddress(host: String, port: Int) -> (
    family: Int32, storage: sockaddr_storage, length: socklen_t
  )? {
    var hints = addrinfo()
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
    #else
      hints.ai_socktype = SOCK_DGRAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
      return nil
    }
    defer { freeaddrinfo(list) }
    guard let address = first.pointee.ai_addr else { return nil }
    var storage = sockaddr_storage()
    let length = min(Int(first.pointee.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
    withUnsafeMutableBytes(of: &storage) { target in
      target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: length))
    }
    return (first.pointee.ai_family, storage, socklen_t(length))
  }
}
