#if canImport(Glibc)
  import Glibc
#endif

/// A listening TCP socket on 127.0.0.1 with a port the system chose; the kernel completes
/// handshakes into its backlog, so nothing needs to accept. Closed when released.
final class LoopbackListener {
  let descriptor: Int32
  let port: UInt16

  init(backlog: Int32 = 512) throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ListenerError.socket(errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0, listen(descriptor, backlog) == 0 else {
      close(descriptor)
      throw ListenerError.socket(errno)
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    self.descriptor = descriptor
    port = UInt16(bigEndian: address.sin_port)
  }

  /// A port on 127.0.0.1 where nothing listens (one the system just handed out, then closed).
  static func closedPort() throws -> UInt16 {
    try LoopbackListener().port
  }

  deinit {
    close(descriptor)
  }

  enum ListenerError: Error {
    case socket(Int32)
  }
}
