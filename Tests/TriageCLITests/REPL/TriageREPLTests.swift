import Foundation
import LineEditing
import Testing
import TriageKit

@testable import TriageCLI

/// The REPL driven in-process with a scripted editor and captured output: every state bug of
/// issue 13 has a test here that failed before its fix.
@Suite("REPL in-process")
struct TriageREPLTests {
  static let knowledgeBase = """
    nettriage: knowledge-base/1
    id: repl-kb
    version: 1.0.0
    title: REPL test
    start: hosts
    nodes:
      - id: hosts
        kind: question
        type: number
        fact: hosts
        unit: hosts
        ask: How many **hosts** does one sweep reach?
        why: Size matters.
        next: targets
      - id: targets
        kind: question
        type: text
        fact: targets
        ask: Where is the list of the {{hosts|sweep's}} hosts?
        why: The probe needs it.
        next: measure
      - id: measure
        kind: probe
        probe: fanout
        arguments:
          targets: "{{targets}}"
        why: Opens connections to the hosts in `{{targets}}`.
        consent: open connections to the hosts in {{targets}}
        next: pattern
        skipped: pattern
      - id: pattern
        kind: question
        type: choice
        fact: pattern
        ask: |
          After a sweep of {{hosts|many}} hosts, how does it recover?

          - look at the **clock**
          - then answer
        why: Timing tells the limits apart.
        choices:
          - value: minute
            label: About a minute later
            support: { rate: 0.8 }
          - value: never
            label: Not by itself
            support: { rate: -0.4 }
        next: decide
      - id: decide
        kind: decision
        branches:
          - when: pattern == "minute"
            next: rate-found
        otherwise: nothing-found
      - id: rate-found
        kind: conclusion
        outcome: diagnosed
        title: A rate limit after {{hosts|many}} hosts
        text: The **rate** is exceeded.
        causes:
          - { cause: rate, certainty: 0.6 }
      - id: nothing-found
        kind: conclusion
        outcome: inconclusive
        title: Nothing found
        text: No cause fits.
    causes:
      - id: rate
        title: A connection rate limit
        summary: Too many new connections a minute.
        plan: [wait]
    steps:
      - id: wait
        title: Wait a minute
        text: Wait.
        risk: low
        permission: none
        verify: It works.
        rollback: Nothing.
    """

  /// A session, its REPL's output and its journal, in a temporary folder.
  final class Harness {
    let folder: TemporaryDirectory
    let kb: KnowledgeBase
    let out = CapturedOutput()
    let err = CapturedOutput()
    var session: Session

    init() throws {
      folder = try TemporaryDirectory()
      try folder.write("kb/knowledge-base.yaml", TriageREPLTests.knowledgeBase)
      var options = KnowledgeBaseOptions()
      options.directory = folder.path("kb")
      kb = try options.load()
      session = Session(
        id: "test-session", knowledgeBase: kb,
        clock: .fixed(Date(timeIntervalSince1970: 1_700_000_000)))
    }

    var journalDirectory: URL { folder.url.appendingPathComponent("sessions") }
    var journalURL: URL { journalDirectory.appendingPathComponent("test-session.jsonl") }

    /// Runs the REPL over `script` on a fresh recorder (a new session) or the saved journal.
    @discardableResult
    func run(
      _ script: [LineInput], width: Int? = 80, resume: Bool = false,
      probe: @escaping @Sendable (ProbeNode, [String: String]) -> Observation = { node, _ in
        .notRun(node, reason: "no probes in tests")
      }
    ) throws -> Report.Outcome {
      let recorder: SessionRecorder
      if resume {
        let (journal, _, events) = try SessionJournal.open(journalURL)
        session = Session(
          id: "test-session", knowledgeBase: kb, events: events,
          clock: .fixed(Date(timeIntervalSince1970: 1_700_000_000)))
        recorder = SessionRecorder(journal: journal)
      } else {
        recorder = SessionRecorder(
          directory: journalDirectory,
          header: .init(
            session: "test-session", kb: kb.identity, kbPath: nil,
            started: Date(timeIntervalSince1970: 1_700_000_000)))
      }
      let out = self.out
      let err = self.err
      let repl = TriageREPL(
        session: session, recorder: recorder, editor: ScriptedLineEditor(script),
        clock: .fixed(Date(timeIntervalSince1970: 1_700_000_000)),
        out: Terminal(width: width) { out.append($0) },
        err: Terminal(width: width) { err.append($0) },
        environment: ["PAGER": "cat"], probeRunner: probe)
      let outcome = try repl.run()
      session = repl.currentSession
      return outcome
    }

    func journalLines() throws -> [String] {
      try String(contentsOf: journalURL, encoding: .utf8).split(separator: "\n").map(String.init)
    }
  }

  static func lines(_ lines: String...) -> [LineInput] { lines.map(LineInput.line) }

  // MARK: - Broken 2: templates filled wherever a question's text appears

  @Test func templatesAreFilledInQuestionsHowAndSavedAnswers() throws {
    let harness = try Harness()
    let saved = harness.folder.path("saved.yaml")
    try harness.run(
      Self.lines("500", "unknown", ".how", ".save answers \(saved)", ".quit"))
    let out = harness.out.text
    #expect(out.contains("Where is the list of the 500 hosts?"))
    #expect(out.contains("After a sweep of 500 hosts, how does it recover?"))
    #expect(!out.contains("{{"), "\(out)")
    let answers = try String(contentsOfFile: saved, encoding: .utf8)
    #expect(!answers.contains("{{"), "\(answers)")
    #expect(answers.contains("500 hosts"))
  }

  // MARK: - Broken 3: a probe is offered again after it failed, and "ran" only when it ran

  @Test func aFailedProbeIsMarkedFailedAndOfferedAgainWhenItsInputChanges() throws {
    let harness = try Harness()
    let runs = RunCounter()
    let probe: @Sendable (ProbeNode, [String: String]) -> Observation = { node, arguments in
      runs.increment()
      if arguments["targets"] == "/wrong/path" {
        return Observation(
          origin: .probe, kind: "fanout", format: "failed", label: "probe fanout", facts: [:],
          figures: ["failed: cannot read '/wrong/path'"], raw: "", node: node.id)
      }
      return Observation(
        origin: .probe, kind: "fanout", format: "ok", label: "probe fanout",
        facts: ["fanout.failures": .number(0)], figures: ["40 connections"], raw: "ok",
        node: node.id)
    }
    try harness.run(
      Self.lines(
        "500", "/wrong/path", "y", ".how", ".change targets", "/right/path", "y", ".how",
        ".save answers \(harness.folder.path("saved.yaml"))", ".quit"),
      probe: probe)
    // The saved file replays the run the session used, not the failed one before it.
    let recorded = try harness.folder.read("saved.probes.jsonl").split(separator: "\n")
    #expect(recorded.count == 1)
    #expect(recorded.first?.contains("\"format\":\"ok\"") == true)
    let out = harness.out.text
    #expect(runs.count == 2, "consent was asked again and the probe ran with the new input")
    #expect(out.contains("✗ probe fanout failed: cannot read '/wrong/path'"), "\(out)")
    #expect(out.components(separatedBy: "Probe · measure").count == 3)
    #expect(out.contains("Last time it failed: cannot read '/wrong/path'"))
    #expect(out.contains("measure: probe fanout failed (failed: cannot read '/wrong/path')"))
    #expect(out.contains("measure: probe fanout ran"))
    #expect(!out.contains("✓ probe fanout: failed"))
  }

  @Test func aProbeThatRanIsOfferedAgainWhenAnAnswerChangesItsInputs() throws {
    let harness = try Harness()
    let runs = RunCounter()
    let probe: @Sendable (ProbeNode, [String: String]) -> Observation = { node, arguments in
      runs.increment()
      return Observation(
        origin: .probe, kind: "fanout", format: "ok", label: "probe fanout", facts: [:],
        figures: ["ran on \(arguments["targets"] ?? "")"], raw: "ok", node: node.id)
    }
    try harness.run(
      Self.lines("500", "/first", "y", ".change targets", "/second", "y", ".quit"), probe: probe)
    #expect(runs.count == 2)
    #expect(harness.out.text.contains("It ran before with other inputs"))
  }

  // MARK: - Broken 4: .change on a question not on the path

  @Test func changeOnAQuestionOffThePathSaysSoAndChangesNothing() throws {
    let harness = try Harness()
    try harness.run(Self.lines("500", ".change pattern", ".quit"))
    #expect(
      harness.err.text.contains(
        "'pattern' is not on the path so far, so there is nothing to change"))
    let lines = try harness.journalLines()
    #expect(!lines.contains { $0.contains("\"reopened\"") })
    #expect(!lines.contains { $0.contains("\"undone\"") })
  }

  // MARK: - Broken 5: paths with spaces

  @Test(arguments: [
    "\"with space/netstat.txt\"", "'with space/netstat.txt'", "with\\ space/netstat.txt",
  ])
  func loadOpensAPathWithSpaces(_ written: String) throws {
    let harness = try Harness()
    let netstat = try String(
      contentsOf: Repository.root.appendingPathComponent(
        "Tests/TriageEvidenceTests/Fixtures/netstat"
      ).appendingPathComponent(
        try #require(
          FileManager.default.contentsOfDirectory(
            atPath: Repository.root.appendingPathComponent(
              "Tests/TriageEvidenceTests/Fixtures/netstat"
            ).path
          ).sorted().first { $0.hasPrefix("windows-10-netstat-an") })), encoding: .utf8)
    try harness.folder.write("with space/netstat.txt", netstat)
    try harness.run(Self.lines(".load \(harness.folder.url.path)/\(written)", ".quit"))
    #expect(harness.out.text.contains("✓ read netstat"), "\(harness.err.text)")
  }

  @Test func anUnclosedQuoteIsAnErrorNotAFileName() throws {
    let harness = try Harness()
    try harness.run(Self.lines(".load \"no end", ".quit"))
    #expect(harness.err.text.contains("unclosed quote"))
  }

  // MARK: - Broken 6: resume adds no events

  @Test func resumingAndLeavingAddsNoEvent() throws {
    let harness = try Harness()
    try harness.run(Self.lines("500", ".quit"))
    let first = try harness.journalLines()
    #expect(first.contains { $0.contains("\"asked\"") })
    try harness.run(Self.lines(".quit"), resume: true)
    try harness.run([], resume: true)
    #expect(try harness.journalLines() == first)
  }

  @Test func leavingBeforeAnyAnswerSavesNoSession() throws {
    let harness = try Harness()
    try harness.run(Self.lines(".help", ".quit"))
    #expect(!FileManager.default.fileExists(atPath: harness.journalURL.path))
    #expect(harness.out.text.contains("Nothing was answered, so no session was saved."))
  }

  // MARK: - Pasting

  @Test func aPasteKeepsItsTabsAndIsReadAsEvidence() throws {
    let harness = try Harness()
    let tsv = try String(
      contentsOf: Repository.root.appendingPathComponent(
        "Tests/TriageEvidenceTests/Fixtures/isa-text/log-viewer-copy.constructed.tsv"),
      encoding: .utf8
    ).replacingOccurrences(of: "\r\n", with: "\n")
    try harness.run([.line(".paste"), .pasted(tsv), .line(".quit")])
    #expect(harness.out.text.contains("✓ read isa-log (log-viewer-tab) from pasted at"))
  }

  @Test func aMultiLinePasteAtTheAnswerPromptIsOfferedAsEvidence() throws {
    let harness = try Harness()
    let tsv = try String(
      contentsOf: Repository.root.appendingPathComponent(
        "Tests/TriageEvidenceTests/Fixtures/isa-text/log-viewer-copy.constructed.tsv"),
      encoding: .utf8
    ).replacingOccurrences(of: "\r\n", with: "\n")
    try harness.run([.pasted(tsv), .line(""), .line(".quit")])
    let out = harness.out.text
    #expect(out.contains("That looks like pasted text (16 lines), not an answer."), "\(out)")
    #expect(out.contains("✓ read isa-log"))
    #expect(!harness.err.text.contains("expected a number"))
  }

  @Test func anUnreadablePasteIsKeptOnceWithTheReason() throws {
    let harness = try Harness()
    let garbage = "nothing here\nis evidence\nat all"
    try harness.run([
      .line(".paste"), .pasted(garbage), .line(".paste"), .pasted(garbage), .line(".quit"),
    ])
    #expect(harness.session.state.notes.count == 1)
    let note = try #require(harness.session.state.notes.first)
    #expect(note.hasPrefix("Pasted text (3 lines) that could not be read as evidence ("))
    #expect(harness.out.text.contains("The same text is already kept as a note."))
  }

  // MARK: - Output

  @Test func jsonDashPrintsTheReportHereAndWritesNoFile() throws {
    let harness = try Harness()
    let existed = FileManager.default.fileExists(atPath: "-")
    try harness.run(Self.lines("500", ".json -", ".quit"))
    #expect(harness.out.text.contains("nettriage.report/1"))
    #expect(FileManager.default.fileExists(atPath: "-") == existed)
  }

  @Test func textIsWrappedAtWordsAndMarkdownIsRendered() throws {
    let harness = try Harness()
    try harness.run(Self.lines("500", "unknown", ".quit"), width: 30)
    let out = harness.out.text
    for line in out.split(separator: "\n") {
      #expect(TextWrapper.visibleWidth(String(line)) <= 30, "'\(line)'")
    }
    #expect(!out.contains("**"))
    #expect(!out.contains("`"))
    #expect(out.contains("• look at the clock"))
  }

  @Test func wordsPeopleTypeWorkAsCommandsAndNumbers() throws {
    let harness = try Harness()
    try harness.run(Self.lines("about 500", "?", "quit"))
    #expect(harness.session.state.answers["hosts"]?.answer.value == .number(500))
    #expect(harness.out.text.contains("Commands:"))
    #expect(harness.out.text.contains("Session test-session saved (1 answer, in progress)."))
  }

  @Test func aWrongChoiceListsTheLabelsThePersonSawWithTheirValues() throws {
    let harness = try Harness()
    try harness.run(Self.lines("500", "unknown", "sometimes", ".quit"), width: nil)
    #expect(
      harness.err.text.contains(
        "; the choices: 1 About a minute later ('minute'), 2 Not by itself ('never'), or 3 unknown"
      ), "\(harness.err.text)")
  }
}

/// Counts calls from a probe closure.
final class RunCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  var count: Int { lock.withLock { value } }
  func increment() { lock.withLock { value += 1 } }
}
