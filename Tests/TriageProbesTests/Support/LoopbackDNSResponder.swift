import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tiny DNS server on 127.0.0.1 (a port the kernel picks) whose answer depends on the first label
/// of the name asked:
/// `a` → two A records (192.0.2.1, 192.0.2.2) · `cname` → a CNAME and an A (192.0.2.3) ·
/// `nodata` → no error, no record · `nx` → NXDOMAIN · `fail` → SERVFAIL · `refused` → REFUSED ·
/// `formerr` → FORMERR · `wrongid` → a reply with another ID · `silent` (or anything else) →
/// nothing. A `silent` responder never answers anything. Stops when released.
final class LoopbackDNSResponder {
  /// The port it listens on.
  let port: Int
  /// `127.0.0.1:<port>`, as `--server` takes it.
  var server: String { "127.0.0.1:\(port)" }
  /// The names asked so far, one entry per datagram.
  var received: [String] { state.received }

  private let state: State

  init(silent: Bool = false) throws {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_DGRAM, 0)
    #endif
    guard descriptor >= 0 else { throw SocketSetupError(call: "socket", code: errno) }
    var address = try LoopbackConnections.loopback(family: AF_INET, port: 0)
    let bound = LoopbackConnections.withAddress(&address) { bind(descriptor, $0, $1) }
    guard bound == 0 else {
      let code = errno
      close(descriptor)
      throw SocketSetupError(call: "bind", code: code)
    }
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    port = LoopbackConnections.port(of: address, family: AF_INET)
    let state = State(descriptor: descriptor, silent: silent)
    self.state = state
    // The thread holds only the state, so releasing the responder stops it.
    Thread { state.serve() }.start()
  }

  deinit {
    state.stop()
  }

  /// The socket and what the serving thread shares with the test.
  private final class State: @unchecked Sendable {
    let descriptor: Int32
    let silent: Bool
    private let lock = NSLock()
    private var stopping = false
    private var queries: [String] = []
    private let finished = DispatchSemaphore(value: 0)

    init(descriptor: Int32, silent: Bool) {
      self.descriptor = descriptor
      self.silent = silent
    }

    var received: [String] {
      lock.lock()
      defer { lock.unlock() }
      return queries
    }

    private var shouldStop: Bool {
      lock.lock()
      defer { lock.unlock() }
      return stopping
    }

    func stop() {
      lock.lock()
      stopping = true
      lock.unlock()
      finished.wait()
      close(descriptor)
    }

    func serve() {
      defer { finished.signal() }
      var buffer = [UInt8](repeating: 0, count: 512)
      while !shouldStop {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, 50) > 0 else { continue }
        var peer = sockaddr_storage()
        var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = buffer.withUnsafeMutableBytes { bytes in
          withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
              recvfrom(descriptor, bytes.baseAddress, bytes.count, 0, $0, &peerLength)
            }
          }
        }
        guard count >= 12,
          let (name, questionEnd) = LoopbackDNSResponder.question(Array(buffer[0..<count]))
        else { continue }
        lock.lock()
        queries.append(name)
        lock.unlock()
        guard !silent,
          let reply = LoopbackDNSResponder.reply(
            to: Array(buffer[0..<count]), name: name, end: questionEnd)
        else { continue }
        _ = reply.withUnsafeBytes { bytes in
          withUnsafePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
              sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, peerLength)
            }
          }
        }
      }
    }
  }

  /// The name asked and the offset just past the question.
  fileprivate static func question(_ query: [UInt8]) -> (String, Int)? {
    var labels: [String] = []
    var index = 12
    while index < query.count, query[index] != 0 {
      let length = Int(query[index])
      guard index + 1 + length <= query.count else { return nil }
      labels.append(String(decoding: query[(index + 1)..<(index + 1 + length)], as: UTF8.self))
      index += 1 + length
    }
    guard index + 5 <= query.count else { return nil }
    return (labels.joined(separator: "."), index + 5)
  }

  fileprivate static func reply(to query: [UInt8], name: String, end: Int) -> [UInt8]? {
    let first = name.split(separator: ".").first.map(String.init) ?? ""
    var id = [query[0], query[1]]
    var rcode: UInt8 = 0
    var answers: [[UInt8]] = []
    let pointer: [UInt8] = [0xC0, 0x0C]
    let header: [UInt8] = [0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C]  // A, IN, TTL 60
    func a(_ last: UInt8) -> [UInt8] { pointer + header + [0x00, 0x04, 192, 0, 2, last] }
    switch first {
    case "a": answers = [a(1), a(2)]
    case "cname":
      let target: [UInt8] = [6] + Array("target".utf8) + [4] + Array("test".utf8) + [0]
      let cname: [UInt8] =
        pointer + [0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, UInt8(target.count)]
        + target
      answers = [cname, a(3)]
    case "nodata": break
    case "nx": rcode = 3
    case "fail": rcode = 2
    case "refused": rcode = 5
    case "formerr": rcode = 1
    case "wrongid": id = [query[0] ^ 0xFF, query[1] ^ 0xFF]
    default: return nil
    }
    var reply = id + [0x81, 0x80 | rcode, 0x00, 0x01, 0x00, UInt8(answers.count), 0, 0, 0, 0]
    reply += query[12..<end]
    for answer in answers { reply += answer }
    return reply
  }
}
