import Testing

@testable import TriageKit

/// Which question the interview asks next, and when it stops (``Interview`` and the
/// ``ValueEstimator`` behind it).
@Suite struct InterviewTests {
  /// A gate (firewall or not) in front of a firewall-team question (`fw-log`, other-team) and a
  /// station question (`station-error`, station); each answer `yes` gives its cause 0.8.
  static let gated = """
    nodes:
      - id: gate
        kind: question
        type: choice
        ask: Is there a firewall between the station and the targets?
        why: W
        choices:
          - { value: firewall, label: A firewall, next: fw-log }
          - { value: none, label: None, next: station-error }
        unknown: { next: fw-log }
      - id: fw-log
        kind: question
        type: yes-no
        ask: Does the firewall log drops for the station?
        why: W
        effort: other-team
        choices:
          - { value: "yes", label: "Yes", support: { firewall: 0.8 } }
          - { value: "no", label: "No", support: { firewall: -0.6 } }
        next: fw-found
      - id: station-error
        kind: question
        type: yes-no
        ask: Does the station log event 4226?
        why: W
        effort: station
        choices:
          - { value: "yes", label: "Yes", support: { station: 0.8 } }
          - { value: "no", label: "No", support: { station: -0.6 } }
        next: station-found
      - { id: fw-found, kind: conclusion, outcome: diagnosed, title: F, text: T, causes: [firewall] }
      - { id: station-found, kind: conclusion, outcome: diagnosed, title: S, text: T, causes: [station] }
    causes:
      - { id: firewall, title: Firewall, summary: S, plan: [] }
      - { id: station, title: Station, summary: S, plan: [] }
    """

  /// `gated` with a follow-up after the firewall log, `fw-rule`, asked only when the log showed
  /// drops (`ask-when: fw-log`); the log's `yes` gives only 0.5 here, so it establishes nothing.
  static let followUp =
    gated
    .replacingOccurrences(of: "support: { firewall: 0.8 } }", with: "support: { firewall: 0.5 } }")
    .replacingOccurrences(
      of: "    next: fw-found\n",
      with: [
        "    next: fw-rule",
        "  - id: fw-rule",
        "    kind: question",
        "    type: yes-no",
        "    ask: Does a flood-mitigation rule match the station?",
        "    why: W",
        "    ask-when: fw-log",
        "    choices:",
        "      - { value: \"yes\", label: \"Yes\", support: { firewall: 0.8 } }",
        "      - { value: \"no\", label: \"No\", support: { firewall: -0.9 } }",
        "    next: fw-found",
        "",
      ].joined(separator: "\n"))

  static func walk(_ body: String, _ answers: [String: FactValue], start: String = "gate")
    throws -> Walk
  {
    let kb = try TestKnowledgeBase.loadSingleFile(body, start: start)
    return try Walker.walk(kb, answers: answers.mapValues { GivenAnswer($0, Provenance(.user)) })
  }

  /// Value for effort: both questions move the causes 0.8 apart, but the station's costs 2 and the
  /// firewall team's 3, so the station question comes first — before the tree's own next step,
  /// the gate, which separates nothing.
  @Test func bestValueForEffortComesFirst() throws {
    let walk = try Self.walk(Self.gated, [:])
    #expect(walk.visited == ["gate"], "the tree waits at the gate")
    #expect(walk.pendingQuestion?.id == "station-error")
    let selection = try #require(walk.selection)
    #expect(selection.reason == .separates)
    #expect(selection.candidate.value == 0.8)
    #expect(selection.candidate.effort == .station)
    #expect(selection.candidate.score == 0.4)
    #expect(selection.candidate.separates == ["station", "firewall"])
    #expect(selection.leaders == ["firewall", "station"])
  }

  /// An answered gate takes its route: only its side can be asked. `unknown` opens both sides,
  /// and the station question wins although the tree's `unknown` route goes to the firewall log.
  @Test func unknownGateOpensBothSides() throws {
    #expect(
      try Self.walk(Self.gated, ["gate": .string("firewall")]).pendingQuestion?.id == "fw-log")
    #expect(
      try Self.walk(Self.gated, ["gate": .string("none")]).pendingQuestion?.id == "station-error")
    let unknown = try Self.walk(Self.gated, ["gate": .unknown])
    #expect(unknown.visited.last == "fw-log")
    #expect(unknown.pendingQuestion?.id == "station-error")
    // And the firewall side stays open behind it.
    let next = try Self.walk(Self.gated, ["gate": .unknown, "station-error": .bool(false)])
    #expect(next.pendingQuestion?.id == "fw-log")
  }

  /// The interview stops as soon as a cause is established (0.8, 0.8 ahead): the gate and the
  /// firewall log are never asked, and the conclusion is the one written for the cause.
  @Test func stopsWhenACauseIsEstablished() throws {
    let walk = try Self.walk(Self.gated, ["station-error": .bool(true)])
    #expect(walk.conclusion?.id == "station-found")
    #expect(walk.selection == nil)
    #expect(walk.visited == ["gate"])
    #expect(walk.answeredSteps.map(\.question) == ["station-error"])
  }

  /// With everything answered `unknown` nothing is left to ask: the outcome is inconclusive and
  /// its checks are the questions that would still decide, cheapest first.
  @Test func inconclusiveOutcomeListsItsChecksCheapestFirst() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(Self.gated, start: "gate")
    let walk = try Walker.walk(
      kb,
      answers: ["gate", "fw-log", "station-error"].reduce(into: [:]) {
        $0[$1] = GivenAnswer(.unknown, Provenance(.user))
      })
    #expect(walk.conclusion?.id == "no-cause-established")
    #expect(walk.conclusion?.outcome == .inconclusive)
    #expect(walk.checks.map(\.node) == ["station-error", "fw-log"])
    #expect(walk.checks.map(\.effort) == [.station, .otherTeam])
    let plan = Diagnosis(walk: walk, knowledgeBase: kb).plan(for: walk, in: kb)
    #expect(plan.map(\.check) == ["station-error", "fw-log"])
    #expect(plan.map(\.step.id) == ["check-station-error", "check-fw-log"])
    #expect(plan.allSatisfy { $0.step.phase == .confirm && !$0.done })
  }

  /// `ask-when:` that is false keeps a question out, however much it would separate; once it
  /// holds, the question competes on its value (here 1.3 for the caller beats 0.8 for the station).
  @Test func askWhenMustHold() throws {
    let ruledOut = try Self.walk(Self.followUp, ["fw-log": .bool(false)])
    #expect(ruledOut.pendingQuestion?.id == "station-error")
    let holds = try Self.walk(Self.followUp, ["fw-log": .bool(true)])
    #expect(holds.pendingQuestion?.id == "fw-rule")
    #expect(holds.selection?.reason == .separates)
    #expect(abs((holds.selection?.candidate.value ?? 0) - 1.3) < 1e-9)
  }

  /// While `ask-when:` is undecided (its question not answered yet) the follow-up waits: "does a
  /// rule match" only after the log showed drops, however much it would separate (0.9 for the
  /// caller); the station question (0.8 for the station) comes first.
  @Test func askWhenUndecidedWaits() throws {
    let walk = try Self.walk(Self.followUp, [:])
    #expect(walk.pendingQuestion?.id == "station-error")
  }

  /// Two questions of equal value and effort: the tree's own next step wins, then the tree order.
  @Test func tiesGoToTheTreesNextStepThenTreeOrder() throws {
    let body = """
      nodes:
        - id: gate
          kind: question
          type: choice
          ask: Which side?
          why: W
          choices:
            - { value: a, label: A, next: q-a }
            - { value: b, label: B, next: q-b }
          unknown: { next: q-b }
        - id: q-a
          kind: question
          type: yes-no
          ask: A?
          why: W
          choices:
            - { value: "yes", label: "Yes", support: { x: 0.6 } }
          next: done
        - id: q-b
          kind: question
          type: yes-no
          ask: B?
          why: W
          choices:
            - { value: "yes", label: "Yes", support: { y: 0.6 } }
          next: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: x, title: X, summary: S, plan: [] }
        - { id: y, title: Y, summary: S, plan: [] }
      """
    let first = try Self.walk(body, [:])
    #expect(first.pendingQuestion?.id == "q-a", "tree order: q-a before q-b")
    #expect(first.selection?.candidate.value == 0.6)
    let unknown = try Self.walk(body, ["gate": .unknown])
    #expect(unknown.visited.last == "q-b")
    #expect(unknown.pendingQuestion?.id == "q-b", "the tree's next step wins the tie")
  }

  /// Established but the plan still needs to choose: a step's `when:` reads the OS, not answered
  /// yet, so the interview asks it (reason `plan-detail`) before concluding — and the log, which
  /// no step's `when:` reads, is never asked.
  @Test func asksAPlanDetailBeforeConcluding() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(DiagnosisTests.plans, start: "symptom")
    var answers = ["symptom": GivenAnswer(.bool(true), Provenance(.user))]
    let detail = try Walker.walk(kb, answers: answers)
    #expect(detail.pendingQuestion?.id == "os")
    #expect(detail.selection?.reason == .planDetail)
    #expect(detail.selection?.leaders.first == "cause-a")
    answers["os"] = GivenAnswer(.string("linux"), Provenance(.user))
    let done = try Walker.walk(kb, answers: answers)
    #expect(done.conclusion?.id == "done")
    #expect(done.answeredSteps.map(\.question) == ["symptom", "os"])
    let plan = Diagnosis(walk: done, knowledgeBase: kb).plan(for: done, in: kb)
    #expect(plan.contains { $0.step.id == "change-linux" })
    #expect(!plan.contains { $0.step.id == "change-windows" })
  }

  /// Below ``Interview/minimumValue`` (0.1) a question is asked only as the tree's own next step:
  /// `tiny` (0.05) waits behind `first`, which separates nothing but is the tree's next; answered
  /// `unknown`, it is no check worth listing.
  @Test func questionsBelowTheMinimumValueWaitForTheTree() throws {
    let body = """
      nodes:
        - { id: first, kind: question, type: text, ask: Name?, why: W, next: tiny }
        - id: tiny
          kind: question
          type: yes-no
          ask: T?
          why: W
          choices:
            - { value: "yes", label: "Yes", support: { x: 0.05 } }
          next: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: x, title: X, summary: S, plan: [] }
        - { id: y, title: Y, summary: S, plan: [] }
      """
    #expect(Interview.minimumValue == 0.1)
    let start = try Self.walk(body, [:], start: "first")
    #expect(start.pendingQuestion?.id == "first")
    #expect(start.selection?.reason == .treeOrder)
    let next = try Self.walk(body, ["first": .string("pc")], start: "first")
    #expect(next.pendingQuestion?.id == "tiny")
    #expect(next.selection?.reason == .treeOrder)
    #expect(abs((next.selection?.candidate.value ?? 0) - 0.05) < 1e-9)
    let done = try Self.walk(body, ["first": .string("pc"), "tiny": .unknown], start: "first")
    #expect(done.conclusion?.id == "no-cause-established")
    #expect(done.checks.isEmpty)
  }

  /// `.change` asks the question again first, whatever it is worth.
  @Test func reopenedQuestionComesFirst() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(Self.gated, start: "gate")
    let walk = try Walker.walk(kb, answers: [:], reopened: ["gate"])
    #expect(walk.pendingQuestion?.id == "gate")
    #expect(walk.selection?.reason == .reopened)
  }
}
