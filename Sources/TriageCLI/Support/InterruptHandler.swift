#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What SIGINT does outside line editing: say how to resume, exit 130; or, while something the
/// person may cancel runs (a probe), only note it.
///
/// libedit turns ISIG off while a line is edited, so there Ctrl-C only discards the line. Elsewhere
/// (input from a pipe, a long step) it arrives as a signal. Every answer is already in the journal,
/// so leaving at once loses nothing; the handler only writes a prepared message and exits, or sets
/// a flag: the things a signal handler may safely do.
enum InterruptHandler {
  /// The message, in one buffer allocated once and kept for the life of the program (the handler
  /// may run at any moment, so it is never freed or moved); a later ``install(message:)`` writes
  /// over it. Messages longer than the buffer are cut.
  nonisolated(unsafe) private static let message = UnsafeMutableBufferPointer<UInt8>.allocate(
    capacity: messageCapacity)
  nonisolated(unsafe) private static var messageLength = 0
  private static let messageCapacity = 1024
  /// While set, Ctrl-C sets ``cancelRequested`` instead of ending the program.
  nonisolated(unsafe) private static var cancellable: sig_atomic_t = 0
  nonisolated(unsafe) private static var cancelled: sig_atomic_t = 0

  /// Installs the handler with the message to print; installing again only changes the message.
  static func install(message text: String) {
    let bytes = text.utf8.prefix(messageCapacity)
    messageLength = 0
    _ = message.initialize(from: bytes)
    messageLength = bytes.count
    // A parent may have started us with SIGINT blocked (test runners' threads do); we handle it.
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    signal(SIGINT) { _ in
      if InterruptHandler.cancellable != 0 {
        InterruptHandler.cancelled = 1
        return
      }
      _ = write(
        STDERR_FILENO, InterruptHandler.message.baseAddress, InterruptHandler.messageLength)
      _exit(130)
    }
  }

  /// Runs `body` with Ctrl-C turned into a request to cancel, which `body` polls with
  /// ``cancelRequested``.
  static func cancellable<Result>(_ body: () -> Result) -> Result {
    cancelled = 0
    cancellable = 1
    defer { cancellable = 0 }
    return body()
  }

  /// Whether Ctrl-C was pressed since ``cancellable(_:)`` began.
  static var cancelRequested: Bool { cancelled != 0 }
}
