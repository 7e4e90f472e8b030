import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real libedit REPL through a pseudo-terminal, as a person uses it.
@Suite("REPL on a terminal", .serialized)
struct REPLTerminalTests {
  let state: TemporaryDirectory

  init() throws {
    state = try TemporaryDirectory()
  }

  private var environment: [String: String] {
    PseudoTerminal.baseEnvironment.merging([
      "HOME": state.url.path, "XDG_STATE_HOME": state.url.appendingPathComponent("state").path,
      "SOURCE_DATE_EPOCH": "1700000000",
      // Long output (.why, .how) would otherwise wait in less for a key.
      "PAGER": "cat",
    ]) { _, new in new }
  }

  private func start(_ arguments: [String] = []) throws -> PseudoTerminal {
    try PseudoTerminal(
      executable: PseudoTerminal.builtProduct(named: "nettriage"), arguments: arguments,
      environment: environment,
      currentDirectory: state.url)
  }

  /// Waits for the prompt and for libedit to take the keyboard, then types `line` and Enter.
  private func answer(_ terminal: PseudoTerminal, _ line: String, prompt: String = "answer> ")
    throws
  {
    try terminal.waitFor(prompt)
    try terminal.waitForRawMode()
    try terminal.send(line + "\r")
  }

  private func sessionID(in output: String) throws -> String {
    let line = try #require(
      output.split(separator: "\n").first { $0.hasPrefix("Resume with: nettriage resume ") })
    return String(line.dropFirst("Resume with: nettriage resume ".count))
  }

  /// The interview's order (knowledge base 0.4): error-code, firewall-path, only-this-machine,
  /// station-os.
  @Test func answersCompletesDiscardsAndUndoes() throws {
    let terminal = try start()
    try terminal.waitFor("Question 1 · error-code")
    try answer(terminal, "1")
    try terminal.waitFor("Question 2 · firewall-path")
    // Ctrl-C in the middle of a line abandons the line, not the session.
    try terminal.waitFor("answer> ")
    try terminal.waitForRawMode()
    try terminal.send("12345")
    try terminal.sendControl("c")
    try terminal.waitFor("line discarded")
    // Tab completes a choice's value.
    try terminal.waitFor("answer> ")
    try terminal.waitForRawMode()
    try terminal.send("isa-2006-s")
    try terminal.send("\t")
    try terminal.waitFor("isa-2006-standard")  // the completed word is on the line before Enter
    try terminal.send("\r")
    try terminal.waitFor("Question 3 · only-this-machine")
    try answer(terminal, "Ye")  // a unique, case-insensitive prefix of a label
    try terminal.waitFor("Question 4 · station-os")
    try answer(terminal, ".why")
    try terminal.waitFor("Why this question (station-os)")
    // Answers as the person saw them: the choices' labels, not their values.
    try terminal.waitFor("error-code = System error 53 (user)")
    try terminal.waitFor("firewall-path = ISA Server 2006 Standard Edition (user)")
    try answer(terminal, ".back")
    try terminal.waitFor("answer to 'only-this-machine' undone")
    try terminal.waitFor("Question 3 · only-this-machine")
    try answer(terminal, "1")
    try terminal.waitFor("Question 4 · station-os")
    try answer(terminal, ".facts")
    try terminal.waitFor("isa-2006-standard")
    try terminal.waitForRawMode()
    try terminal.sendControl("d")
    try terminal.waitFor("Resume with: nettriage resume ")
    #expect(try terminal.waitForExit() == 2)
  }

  @Test func ctrlDThenResumeKeepsEveryAnswer() throws {
    let first = try start()
    try answer(first, "53")
    try answer(first, "none")
    try answer(first, "windows-modern")
    try first.waitFor("Question 4")
    try first.waitFor("answer> ")
    try first.waitForRawMode()
    try first.sendControl("d")
    try first.waitFor("(3 answers, in progress)")
    try first.waitFor("\n")
    #expect(try first.waitForExit() == 2)
    let id = try sessionID(in: first.output)

    let resumed = try start(["resume", id])
    try resumed.waitFor("resuming session \(id)")
    try resumed.waitFor("3 answers so far")
    try resumed.waitFor("Question 4 · only-this-machine")
    try answer(resumed, ".facts")
    try resumed.waitFor("firewall-path")
    try resumed.waitFor("none")
    try resumed.waitFor("station-os")
    try resumed.waitFor("windows-modern")
    try answer(resumed, ".quit")
    #expect(try resumed.waitForExit() == 2)
  }

  @Test func killNineAtAPromptLosesNoAnswer() throws {
    let first = try start()
    try answer(first, "64")
    try answer(first, "unknown")
    try answer(first, "yes")
    try answer(first, "windows-modern")
    try first.waitFor("Question 5 · large-transfers-stall")
    try first.waitFor("answer> ")
    try first.waitForRawMode()
    first.kill()
    #expect(try first.waitForExit() == 128 + SIGKILL)

    let resumed = try start(["resume"])
    try resumed.waitFor("4 answers so far")
    try resumed.waitFor("Question 5 · large-transfers-stall")
    try answer(resumed, ".facts")
    try resumed.waitFor("error-code")
    try resumed.waitFor("64")
    try resumed.waitFor("firewall-path")
    try resumed.waitFor("unknown")
    try resumed.waitFor("station-os")
    try resumed.waitFor("windows-modern")
    try answer(resumed, ".quit")
    #expect(try resumed.waitForExit() == 2)
  }

  @Test func savedAnswersReplayToTheSameReportByteForByte() throws {
    let terminal = try start()
    try answer(terminal, "64")
    try answer(terminal, ".back")  // saved answers reflect undone ones
    try answer(terminal, "53")
    try answer(terminal, "tmg")
    try answer(
      terminal, ".note caller says: `net use` fails <b>after</b> ~300 hosts | see ```ticket```")
    try answer(terminal, "yes")
    try answer(terminal, "windows-modern")
    try answer(terminal, "300")
    try answer(terminal, "1")
    try terminal.waitFor("Diagnosed: ")
    let report = state.path("interactive.md")
    let json = state.path("interactive.json")
    let saved = state.path("saved.yaml")
    try answer(terminal, ".report \(report)", prompt: "done> ")
    try terminal.waitFor("report written")
    try answer(terminal, ".json \(json)", prompt: "done> ")
    try terminal.waitFor("JSON report written")
    try answer(terminal, ".save answers \(saved)", prompt: "done> ")
    try terminal.waitFor("answers written")
    try answer(terminal, ".quit", prompt: "done> ")
    #expect(try terminal.waitForExit() == 0)

    let replayed = try BinaryRun.run(
      [
        "run", "--answers", saved, "--report", state.path("replayed.md"), "--json",
        state.path("replayed.json"),
      ],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(replayed.status == 0, "\(replayed.standardError)")
    // The same report but for the header's session: the REPL's is kept, a replay keeps none.
    func withoutSession(_ text: String) -> [Substring] {
      text.split(separator: "\n").filter {
        !$0.hasPrefix("| Session | ") && !$0.hasPrefix("    \"session\" : ")
          && !$0.hasPrefix("    \"resumable\" : ")
      }
    }
    #expect(
      try withoutSession(state.read("replayed.md")) == withoutSession(state.read("interactive.md")))
    #expect(
      try withoutSession(state.read("replayed.json"))
        == withoutSession(state.read("interactive.json")))
    // error-code takes several choices: saved as a list of one.
    #expect(try state.read("saved.yaml").contains("error-code: [\"53\"]"))
    // The note cannot break the document: no fence opens and the HTML is inert.
    let markdown = try state.read("interactive.md")
    #expect(
      markdown.contains(
        "> caller says: \\`net use\\` fails &lt;b>after&lt;/b> \\~300 hosts \\| see \\`\\`\\`ticket\\`\\`\\`"
      ))
    #expect(!markdown.contains("```ticket"))
  }

  @Test func unknownCommandSuggestsTheNearMatch() throws {
    let terminal = try start()
    try answer(terminal, ".hepl")
    try terminal.waitFor("unknown command '.hepl' (did you mean '.help'?)")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
  }

  @Test func nonASCIIInputArrivesIntact() throws {
    let terminal = try start()
    try answer(terminal, "yes")
    try answer(terminal, ".note Café in Zürich — ☎ ok")
    try terminal.waitFor("noted")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
    let journals = try FileManager.default.contentsOfDirectory(
      atPath: state.url.appendingPathComponent("state/nettriage/sessions").path)
    let text = try String(
      contentsOf: state.url.appendingPathComponent(
        "state/nettriage/sessions/\(try #require(journals.first))"),
      encoding: .utf8)
    #expect(text.contains("Café in Zürich — ☎ ok"))
  }

  /// Everything but the firewall in the path: the ISA causes require it, so the interview asks it.
  @Test func answerFileWithMissingAskAsksOnTheTerminal() throws {
    let answers = try state.write(
      "partial.yaml",
      """
      nettriage: answers/1
      missing: ask
      answers:
        only-this-machine: yes
        internet-also-fails: yes
        hosts-per-sweep: 500
        recovery-pattern: when-sessions-close
        error-code: "53"
        ipconfig-check: normal
        dns-lookup-result: answer-ok
        isa-log-finding: connection-limit
        failing-host: unknown
        sweep-targets: unknown
        sweep-minutes: 5
        netbios-over-tcp: yes
        session-hold-minutes: 15
      """)
    let terminal = try start(["run", "--answers", answers, "--report", state.path("asked.md")])
    try terminal.waitFor("asking here")
    try terminal.waitFor("firewall-path")
    try answer(terminal, "tmg-2010")
    try terminal.waitFor("Diagnosed: ")
    #expect(try terminal.waitForExit() == 0)
    let report = try state.read("asked.md")
    #expect(report.contains("| Forefront Threat Management Gateway (TMG) 2010 | user |"))
    #expect(report.contains("| answer-file |"))
    // A person took over, so the session is journalled: the report names it.
    #expect(report.contains("| Session | `"))
    #expect(!report.contains("none kept"))
  }

  @Test func answerFileHandedOverAndLeftUnfinishedSaysHowToResume() throws {
    let answers = try state.write(
      "partial.yaml",
      """
      nettriage: answers/1
      missing: ask
      answers:
        only-this-machine: yes
      """)
    let terminal = try start(["run", "--answers", answers, "--report", state.path("left.md")])
    try terminal.waitFor("asking here")
    try answer(terminal, ".quit")
    _ = try terminal.waitForExit()
    let report = try state.read("left.md")
    #expect(report.contains("Resume the session to answer it: `nettriage resume "))
    #expect(!report.contains("none kept"))
  }

  /// The ISA log viewer's "Copy All Results", tab-separated as the clipboard holds it, sent as a
  /// terminal sends a paste: every line end a carriage return.
  private static func isaLogViewerCopy() throws -> String {
    try String(
      contentsOf: Repository.root.appendingPathComponent(
        "Tests/TriageEvidenceTests/Fixtures/isa-text/log-viewer-copy.constructed.tsv"),
      encoding: .utf8)
  }

  @Test func pasteReadsATabSeparatedISALogViewerCopyWithItsFacts() throws {
    let copy = try Self.isaLogViewerCopy()
    #expect(copy.contains("\t"))
    let terminal = try start()
    try answer(terminal, ".paste")
    try terminal.waitFor("Paste the text")
    try terminal.waitForVerbatimMode()
    // CRLF as on the Windows clipboard; a terminal turns each line end into CR.
    try terminal.send(copy.replacingOccurrences(of: "\r\n", with: "\r") + ".\r")
    try terminal.waitFor("✓ read isa-log (log-viewer-tab) from pasted at")
    try terminal.waitFor("15 records")
    try answer(terminal, ".facts all")
    try terminal.waitFor("From evidence: isa-log")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
  }

  @Test func aBracketedPasteEndsByItselfAndCtrlCCancelsAPaste() throws {
    let copy = try Self.isaLogViewerCopy()
    let terminal = try start()
    try answer(terminal, ".paste")
    try terminal.waitForVerbatimMode()
    try terminal.send("half a line")
    try terminal.sendControl("c")
    try terminal.waitFor("(paste cancelled)")
    try answer(terminal, ".paste isa-log")
    try terminal.waitForVerbatimMode()
    try terminal.send(
      "\u{1B}[200~" + copy.replacingOccurrences(of: "\r\n", with: "\r") + "\u{1B}[201~")
    try terminal.waitFor("✓ read isa-log (log-viewer-tab) from pasted at")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
  }

  @Test func aPasteAtTheAnswerPromptIsOfferedAsEvidenceWithItsTabs() throws {
    let copy = try Self.isaLogViewerCopy()
    let terminal = try start()
    try terminal.waitFor("answer> ")
    try terminal.waitForRawMode()
    try terminal.send(copy.replacingOccurrences(of: "\r\n", with: "\r"))
    try terminal.waitFor("That looks like pasted text (16 lines), not an answer.")
    try answer(terminal, "y", prompt: "Read it as evidence? [Y/n] ")
    try terminal.waitFor("✓ read isa-log (log-viewer-tab) from pasted at")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
  }

  @Test func pasteReadsAnEventViewerSaveAsTextWithItsTabs() throws {
    // Windows XP Event Viewer "Save Log File As… Text": "Event Type:\tWarning" and so on.
    let export = try String(
      contentsOf: Repository.root.appendingPathComponent(
        "Tests/TriageEvidenceTests/Fixtures/eventviewer-text/xp-mrxsmb-50.txt"),
      encoding: .utf8)
    #expect(export.contains("Event Source:\tMRxSmb"))
    let terminal = try start()
    try answer(terminal, ".paste")
    try terminal.waitForVerbatimMode()
    try terminal.send(
      export.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r")
        + ".\r")
    try terminal.waitFor("✓ read eventlog (eventviewer-xp-text) from pasted at")
    try answer(terminal, ".quit")
    #expect(try terminal.waitForExit() == 2)
  }
}
