import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call in a test's own socket set-up.
struct SocketSetupError: Error, CustomStringConvertible {
  var call: String
  var code: Int32
  var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// A listener on a loopback address and `clients` connections to it, all accepted: `2 × clients`
/// ESTABLISHED sockets and one LISTEN, on a port the kernel chose. Closed when released.
final class LoopbackConnections {
  /// The listener's port.
  let port: Int
  /// `127.0.0.1` or `::1`.
  let address: String
  private var descriptors: [Int32] = []

  init(family: Int32, clients: Int) throws {
    address = family == AF_INET6 ? "::1" : "127.0.0.1"
    let listener = try Self.socket(family)
    descriptors.append(listener)
    var storage = try Self.loopback(family: family, port: 0)
    try Self.check("bind", Self.withAddress(&storage) { bind(listener, $0, $1) })
    try Self.check("listen", listen(listener, 128))
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    try Self.check(
      "getsockname",
      withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
      })
    port = Self.port(of: storage, family: family)
    for _ in 0..<clients {
      let client = try Self.socket(family)
      descriptors.append(client)
      var target = try Self.loopback(family: family, port: port)
      try Self.check("connect", Self.withAddress(&target) { connect(client, $0, $1) })
      let accepted = accept(listener, nil, nil)
      try Self.check("accept", accepted)
      descriptors.append(accepted)
    }
  }

  deinit {
    for descriptor in descriptors { close(descriptor) }
  }

  private static func socket(_ family: Int32) throws -> Int32 {
    #if canImport(Glibc)
      let descriptor = Glibc.socket(family, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = Darwin.socket(family, SOCK_STREAM, 0)
    #endif
    try check("socket", descriptor)
    return descriptor
  }

  private static func check(_ call: String, _ result: Int32) throws {
    if result < 0 { throw SocketSetupError(call: call, code: errno) }
  }

  static func loopback(family: Int32, port: Int) throws -> sockaddr_storage {
    var storage = sockaddr_storage()
    if family == AF_INET6 {
      withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
          address.pointee.sin6_family = sa_family_t(AF_INET6)
          address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
          address.pointee.sin6_addr = in6addr_loopback
        }
      }
    } else {
      withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
          address.pointee.sin_family = sa_family_t(AF_INET)
          address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
          address.pointee.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        }
      }
    }
    return storage
  }

  static func withAddress(
    _ storage: inout sockaddr_storage, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
  ) -> Int32 {
    let length =
      storage.ss_family == sa_family_t(AF_INET6)
      ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
    return withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(length)) }
    }
  }

  static func port(of storage: sockaddr_storage, family: Int32) -> Int {
    var storage = storage
    return withUnsafePointer(to: &storage) {
      if family == AF_INET6 {
        return $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      }
      return $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        Int(UInt16(bigEndian: $0.pointee.sin_port))
      }
    }
  }
}
