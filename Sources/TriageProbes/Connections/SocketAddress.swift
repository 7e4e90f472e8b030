#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A numeric IPv4 or IPv6 address and port, ready for `connect` and `bind`.
///
/// It keeps the C `sockaddr` as bytes so it stays a plain `Sendable` value.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
  /// IPv4 or IPv6.
  public enum Family: String, Sendable {
    case ipv4
    case ipv6

    var constant: Int32 { self == .ipv4 ? AF_INET : AF_INET6 }
  }

  /// IPv4 or IPv6.
  public let family: Family
  /// The address as text: `192.0.2.7`, `2001:db8::7`.
  public let host: String
  /// The port (0 for a source address that lets the system choose).
  public private(set) var port: UInt16
  private var bytes: [UInt8]

  /// The address for numeric `host` (no name resolution), or `nil` when it is not one.
  public init?(numeric host: String, port: UInt16) {
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = port.bigEndian
      self.init(copying: v4, family: .ipv4, port: port)
      return
    }
    var v6 = sockaddr_in6()
    if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
      v6.sin6_family = sa_family_t(AF_INET6)
      v6.sin6_port = port.bigEndian
      self.init(copying: v6, family: .ipv6, port: port)
      return
    }
    return nil
  }

  /// The address in a `sockaddr` from the system (getaddrinfo), with `port` put in; `nil` for a
  /// family other than IPv4 and IPv6.
  init?(_ address: UnsafePointer<sockaddr>, port: UInt16) {
    switch Int32(address.pointee.sa_family) {
    case AF_INET:
      var v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
      v4.sin_port = port.bigEndian
      self.init(copying: v4, family: .ipv4, port: port)
    case AF_INET6:
      var v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
      v6.sin6_port = port.bigEndian
      self.init(copying: v6, family: .ipv6, port: port)
    default:
      return nil
    }
  }

  private init<Address>(copying address: Address, family: Family, port: UInt16) {
    var copy = address
    bytes = withUnsafeBytes(of: &copy) { Array($0) }
    self.family = family
    self.port = port
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      switch family {
      case .ipv4:
        let sin = base.assumingMemoryBound(to: sockaddr_in.self)
        var addr = sin.pointee.sin_addr
        _ = inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
      case .ipv6:
        let sin6 = base.assumingMemoryBound(to: sockaddr_in6.self)
        var addr = sin6.pointee.sin6_addr
        _ = inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
      }
    }
    let length = text.firstIndex(of: 0) ?? text.count
    host = String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The same address with another port.
  public func with(port newPort: UInt16) -> SocketAddress {
    var copy = self
    copy.replacePort(newPort)
    return copy
  }

  private mutating func replacePort(_ newPort: UInt16) {
    // sin_port and sin6_port both sit at byte 2, in network order, on Linux and the BSDs.
    bytes[2] = UInt8(newPort >> 8)
    bytes[3] = UInt8(newPort & 0xFF)
    port = newPort
  }

  /// `192.0.2.7:445`, `[2001:db8::7]:445`.
  public var description: String {
    family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// Calls `body` with the C address and its length.
  func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
    bytes.withUnsafeBytes { raw in
      // The bytes were copied from a sockaddr_in or sockaddr_in6, so they are a sockaddr.
      let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr.self)
      return body(address, socklen_t(raw.count))
    }
  }
}
