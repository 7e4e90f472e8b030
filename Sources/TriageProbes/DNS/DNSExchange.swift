import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One A query to one server over UDP, with a deadline: the socket is connected to the server so
/// only its replies (and ICMP errors) arrive; replies with another ID are ignored, and the query
/// is sent again once halfway through the timeout, as resolvers do.
enum DNSExchange {
  /// Asks `server` for `name`'s A records with ID `id`; blocks for up to `timeout` seconds.
  static func ask(_ server: DNSServer, name: String, id: UInt16, timeout: Double) -> DNSServerAnswer
  {
    var answer = DNSServerAnswer(
      server: server, status: .timeout, milliseconds: nil, addresses: [], attempts: 0,
      truncated: false, transcript: [])
    let query: [UInt8]
    do {
      query = try DNSMessage.query(name: name, id: id)
    } catch {
      answer.status = .error(error.description)
      return answer
    }
    guard var target = DNSServer.socketAddress(host: server.host, port: server.port) else {
      answer.status = .error("'\(server.host)' is not a numeric address")
      return answer
    }
    #if canImport(Glibc)
      let descriptor = socket(
        target.family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let descriptor = socket(target.family, SOCK_DGRAM, 0)
    #endif
    guard descriptor >= 0 else {
      answer.status = .error(ObservationError.system(call: "socket", code: errno).description)
      return answer
    }
    defer { close(descriptor) }
    let connected = withUnsafePointer(to: &target.storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, target.length)
      }
    }
    guard connected == 0 else {
      answer.status = failure(errno, call: "connect")
      return answer
    }

    let clock = Stopwatch()
    let hexID = "0x" + String(id, radix: 16)
    let resendAt = timeout / 2
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      if answer.attempts == 0 || (answer.attempts == 1 && clock.seconds >= resendAt) {
        let sent = query.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        answer.attempts += 1
        answer.transcript.append(
          String(format: "%7.1f ms", clock.milliseconds)
            + " sent A query for '\(name)' id \(hexID) to \(server.display)")
        if sent < 0 {
          let code = errno
          answer.status = failure(code, call: "send")
          answer.transcript.append("         send failed: \(answer.status.name)")
          return answer
        }
      }
      let now = clock.seconds
      guard now < timeout else {
        answer.transcript.append(
          String(format: "%7.1f ms", clock.milliseconds) + " no reply; gave up")
        return answer
      }
      let until = answer.attempts == 1 ? min(resendAt, timeout) : timeout
      let wait = Int32(max(1, ((until - now) * 1000).rounded(.up)))
      var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&waiting, 1, wait)
      if ready < 0 {
        if errno == EINTR { continue }
        answer.status = failure(errno, call: "poll")
        return answer
      }
      guard ready > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count < 0 {
        let code = errno
        if code == EINTR || code == EAGAIN { continue }
        answer.status = failure(code, call: "recv")
        answer.transcript.append(
          String(format: "%7.1f ms", clock.milliseconds) + " \(answer.status.name) ("
            + String(cString: strerror(code)) + ")")
        return answer
      }
      guard let reply = DNSMessage.reply(Array(buffer[0..<count])), reply.isResponse,
        reply.id == id
      else {
        answer.transcript.append(
          String(format: "%7.1f ms", clock.milliseconds)
            + " ignored \(count) bytes that are not the reply to id \(hexID)")
        continue
      }
      answer.status = DNSServerAnswer.Status(rcode: reply.rcode)
      answer.milliseconds = clock.milliseconds
      answer.addresses = reply.addresses
      answer.truncated = reply.truncated
      var line = String(format: "%7.1f ms", clock.milliseconds)
      line += " reply id \(hexID) rcode \(reply.rcode) (\(answer.status.name))"
      if !reply.addresses.isEmpty { line += ", A " + reply.addresses.joined(separator: " ") }
      if reply.truncated { line += ", truncated" }
      answer.transcript.append(line)
      return answer
    }
  }

  private static func failure(_ code: Int32, call: String) -> DNSServerAnswer.Status {
    switch code {
    case ECONNREFUSED: return .noResponse
    case ENETUNREACH, EHOSTUNREACH: return .unreachable
    default: return .error(ObservationError.system(call: call, code: code).description)
    }
  }
}
