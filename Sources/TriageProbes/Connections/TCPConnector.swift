#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The socket work of the connect and fan-out probes: nonblocking TCP connects, waiting for them
/// with `poll`, and reading how each ended. C sockets directly: no shell, no URL loading, nothing
/// that retries behind our back.
public struct TCPConnector: Sendable {
  /// The local address to connect from (port 0), or `nil` to let the system choose.
  public var source: SocketAddress?

  /// A connector that binds to `source` when one is given.
  public init(source: SocketAddress? = nil) {
    self.source = source
  }

  /// What starting a connect gave.
  public enum Start: Sendable, Equatable {
    /// The handshake is under way on this descriptor; wait for it with ``TCPConnector/wait(for:timeout:)``.
    case pending(Int32)
    /// It is over already: connected (with the descriptor) or failed (no descriptor left open).
    case finished(ConnectOutcome, Int32?)
  }

  /// Opens a nonblocking socket and starts connecting it to `target`.
  public func start(_ target: SocketAddress) -> Start {
    if let source, source.family != target.family {
      return .finished(.localError(step: "bind", errno: EAFNOSUPPORT), nil)
    }
    let descriptor = TCPConnector.openSocket(target.family)
    guard descriptor >= 0 else {
      return .finished(.localError(step: "socket", errno: errno), nil)
    }
    if let source {
      #if os(Linux)
        // Lets connect() choose the local port knowing the destination, so one source address
        // can serve many more connections than bind() alone would allow.
        var one: Int32 = 1
        _ = setsockopt(
          descriptor, Int32(IPPROTO_IP), IP_BIND_ADDRESS_NO_PORT, &one,
          socklen_t(MemoryLayout<Int32>.size))
      #endif
      let bound = source.withSockaddr { bind(descriptor, $0, $1) }
      if bound != 0 {
        let code = errno
        TCPConnector.close(descriptor)
        return .finished(.localError(step: "bind", errno: code), nil)
      }
    }
    let status = target.withSockaddr { systemConnect(descriptor, $0, $1) }
    if status == 0 { return .finished(.connected, descriptor) }
    let code = errno
    if code == EINPROGRESS || code == EINTR { return .pending(descriptor) }
    TCPConnector.close(descriptor)
    return .finished(ConnectOutcome.classify(code), nil)
  }

  /// How the connect on `descriptor` ended, once ``wait(for:timeout:)`` said it is ready.
  public static func outcome(of descriptor: Int32) -> ConnectOutcome {
    var code: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
      return .localError(step: "getsockopt", errno: errno)
    }
    return ConnectOutcome.classify(code)
  }

  /// Closes a descriptor (a normal close: the connection goes through FIN and TIME_WAIT, as a
  /// closed SMB session does).
  public static func close(_ descriptor: Int32) {
    #if canImport(Glibc)
      _ = Glibc.close(descriptor)
    #else
      _ = Darwin.close(descriptor)
    #endif
  }

  /// Waits at most `timeout` seconds for any connect in `descriptors` to finish; returns whether
  /// each is ready (connected or failed). A timeout under a millisecond still waits that long.
  public static func wait(for descriptors: [Int32], timeout: Double) -> [Bool] {
    var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
    let milliseconds = timeout <= 0 ? 0 : Int32(min((timeout * 1000).rounded(.up), 60_000))
    let subMillisecond = timeout > 0 && timeout < 0.001
    var ready = systemPoll(&fds, subMillisecond ? 0 : milliseconds)
    if subMillisecond, ready == 0 {
      var pause = timespec(tv_sec: 0, tv_nsec: Int(timeout * 1e9))
      _ = nanosleep(&pause, nil)
      ready = systemPoll(&fds, 0)
    }
    guard ready > 0 else { return Array(repeating: false, count: descriptors.count) }
    let done = Int16(POLLOUT) | Int16(POLLERR) | Int16(POLLHUP)
    return fds.map { $0.revents & done != 0 }
  }

  /// One connect, waited for: the outcome, the seconds it took, and the open descriptor when it
  /// connected (the caller closes it).
  public func connect(_ target: SocketAddress, timeout: Double) -> (
    outcome: ConnectOutcome, elapsed: Double, descriptor: Int32?
  ) {
    let started = MonotonicClock.now
    switch start(target) {
    case .finished(let outcome, let descriptor):
      return (outcome, MonotonicClock.now - started, descriptor)
    case .pending(let descriptor):
      while true {
        let left = started + timeout - MonotonicClock.now
        if left <= 0 {
          TCPConnector.close(descriptor)
          return (.timedOut, MonotonicClock.now - started, nil)
        }
        if TCPConnector.wait(for: [descriptor], timeout: left)[0] {
          let outcome = TCPConnector.outcome(of: descriptor)
          let elapsed = MonotonicClock.now - started
          if outcome == .connected { return (outcome, elapsed, descriptor) }
          TCPConnector.close(descriptor)
          return (outcome, elapsed, nil)
        }
      }
    }
  }

  private static func openSocket(_ family: SocketAddress.Family) -> Int32 {
    #if canImport(Glibc)
      let type =
        Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        | Int32(SOCK_CLOEXEC.rawValue)
      return socket(family.constant, type, 0)
    #else
      let descriptor = socket(family.constant, SOCK_STREAM, 0)
      if descriptor >= 0 {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      }
      return descriptor
    #endif
  }
}

private func systemConnect(
  _ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t
) -> Int32 {
  #if canImport(Glibc)
    Glibc.connect(descriptor, address, length)
  #else
    Darwin.connect(descriptor, address, length)
  #endif
}

private func systemPoll(_ fds: inout [pollfd], _ milliseconds: Int32) -> Int32 {
  while true {
    #if canImport(Glibc)
      let ready = Glibc.poll(&fds, nfds_t(fds.count), milliseconds)
    #else
      let ready = Darwin.poll(&fds, nfds_t(fds.count), milliseconds)
    #endif
    if ready >= 0 || errno != EINTR { return ready }
  }
}
