#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Input that has already arrived but not been read: how a paste is told from typing.
enum PendingInput {
  /// Whether `descriptor` has input to read within `milliseconds`.
  static func isWaiting(on descriptor: Int32, milliseconds: Int32) -> Bool {
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let ready = poll(&poller, 1, milliseconds)
    return ready > 0 && poller.revents & Int16(POLLIN) != 0
  }

  /// Reads everything that arrives until input pauses, with the terminal in non-canonical mode
  /// without echo, so lines come whole and unechoed whatever mode it was in.
  ///
  /// Past `limit` bytes the rest is still read, so none of it is left to be taken as typing, but
  /// dropped: `bytes` is then empty and `received` says how much arrived.
  static func drain(_ descriptor: Int32, limit: Int) -> (bytes: [UInt8], received: Int) {
    var saved = termios()
    let isTerminal = tcgetattr(descriptor, &saved) == 0
    if isTerminal {
      var settings = saved
      settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
      withUnsafeMutableBytes(of: &settings.c_cc) { cc in
        cc[Int(VMIN)] = 0
        cc[Int(VTIME)] = 0
      }
      tcsetattr(descriptor, TCSANOW, &settings)
    }
    defer {
      if isTerminal { tcsetattr(descriptor, TCSANOW, &saved) }
    }
    var bytes: [UInt8] = []
    var received = 0
    var buffer = [UInt8](repeating: 0, count: 4096)
    while isWaiting(on: descriptor, milliseconds: 50) {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      received += count
      if received <= limit {
        bytes += buffer[0..<count]
      } else {
        bytes = []
      }
    }
    return (VerbatimText.removing(VerbatimText.pasteEnd, from: bytes).bytes, received)
  }
}
