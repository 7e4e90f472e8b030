import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pseudo-terminal whose both ends stay in the test process, to drive a line editor in a thread.
///
/// The editor reads and draws on ``slave``; the test types into the master side and waits for what
/// the editor draws. Every wait has a timeout. Closing the master on deinit hangs up the terminal,
/// so an editor still waiting for a key gets the end of input and its thread finishes.
final class TerminalPair: @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The side the editor under test uses as its terminal.
  let slave: Int32
  private let master: Int32
  private let screen = Screen()
  private let readerDone = DispatchSemaphore(value: 0)

  init(columns: UInt16 = 120, rows: UInt16 = 40) throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
    }
    self.master = master
    self.slave = slave
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    let thread = Thread { [screen, readerDone, master] in
      screen.record(from: master)
      readerDone.signal()
    }
    thread.start()
  }

  deinit {
    screen.stop()
    _ = readerDone.wait(timeout: .now() + 2)
    close(master)
    close(slave)
  }

  /// Everything drawn so far, escape sequences included.
  var output: String { screen.text }

  /// Waits until `text` has been drawn after the previous match, and consumes it.
  func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws {
    try wait(timeout: timeout, for: "'\(text)'") { screen.consume(text) }
  }

  /// Waits until the editor has put the terminal in raw mode, so that control keys reach it.
  func waitForRawMode(timeout: Duration = .seconds(10)) throws {
    try wait(timeout: timeout, for: "raw mode") {
      var settings = termios()
      return tcgetattr(slave, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
    }
  }

  /// Waits until the terminal is back in canonical mode (a verbatim read has started).
  func waitForCookedMode(timeout: Duration = .seconds(10)) throws {
    try wait(timeout: timeout, for: "canonical mode") {
      var settings = termios()
      return tcgetattr(slave, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0
    }
  }

  /// Types `keys` as UTF-8.
  func send(_ keys: String) {
    let bytes = Array(keys.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Presses Control with a letter: "c" sends 0x03.
  func sendControl(_ letter: Character) {
    guard let ascii = letter.uppercased().first?.asciiValue else { return }
    send(String(UnicodeScalar(ascii & 0x1F)))
  }

  /// How much longer than usual a wait may take: `NETTRIAGE_TEST_TIME_SCALE` (`make sanitize`
  /// sets it: a sanitized build runs several times slower), else 1.
  static let timeScale: Double =
    ProcessInfo.processInfo.environment["NETTRIAGE_TEST_TIME_SCALE"]
    .flatMap(Double.init).map { max($0, 1) } ?? 1

  private func wait(timeout: Duration, for what: String, until condition: () -> Bool) throws {
    let deadline = ContinuousClock.now + timeout * Self.timeScale
    while !condition() {
      guard ContinuousClock.now < deadline else {
        throw Failure(
          description: "timed out waiting for \(what); drawn so far: \(output.debugDescription)")
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
  }
}

/// The bytes read from the master side, shared with the reader thread.
private final class Screen: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []
  private var matchedUpTo = 0
  private var stopped = false

  var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

  func stop() { lock.withLock { stopped = true } }

  /// Whether `text` appears after the previous match; if so, the next match starts after it.
  func consume(_ text: String) -> Bool {
    let needle = Array(text.utf8)
    return lock.withLock {
      guard bytes.count - matchedUpTo >= needle.count else { return false }
      for start in matchedUpTo...(bytes.count - needle.count)
      where bytes[start..<start + needle.count].elementsEqual(needle) {
        matchedUpTo = start + needle.count
        return true
      }
      return false
    }
  }

  func record(from master: Int32) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !lock.withLock({ stopped }) {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 50) > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if count > 0 {
        lock.withLock { bytes.append(contentsOf: buffer[..<count]) }
      } else if count == 0 || errno != EAGAIN {
        return
      }
    }
  }
}
