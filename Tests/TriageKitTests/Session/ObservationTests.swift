import Foundation
import Testing

@testable import TriageKit

/// Evidence and probe results in a session: `infer:` rules, probe steps, replay policies, the
/// journal form and the report's Evidence section.
@Suite struct ObservationTests {
  static let files = [
    KnowledgeBaseFile(
      name: "knowledge-base.yaml",
      contents: """
        nettriage: knowledge-base/1
        id: observe-kb
        version: 1.0.0
        title: Observation test
        start: count-connections
        """),
    KnowledgeBaseFile(
      name: "nodes.yaml",
      contents: """
        nodes:
          - id: count-connections
            kind: probe
            probe: census
            why: Counting shows which state stands out.
            consent: count this machine's TCP connections by state
            next: netstat-states
          - id: netstat-states
            kind: question
            type: choice
            ask: Which state stands out?
            why: It shows which resource runs out.
            effort: station
            choices:
              - value: syn-sent-ten
                label: SYN_SENT near 10
                support: { half-open: 0.7 }
              - value: many-time-wait
                label: Thousands of TIME_WAIT
                support: { ports: 0.7 }
              - value: nothing
                label: Nothing unusual
            infer:
              - when: tcp.time-wait >= 1000
                answer: many-time-wait
              - when: tcp.syn-sent >= 8 and tcp.syn-sent <= 12
                answer: syn-sent-ten
            next: station-ip
          - id: station-ip
            kind: question
            type: text
            ask: What is the station's address?
            why: Logs are filtered by it.
            infer:
              - when: known(ipconfig.ipv4)
                from: ipconfig.ipv4
            next: decide
          - id: decide
            kind: decision
            branches:
              - when: netstat-states == "many-time-wait"
                next: ports-found
              - when: netstat-states == "syn-sent-ten"
                next: half-open-found
            otherwise: nothing-found
          - id: ports-found
            kind: conclusion
            outcome: diagnosed
            title: Ports run out on {{station-ip|the station}}
            text: TIME_WAIT holds them.
            causes:
              - { cause: ports, certainty: 0.6 }
          - id: half-open-found
            kind: conclusion
            outcome: diagnosed
            title: The half-open limit
            text: SYN_SENT stays at 10.
            causes:
              - { cause: half-open, certainty: 0.6 }
          - id: nothing-found
            kind: conclusion
            outcome: inconclusive
            title: Nothing found
            text: No cause fits.
        causes:
          - id: ports
            title: Ephemeral ports run out
            summary: Closed connections hold their ports.
            plan: [wait]
          - id: half-open
            title: The half-open limit
            summary: Ten attempts at a time.
            plan: [wait]
        steps:
          - id: wait
            title: Wait
            text: Wait a minute.
            risk: low
            permission: none
            verify: It works.
            rollback: Nothing.
        """),
  ]

  static func knowledgeBase() throws -> KnowledgeBase {
    try TestKnowledgeBase.loadChecked(files)
  }

  static func census(timeWait: Int, synSent: Int) -> Observation {
    Observation(
      origin: .probe, kind: "census", format: "ok", label: "probe census",
      facts: [
        "tcp.time-wait": .number(Double(timeWait)), "tcp.syn-sent": .number(Double(synSent)),
      ],
      figures: ["\(timeWait) TIME_WAIT", "\(synSent) SYN_SENT"], raw: "census raw",
      node: "count-connections")
  }

  @Test func theWalkWaitsForConsentAtAProbeStep() throws {
    let session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    let walk = try session.walk()
    #expect(walk.pendingProbe?.id == "count-connections")
    #expect(walk.pendingQuestion == nil)
  }

  /// The probe step settles netstat-states by `infer:`: it is worth what that question is worth
  /// (0.7), at the station's effort like the question, and as the tree's own next step it wins
  /// the tie — consent is asked before the question it would answer.
  @Test func probeThatWouldSettleAQuestionIsOfferedBeforeAskingIt() throws {
    let session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    let walk = try session.walk()
    #expect(walk.pendingProbe?.id == "count-connections")
    let selection = try #require(walk.selection)
    #expect(selection.reason == .separates)
    #expect(selection.candidate.node == "count-connections")
    #expect(abs(selection.candidate.value - 0.7) < 1e-9)
    #expect(selection.candidate.effort == .station)
  }

  @Test func declinedProbeAsksTheQuestionsItWouldHaveAnswered() throws {
    var session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    session.record(.declined(node: "count-connections"))
    let walk = try session.walk()
    #expect(walk.pendingQuestion?.id == "netstat-states")
    #expect(walk.steps.first == .probed(node: "count-connections", probe: "census", ran: false))
  }

  @Test func probeResultAnswersTheQuestionWithItsProvenance() throws {
    var session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    session.observe(Self.census(timeWait: 1214, synSent: 11))
    let walk = try session.walk()
    let answered = try #require(walk.answeredSteps.first)
    #expect(answered.question == "netstat-states")
    #expect(answered.value == .string("many-time-wait"))
    #expect(answered.automatic)
    #expect(
      answered.provenance == Provenance(.probe, detail: "probe census: 1214 TIME_WAIT, 11 SYN_SENT")
    )
    // many-time-wait gives ports 0.7: established, so the interview concludes without asking
    // station-ip, and the title uses its wording for an unknown address.
    #expect(walk.pendingQuestion == nil)
    #expect(walk.conclusion?.id == "ports-found")
    let report = try Report(session: session, generatedAt: TestKnowledgeBase.time)
    #expect(
      MarkdownReportRenderer.render(report).hasPrefix(
        "# NetTriage report: Ports run out on the station"))
  }

  @Test func evidenceGivesAnAnswerFromAFactAndAPersonCanOverrideIt() throws {
    var session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    session.observe(Self.census(timeWait: 3, synSent: 10))
    session.observe(
      Observation(
        origin: .evidence, kind: "ipconfig", format: "windows-ipconfig", label: "ipconfig.txt",
        facts: ["ipconfig.ipv4": .string("10.0.0.5")], figures: ["IPv4 10.0.0.5"], raw: "..."))
    var walk = try session.walk()
    #expect(walk.conclusion?.id == "half-open-found")
    #expect(walk.facts["station-ip"]?.value == .string("10.0.0.5"))
    #expect(walk.facts["station-ip"]?.provenance.source == .evidence)
    // `.change netstat-states`: the person's answer wins over the inferred one.
    _ = session.reopen("netstat-states")
    walk = try session.walk()
    #expect(walk.pendingQuestion?.id == "netstat-states")
    session.answer("netstat-states", .string("nothing"))
    walk = try session.walk()
    #expect(walk.conclusion?.id == "nothing-found")
  }

  @Test func replayPoliciesForProbes() throws {
    let kb = try Self.knowledgeBase()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "observation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let recorded = folder.appendingPathComponent("probes.jsonl")
    let line = try JSONEncoder().encode(Self.census(timeWait: 2000, synSent: 0))
    try (String(decoding: line, as: UTF8.self) + "\n").write(
      to: recorded, atomically: true, encoding: .utf8)
    func replay(_ probes: String) throws -> AnswerReplay {
      let file = try AnswerFile.parse(
        "nettriage: answers/1\nmissing: unknown\nprobes: \(probes)\n",
        path: folder.appendingPathComponent("a.yaml").path, knowledgeBase: kb)
      return try AnswerReplay.replay(
        file, knowledgeBase: kb, sessionID: "r", clock: TestKnowledgeBase.clock, policy: .unknown)
    }
    // Without the probe's facts nothing is established; the tree's own nothing-found speaks of
    // answers that were `unknown`, so the conclusion is the synthesized inconclusive one.
    let skipped = try replay("skip").session.walk()
    #expect(skipped.visited.last == "nothing-found")
    #expect(skipped.conclusion?.id == "no-cause-established")
    #expect(try replay("replay probes.jsonl").session.walk().conclusion?.id == "ports-found")
    // `run` with no probes available here: the probe is recorded as not run, questions follow.
    let ran = try replay("run")
    #expect(ran.session.state.observations.first?.format == "not-run")
    #expect(try ran.session.walk().conclusion?.id == "no-cause-established")
    #expect(throws: TriageError.self) {
      try AnswerFile.parse(
        "nettriage: answers/1\nprobes: sometimes\n", path: "a.yaml", knowledgeBase: kb)
    }
  }

  @Test func observedAndDeclinedEventsRoundTripThroughJSON() throws {
    for kind in [
      SessionEvent.Kind.observed(Self.census(timeWait: 5, synSent: 1)), .declined(node: "x"),
    ] {
      let event = SessionEvent(sequence: 3, time: TestKnowledgeBase.time, kind: kind)
      let data = try JSONEncoder().encode(event)
      #expect(try JSONDecoder().decode(SessionEvent.self, from: data) == event)
    }
  }

  @Test func reportShowsEvidenceAndItsRawTextWithoutBreakingTheDocument() throws {
    var session = Session(
      id: "s", knowledgeBase: try Self.knowledgeBase(), clock: TestKnowledgeBase.clock)
    let hostile =
      "  TCP  10.0.0.5:1  10.0.0.9:445  TIME_WAIT\n````\n</details>\n<script>x</script>\n| a | b |\n\u{1B}[31m"
    session.observe(
      Observation(
        origin: .evidence, kind: "netstat", format: "windows-netstat", label: "net<b>stat</b>.txt",
        facts: ["tcp.time-wait": .number(1500)], figures: ["1,500 TIME_WAIT"], raw: hostile))
    session.record(.declined(node: "count-connections"))
    let report = try Report(session: session, generatedAt: TestKnowledgeBase.time)
    let markdown = MarkdownReportRenderer.render(report)
    #expect(markdown.contains("## Evidence and probes"))
    #expect(markdown.contains("| 1 | net&lt;b>stat&lt;/b>.txt | `netstat` windows-netstat |"))
    #expect(
      markdown.contains(
        "<details><summary>1. Raw text: net&lt;b&gt;stat&lt;/b&gt;.txt (6 lines)</summary>"))
    // The fence is longer than the longest backtick run in the text.
    #expect(markdown.contains("\n`````text\n  TCP  10.0.0.5:1"))
    #expect(markdown.contains("\n`````\n\n</details>"))
    #expect(!markdown.contains("\u{1B}"))
    let json = JSONReportRenderer.render(report)
    #expect(json.contains("\"evidence\" : ["))
    #expect(json.contains("\"origin\" : \"evidence\""))
  }
}
