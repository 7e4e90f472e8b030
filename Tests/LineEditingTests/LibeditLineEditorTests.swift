import Foundation
import LineEditing
import Testing

/// The libedit editor driven through a real pseudo-terminal, with the keys a person would press.
///
/// Serialized: libedit reads terminfo through non-thread-safe termcap calls when it starts.
@Suite(.serialized) struct LibeditLineEditorTests {
  /// An editor reading lines in its own thread, as the REPL's loop would.
  ///
  /// The thread holds only the terminal's descriptor and the inbox, not the session: when a test
  /// drops the session, the terminal hangs up, the editor reads the end of input and the thread ends.
  private final class EditorSession: Sendable {
    let terminal: TerminalPair
    private let inbox = Inbox()

    /// Starts reading with prompt "test> "; entered lines go to history, as the REPL does, and the
    /// line `.paste` reads verbatim text next.
    init(
      historyFile: URL?, candidates: [String] = [], pasteLimit: Int = LineInput.pasteLimit
    ) throws {
      terminal = try TerminalPair()
      let started = DispatchSemaphore(value: 0)
      let thread = Thread { [slave = terminal.slave, inbox] in
        let editor = LibeditLineEditor(
          historyFile: historyFile, inputDescriptor: slave, outputDescriptor: slave,
          terminalType: "xterm-256color", handlesSignals: false, pasteLimit: pasteLimit)
        started.signal()
        guard let editor else { return }
        editor.completer = { _ in candidates }
        while true {
          let input = editor.readLine(prompt: "test> ")
          // History first: a test that has seen the input may count on it being saved.
          if case .line(let line) = input {
            editor.addHistory(line)
          }
          inbox.append(input)
          if input == .endOfFile { return }
          if input == .line(".paste") {
            inbox.append(editor.readVerbatim(terminator: "."))
          }
        }
      }
      thread.start()
      started.wait()
    }

    /// Waits for the prompt and for raw mode, which libedit enters just after drawing it.
    func waitForPrompt() throws {
      try terminal.waitFor("test> ")
      try terminal.waitForRawMode()
    }

    /// Waits until the editor has returned `count` inputs, and returns them.
    func inputs(count: Int, timeout: Duration = .seconds(10)) throws -> [LineInput] {
      let deadline = ContinuousClock.now + timeout * TerminalPair.timeScale
      while true {
        let inputs = inbox.inputs
        if inputs.count >= count { return inputs }
        guard ContinuousClock.now < deadline else {
          throw TerminalPair.Failure(
            description:
              "got \(inputs) after \(timeout); drawn: \(terminal.output.debugDescription)")
        }
        Thread.sleep(forTimeInterval: 0.01)
      }
    }
  }

  private final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [LineInput] = []

    var inputs: [LineInput] { lock.withLock { received } }

    func append(_ input: LineInput) {
      lock.withLock { received.append(input) }
    }
  }

  private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("LineEditingTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test func returnsTheTypedLine() throws {
    let session = try EditorSession(historyFile: nil)
    try session.waitForPrompt()
    session.terminal.send("hello world\r")
    #expect(try session.inputs(count: 1) == [.line("hello world")])
  }

  @Test func keepsNonASCIIInput() throws {
    let session = try EditorSession(historyFile: nil)
    try session.waitForPrompt()
    session.terminal.send("café ☕ naïve\r")
    #expect(try session.inputs(count: 1) == [.line("café ☕ naïve")])
  }

  @Test func tabCompletesAUniqueCommand() throws {
    let session = try EditorSession(historyFile: nil, candidates: [".help", ".quit"])
    try session.waitForPrompt()
    session.terminal.send(".q\t")
    try session.terminal.waitFor("uit ")
    session.terminal.send("now\r")
    #expect(try session.inputs(count: 1) == [.line(".quit now")])
  }

  @Test func tabListsAmbiguousCandidatesAndRedrawsTheLine() throws {
    let session = try EditorSession(
      historyFile: nil, candidates: [".help", ".hello", ".history", ".quit"])
    try session.waitForPrompt()
    session.terminal.send(".he\t")
    // Listed under the line, one column per candidate, then the prompt and the line drawn again.
    try session.terminal.waitFor("\r\n.help   .hello\r\n")
    try session.terminal.waitFor("test> .hel")
    session.terminal.send("p\r")
    #expect(try session.inputs(count: 1) == [.line(".help")])
  }

  @Test func ctrlCAbandonsTheLineAndEditingGoesOn() throws {
    let session = try EditorSession(historyFile: nil)
    try session.waitForPrompt()
    session.terminal.send("half a thought")
    try session.terminal.waitFor("thought")
    session.terminal.sendControl("c")
    try session.terminal.waitFor("^C")
    try session.waitForPrompt()
    session.terminal.send("next\r")
    #expect(try session.inputs(count: 2) == [.interrupted, .line("next")])
  }

  @Test func ctrlDEndsInputOnlyOnAnEmptyLineAndEnterDoesNot() throws {
    let session = try EditorSession(historyFile: nil)
    try session.waitForPrompt()
    session.terminal.send("ab")
    try session.terminal.waitFor("ab")
    session.terminal.sendControl("d")
    session.terminal.send("\r")
    try session.waitForPrompt()
    session.terminal.send("\r")
    try session.waitForPrompt()
    session.terminal.sendControl("d")
    #expect(try session.inputs(count: 3) == [.line("ab"), .line(""), .endOfFile])
  }

  @Test func historySurvivesIntoTheNextSession() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // The directory does not exist yet: the editor creates it.
    let historyFile = directory.appendingPathComponent("state/nettriage/history")

    do {
      let first = try EditorSession(historyFile: historyFile)
      for line in ["first entry", "second entry"] {
        try first.waitForPrompt()
        first.terminal.send(line + "\r")
      }
      _ = try first.inputs(count: 2)
      // Saved after every line: no clean exit is needed for the history to be on disk.
      #expect(FileManager.default.fileExists(atPath: historyFile.path))
    }

    let second = try EditorSession(historyFile: historyFile)
    try second.waitForPrompt()
    second.terminal.send("\u{1B}[A\r")  // Up: the most recent line.
    try second.waitForPrompt()
    second.terminal.sendControl("r")  // Incremental search backwards.
    second.terminal.send("first")
    try second.terminal.waitFor("first")
    second.terminal.send("\r")
    #expect(try second.inputs(count: 2) == [.line("second entry"), .line("first entry")])
  }

  /// Enters `lines` one by one, so they are in history.
  private func enter(_ lines: [String], in session: EditorSession) throws {
    for line in lines {
      try session.waitForPrompt()
      session.terminal.send(line + "\r")
    }
    _ = try session.inputs(count: lines.count)
  }

  @Test func ctrlRSearchesWithAReadablePromptAndEnterRunsTheMatch() throws {
    let session = try EditorSession(historyFile: nil)
    try enter(["alpha one", "beta two", "alpha three"], in: session)
    try session.waitForPrompt()
    session.terminal.sendControl("r")
    try session.terminal.waitFor("(reverse-i-search)'': ")
    session.terminal.send("alpha")
    try session.terminal.waitFor("(reverse-i-search)'alpha': alpha three")
    session.terminal.sendControl("r")
    try session.terminal.waitFor("(reverse-i-search)'alpha': alpha one")
    session.terminal.sendControl("r")
    try session.terminal.waitFor("(failing reverse-i-search)'alpha': alpha one")
    session.terminal.send("\r")
    #expect(try session.inputs(count: 4).last == .line("alpha one"))
    #expect(!session.terminal.output.contains("bck:"))
  }

  @Test func ctrlGGivesTheTypedLineBack() throws {
    let session = try EditorSession(historyFile: nil)
    try enter(["beta two"], in: session)
    try session.waitForPrompt()
    session.terminal.send("typed")
    try session.terminal.waitFor("typed")
    session.terminal.sendControl("r")
    session.terminal.send("beta")
    try session.terminal.waitFor("(reverse-i-search)'beta': beta two")
    session.terminal.sendControl("g")
    try session.terminal.waitFor("test> typed")
    session.terminal.send(" more\r")
    #expect(try session.inputs(count: 2).last == .line("typed more"))
  }

  @Test func anotherKeyTakesTheMatchIntoTheLineToEdit() throws {
    let session = try EditorSession(historyFile: nil)
    try enter(["beta two", "gamma"], in: session)
    try session.waitForPrompt()
    session.terminal.sendControl("r")
    session.terminal.send("two")
    try session.terminal.waitFor("(reverse-i-search)'two': beta two")
    // Ctrl-A ends the search with the match in the line and moves to its start.
    session.terminal.sendControl("a")
    try session.terminal.waitFor("test> beta two")
    session.terminal.send("x \r")
    #expect(try session.inputs(count: 3).last == .line("x beta two"))
  }

  @Test func ctrlCInASearchAbandonsTheLine() throws {
    let session = try EditorSession(historyFile: nil)
    try enter(["beta two"], in: session)
    try session.waitForPrompt()
    session.terminal.sendControl("r")
    session.terminal.send("be")
    try session.terminal.waitFor("(reverse-i-search)'be': beta two")
    session.terminal.sendControl("c")
    try session.waitForPrompt()
    session.terminal.send("next\r")
    #expect(try session.inputs(count: 3).suffix(2) == [.interrupted, .line("next")])
  }

  @Test func aBracketedPasteOverTheLimitIsDroppedAndEditingGoesOn() throws {
    let session = try EditorSession(historyFile: nil, pasteLimit: 50)
    try session.waitForPrompt()
    session.terminal.send("\u{1B}[200~short\tpaste\nsecond line\u{1B}[201~")
    try session.waitForPrompt()
    let long = String(repeating: "0123456789\n", count: 10)
    session.terminal.send("\u{1B}[200~" + long + "\u{1B}[201~")
    try session.waitForPrompt()
    session.terminal.send("next\r")
    #expect(
      try session.inputs(count: 3) == [
        .pasted("short\tpaste\nsecond line"), .oversizedPaste(110), .line("next"),
      ])
  }

  @Test func aVerbatimReadOverTheLimitIsDroppedAndEditingGoesOn() throws {
    let session = try EditorSession(historyFile: nil, pasteLimit: 50)
    try session.waitForPrompt()
    session.terminal.send(".paste\r")
    _ = try session.inputs(count: 1)
    try session.terminal.waitForCookedMode()
    // A bracketed paste of 110 bytes, then a line typed at the next prompt.
    session.terminal.send(
      "\u{1B}[200~" + String(repeating: "0123456789\n", count: 10) + "\u{1B}[201~")
    try session.waitForPrompt()
    session.terminal.send("next\r")
    #expect(
      try session.inputs(count: 3) == [.line(".paste"), .oversizedPaste(110), .line("next")])
  }

  @Test func noHistoryFileIsNoProblem() throws {
    let session = try EditorSession(historyFile: URL(fileURLWithPath: "/proc/forbidden/history"))
    try session.waitForPrompt()
    session.terminal.send("still works\r")
    #expect(try session.inputs(count: 1) == [.line("still works")])
  }
}
