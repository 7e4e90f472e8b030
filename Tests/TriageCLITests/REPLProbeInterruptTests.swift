import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C while a probe runs in the REPL cancels the probe and returns to the prompt; the session
/// goes on and records nothing of the abandoned run.
@Suite("REPL probe interrupt", .serialized)
struct REPLProbeInterruptTests {
  /// A loopback listener that never accepts: the kernel completes each handshake into the
  /// backlog, so a fan-out's connections open and are held for the probe's full hold time.
  final class SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      self.descriptor = descriptor
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = 0
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
      }
      guard bound == 0, listen(descriptor, 256) == 0 else {
        close(descriptor)
        throw PseudoTerminal.Failure(description: "cannot listen on loopback")
      }
      _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          getsockname(descriptor, $0, &length)
        }
      }
      port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
      close(descriptor)
    }
  }

  @Test func ctrlCDuringAFanOutCancelsTheProbeNotTheSession() throws {
    let state = try TemporaryDirectory()
    let listener = try SilentListener()
    let targets = try state.write(
      "targets.txt",
      Array(repeating: "127.0.0.1:\(listener.port)", count: 20).joined(separator: "\n") + "\n")
    let terminal = try PseudoTerminal(
      executable: PseudoTerminal.builtProduct(named: "nettriage"), arguments: [],
      environment: PseudoTerminal.baseEnvironment.merging([
        "HOME": state.url.path, "XDG_STATE_HOME": state.url.appendingPathComponent("state").path,
        "PAGER": "cat",
      ]) { _, new in new },
      currentDirectory: state.url)
    // In the interview's order; with the recovery pattern and the web access unknown nothing is
    // established from the answers, so the tree's measurement step is offered.
    for answer in [
      "64", "isa-2006-standard", "yes", "windows-modern", "250", "unknown", "not-checked",
      "unknown", "normal", "unknown", "answer-ok", "10.9.8.7", targets,
    ] {
      try terminal.waitFor("answer> ")
      try terminal.waitForRawMode()
      try terminal.send(answer + "\r")
    }
    try terminal.waitFor("Run it? [y/N] ")
    try terminal.waitForRawMode()
    try terminal.send("y\r")
    try terminal.waitFor("running probe fanout")
    // The live line redraws itself with a carriage return and an erase, sent as they are: shown
    // escaped, they would fill the screen with `\r\u{1B}[K` text.
    try terminal.waitFor("(Ctrl-C cancels)")
    #expect(terminal.rawOutput.contains("\r\u{1B}[K"))
    #expect(!terminal.output.contains("\\u{1B}"))
    #expect(!terminal.output.contains("\\r"))
    // What Ctrl-C makes the kernel send to the foreground process.
    terminal.terminate(signal: SIGINT)
    try terminal.waitFor("probe cancelled; nothing recorded")
    try terminal.waitFor("Run it? [y/N] ")
    try terminal.waitForRawMode()
    try terminal.send("n\r")
    try terminal.waitFor("Question 14 · sweep-minutes")
    try terminal.waitFor("answer> ")
    try terminal.waitForRawMode()
    try terminal.send(".quit\r")
    #expect(try terminal.waitForExit() == 2)
    let sessions = state.url.appendingPathComponent("state/nettriage/sessions")
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: sessions.path).first)
    let journal = try String(contentsOf: sessions.appendingPathComponent(name), encoding: .utf8)
    #expect(!journal.contains("\"type\":\"observed\""))
    #expect(journal.contains("\"type\":\"declined\""))
  }
}
