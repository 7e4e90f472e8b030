import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs an executable on a pseudo-terminal so tests see what a person at a terminal would.
///
/// The child gets the terminal side as stdin, stdout and stderr; a background thread collects
/// everything it writes. Every wait has a timeout and deinit kills the child, so a broken program
/// fails its test instead of hanging the run.
///
/// Matching is done on ``output``, the text with ANSI escape sequences and carriage returns removed.
/// ``waitFor(_:timeout:)`` consumes what it matched, like expect(1): waiting twice for a prompt waits
/// for two prompts.
///
/// The child runs in its own process group with no signals blocked. Foundation's `Process` does not
/// make the terminal its controlling terminal, so the kernel sends no SIGINT or SIGTSTP for control
/// keys; a program that binds those keys itself (as the libedit REPL does) still sees them as input,
/// and ``terminate(signal:)`` delivers real signals.
final class PseudoTerminal: @unchecked Sendable {
  /// A wait that ran out of time or a terminal that could not be set up.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The environment most tests want: a colour-capable terminal, UTF-8 and a `PATH`.
  static let baseEnvironment: [String: String] = [
    "TERM": "xterm-256color",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
  ]

  /// The executable `name` built alongside the running tests, such as `nettriage`.
  ///
  /// Look it up rather than hard-coding `.build/debug`: the build directory depends on the
  /// configuration, the triple and `--scratch-path`.
  static func builtProduct(named name: String) -> URL {
    #if os(macOS)
      for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
      }
    #endif
    return Bundle.main.bundleURL.appendingPathComponent(name)
  }

  /// The child's process identifier.
  var processIdentifier: Int32 { process.processIdentifier }

  private let process: Process
  private let master: Int32
  /// Shared with the reader thread, which must not keep `self` alive: deinit is what stops it.
  private let transcript = Transcript()
  private let readerDone = DispatchSemaphore(value: 0)

  /// Starts `executable` on a new terminal of `columns` by `rows`.
  ///
  /// - Parameters:
  ///   - environment: the child's whole environment; it does not inherit the test's, so the result
  ///     does not depend on the machine. Start from ``baseEnvironment``.
  ///   - currentDirectory: the child's working directory; `nil` keeps the test's.
  init(
    executable: URL,
    arguments: [String] = [],
    environment: [String: String] = PseudoTerminal.baseEnvironment,
    currentDirectory: URL? = nil,
    columns: UInt16 = 120,
    rows: UInt16 = 40
  ) throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
    }
    // The reader polls, so a child that never writes cannot block it past deinit.
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)

    let process = Process()
    let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment.merging(BinaryRun.sanitizerOptions) { mine, _ in mine }
    if let currentDirectory {
      process.currentDirectoryURL = currentDirectory
    }
    process.standardInput = terminal
    process.standardOutput = terminal
    process.standardError = terminal
    do {
      // A child inherits the signal mask of the thread that starts it, and the test runner's worker
      // threads block nearly every signal: the program under test would never see SIGTERM, SIGTSTP
      // or SIGWINCH. Unblock them for the moment of the spawn.
      var none = sigset_t()
      var previous = sigset_t()
      sigemptyset(&none)
      pthread_sigmask(SIG_SETMASK, &none, &previous)
      defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
      try process.run()
    } catch {
      close(slave)
      close(master)
      throw Failure(description: "cannot start '\(executable.path)': \(error)")
    }
    // Only the child may hold the terminal side open: when it exits, reads from the master then end
    // with EIO instead of waiting for more output.
    close(slave)
    self.process = process
    self.master = master

    let thread = Thread { [transcript, readerDone, master] in
      transcript.record(from: master)
      readerDone.signal()
    }
    thread.name = "PseudoTerminal reader"
    thread.start()
  }

  deinit {
    kill()
    transcript.withLock { $0.finished = true }
    _ = readerDone.wait(timeout: .now() + 2)
    close(master)
  }

  // MARK: - Output

  /// Everything the child wrote, without escape sequences and carriage returns.
  var output: String {
    transcript.withLock { String(decoding: $0.text, as: UTF8.self) }
  }

  /// Everything the child wrote, byte for byte, escape sequences included.
  var rawOutput: String {
    transcript.withLock { String(decoding: $0.raw, as: UTF8.self) }
  }

  /// The output after the last match of ``waitFor(_:timeout:)``.
  var unmatchedOutput: String {
    transcript.withLock { String(decoding: $0.text[$0.matchedUpTo...], as: UTF8.self) }
  }

  /// Waits until `text` appears in ``output`` after the previous match, and consumes it.
  ///
  /// - Throws: ``Failure`` with the recent output when `timeout` passes first or the child closes
  ///   the terminal without writing it.
  func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws {
    let needle = Array(text.utf8)
    try wait(timeout: timeout, for: "'\(text)'") { state in
      guard let start = Self.firstIndex(of: needle, in: state.text, from: state.matchedUpTo) else {
        return false
      }
      state.matchedUpTo = start + needle.count
      return true
    }
  }

  /// Waits until the terminal leaves canonical mode, that is until a line editor reads keys.
  ///
  /// libedit prints its prompt before it switches the terminal to raw mode; a control key sent in
  /// between is taken by the kernel's line discipline. Call this after the prompt appears and before
  /// sending keys.
  func waitForRawMode(timeout: Duration = .seconds(10)) throws {
    try wait(timeout: timeout, for: "raw mode (ICANON off)") { _ in
      var settings = termios()
      return tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
    }
  }

  /// Waits until the terminal is in canonical mode with signals off: where `.paste` reads text
  /// verbatim, outside the line editor.
  func waitForVerbatimMode(timeout: Duration = .seconds(10)) throws {
    try wait(timeout: timeout, for: "verbatim mode (ICANON on, ISIG off)") { _ in
      var settings = termios()
      return tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0
        && settings.c_lflag & tcflag_t(ISIG) == 0
    }
  }

  // MARK: - Input

  /// Types `string`, as UTF-8.
  func send(_ string: String) throws {
    try writeAll(Array(string.utf8))
  }

  /// Presses Control with `character`: "c" sends 0x03, "d" 0x04, "[" ESC.
  func sendControl(_ character: Character) throws {
    guard let ascii = character.uppercased().first?.asciiValue, (0x40...0x5F).contains(ascii) else {
      throw Failure(description: "no control key for '\(character)'")
    }
    try writeAll([ascii & 0x1F])
  }

  // MARK: - Process

  /// Waits for the child to exit and returns its status, or 128 + the signal that ended it.
  ///
  /// - Throws: ``Failure`` with the recent output when it is still running after `timeout`; the
  ///   child is left running (deinit kills it).
  @discardableResult
  func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        throw failure("still running after \(timeout)")
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    switch process.terminationReason {
    case .exit: return process.terminationStatus
    case .uncaughtSignal: return 128 + process.terminationStatus
    @unknown default: return process.terminationStatus
    }
  }

  /// Sends `signal` to the child; by default SIGTERM, which asks it to finish.
  func terminate(signal: Int32 = SIGTERM) {
    if process.isRunning {
      sendSignal(signal, to: process.processIdentifier)
    }
  }

  /// Ends the child at once with SIGKILL.
  func kill() {
    terminate(signal: SIGKILL)
  }

  // MARK: - Internals

  private func writeAll(_ bytes: [UInt8]) throws {
    var offset = 0
    let deadline = ContinuousClock.now + .seconds(5)
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      if written > 0 {
        offset += written
      } else if written < 0, errno == EAGAIN || errno == EINTR, ContinuousClock.now < deadline {
        // The terminal's input queue is full: the child is not reading.
        Thread.sleep(forTimeInterval: 0.01)
      } else {
        throw failure("cannot write to the terminal: \(String(cString: strerror(errno)))")
      }
    }
  }

  /// Checks `condition` on the transcript until it holds, the timeout passes or output ends (the
  /// child has exited, so waiting longer cannot help).
  private func wait(
    timeout: Duration, for what: String, until condition: (inout Transcript.State) -> Bool
  ) throws {
    let deadline = ContinuousClock.now + timeout
    while true {
      let (satisfied, ended) = transcript.withLock { state in (condition(&state), state.finished) }
      if satisfied { return }
      if ended {
        throw failure("output ended while waiting for \(what)")
      }
      guard ContinuousClock.now < deadline else {
        throw failure("timed out after \(timeout) waiting for \(what)")
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
  }

  private func failure(_ summary: String) -> Failure {
    let recent = String(unmatchedOutput.suffix(2000))
    let exit = process.isRunning ? "running" : "exited with \(process.terminationStatus)"
    return Failure(
      description: """
        \(summary); child \(exit); output since the last match:
        ----
        \(recent)
        ----
        """)
  }

  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int?
  {
    guard !needle.isEmpty else { return start }
    guard haystack.count - start >= needle.count else { return nil }
    for index in start...(haystack.count - needle.count)
    where haystack[index] == needle[0]
      && haystack[index..<index + needle.count].elementsEqual(needle)
    {
      return index
    }
    return nil
  }
}

/// Sends `signal` to `process`; a free function because ``PseudoTerminal/kill()`` hides `kill(2)`.
private func sendSignal(_ signal: Int32, to process: pid_t) {
  kill(process, signal)
}

/// What the child wrote, guarded by a lock: the reader thread appends while a test reads.
private final class Transcript: @unchecked Sendable {
  struct State {
    var raw: [UInt8] = []
    var stripper = EscapeSequenceStripper()
    /// Where the next ``PseudoTerminal/waitFor(_:timeout:)`` starts looking, in ``text``.
    var matchedUpTo = 0
    /// The terminal reported the end of output, or the owner stopped reading.
    var finished = false

    var text: [UInt8] { stripper.text }
  }

  private let lock = NSLock()
  private var state = State()

  func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&state)
  }

  /// Reads `master` until the child side closes or ``State/finished`` is set.
  func record(from master: Int32) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !withLock({ $0.finished }) {
      // Polls with a short timeout, so setting `finished` stops the thread even if nothing arrives.
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, 50)
      if ready < 0 && errno != EINTR { break }
      guard ready > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if count > 0 {
        withLock {
          $0.raw.append(contentsOf: buffer[..<count])
          $0.stripper.consume(buffer[..<count])
        }
      } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
        // EIO: every copy of the terminal side is closed, so the child has exited.
        break
      }
    }
    withLock { $0.finished = true }
  }
}

/// Removes ANSI escape sequences and control characters from a byte stream as it arrives.
///
/// Works byte by byte with state so that a sequence split across two reads is still removed, and so
/// that text once produced never changes: the match position of ``PseudoTerminal`` stays valid.
private struct EscapeSequenceStripper {
  private enum State {
    case text
    case escape
    case controlSequence
    case string
    case stringEscape
    case characterSet
  }

  private(set) var text: [UInt8] = []
  private var state = State.text

  mutating func consume(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      consume(byte)
    }
  }

  private mutating func consume(_ byte: UInt8) {
    switch state {
    case .text:
      switch byte {
      case 0x1B: state = .escape
      case 0x0A, 0x09: text.append(byte)
      case 0x00..<0x20, 0x7F: break  // CR, backspace, bell: cursor control, not text.
      default: text.append(byte)
      }
    case .escape:
      switch byte {
      case UInt8(ascii: "["): state = .controlSequence
      case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"),
        UInt8(ascii: "_"):
        state = .string
      case 0x20...0x2F: state = .characterSet
      default: state = .text
      }
    case .controlSequence:
      if (0x40...0x7E).contains(byte) { state = .text }
    case .string:
      if byte == 0x07 {
        state = .text
      } else if byte == 0x1B {
        state = .stringEscape
      }
    case .stringEscape:
      state = byte == UInt8(ascii: "\\") ? .text : .string
    case .characterSet:
      if (0x30...0x7E).contains(byte) { state = .text }
    }
  }
}
