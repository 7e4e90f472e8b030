import Testing

@testable import TriageKit

@Suite struct WalkTests {
  private static let user = Provenance(.user)

  private static func answers(_ values: [String: FactValue], _ provenance: Provenance = user)
    -> [String: GivenAnswer]
  {
    values.mapValues { GivenAnswer($0, provenance) }
  }

  @Test func walkStopsAtTheFirstQuestionWithoutAnAnswer() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(kb, answers: [:])
    #expect(walk.pendingQuestion?.id == "only-this-machine")
    #expect(walk.conclusion == nil)
    #expect(walk.visited == ["only-this-machine"])
    #expect(walk.steps.isEmpty)
    #expect(walk.facts.isEmpty)
    #expect(walk.contributions.isEmpty)
  }

  /// The tree's path is followed as far as the answers go; the support comes from the answers
  /// (in the knowledge base's order) and then the decisions, never from the conclusion reached.
  @Test func walkFollowsAnswersDecisionsAndSharedFactsToAConclusion() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb,
      answers: Self.answers([
        "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
        "station-name": .string("MGMT-01"),
      ]))
    #expect(walk.conclusion?.id == "rate-limit-found")
    #expect(walk.pendingQuestion == nil)
    #expect(
      walk.visited == [
        "only-this-machine", "hosts", "sweep-size", "error-code", "station-name", "confirm-alone",
        "route", "rate-limit-found",
      ])
    #expect(
      walk.steps == [
        .answered(
          question: "only-this-machine", value: .bool(true), provenance: Self.user, automatic: false
        ),
        .answered(question: "hosts", value: .number(500), provenance: Self.user, automatic: false),
        .decided(decision: "sweep-size", condition: "hosts >= 300 and only-this-machine"),
        .answered(
          question: "error-code", value: .string("64"), provenance: Self.user, automatic: false),
        .answered(
          question: "station-name", value: .string("MGMT-01"), provenance: Self.user,
          automatic: false),
        .answered(
          question: "confirm-alone", value: .bool(true), provenance: Self.user, automatic: true),
        .decided(decision: "route", condition: "only-this-machine"),
        .concluded(conclusion: "rate-limit-found"),
      ])
    // only-this-machine (0.4), error-code 64 (0.5), then the decision sweep-size (0.3); the
    // conclusion's own certainties (rate-limit 0.6, dns-outage -0.3) no longer count.
    #expect(walk.contributions.map(\.cause) == ["rate-limit", "rate-limit", "rate-limit"])
    #expect(walk.contributions.map(\.factor) == [0.4, 0.5, 0.3])
    #expect(
      walk.contributions.map(\.step).last
        == .decided(decision: "sweep-size", condition: "hosts >= 300 and only-this-machine"))
    #expect(!walk.contributions.contains { $0.step == .concluded(conclusion: "rate-limit-found") })
    #expect(
      walk.facts.keys.sorted() == ["error-code", "hosts", "only-this-machine", "station-name"])
    #expect(walk.facts["hosts"]?.question == "hosts")
    #expect(walk.facts["hosts"]?.provenance == Self.user)
  }

  /// The path's answers come first in path order, then every other question with a value: here
  /// `confirm-alone`, off the path (the walk waits at station-name), settled by the shared fact.
  @Test func answeredStepsListThePathFirstThenQuestionsOffIt() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb, answers: Self.answers(["only-this-machine": .bool(false), "hosts": .number(10)]))
    #expect(walk.answeredSteps.map(\.question) == ["only-this-machine", "hosts", "confirm-alone"])
    #expect(walk.answeredSteps.map(\.automatic) == [false, false, true])
    #expect(!walk.visited.contains("confirm-alone"))
    // 10 hosts skip the error code: the second branch leads to station-name.
    #expect(walk.steps[2] == .decided(decision: "sweep-size", condition: "hosts < 50"))
    #expect(walk.pendingQuestion?.id == "station-name")
  }

  @Test func otherwiseIsTakenWhenNoBranchHolds() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb, answers: Self.answers(["only-this-machine": .bool(false), "hosts": .number(100)]))
    #expect(walk.steps[2] == .decided(decision: "sweep-size", condition: nil))
    #expect(walk.pendingQuestion?.id == "error-code")
  }

  /// A question whose fact is known is answered by it, shown as automatic with the fact's source.
  /// The tree reaches `dns-found`, but dns-outage has only 0.44 (0.3 and 0.2), short of
  /// established, and nothing is left to ask: the conclusion is the synthesized inconclusive one.
  @Test func knownFactAnswersAQuestionWithTheEarlierProvenance() throws {
    let kb = try TestKnowledgeBase.load()
    let file = Provenance(.answerFile, detail: "answers.yaml")
    let walk = try Walker.walk(
      kb,
      answers: Self.answers(
        [
          "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("1203"),
          "station-name": .string("PC"),
        ], file))
    #expect(
      walk.answeredSteps.last.map {
        [$0.question, $0.value.display, $0.provenance.display, "\($0.automatic)"]
      }
        == ["confirm-alone", "no", "answer-file: answers.yaml", "true"])
    #expect(walk.visited.last == "dns-found")
    #expect(walk.conclusion?.id == "no-cause-established")
    #expect(walk.conclusion?.outcome == .inconclusive)
    #expect(walk.checks.isEmpty, "every question has an answer")
  }

  @Test func evidenceKnownUpFrontAnswersTheFirstQuestion() throws {
    let kb = try TestKnowledgeBase.load()
    let evidence = Provenance(.evidence, detail: "netstat -an")
    let walk = try Walker.walk(
      kb, answers: [:],
      facts: [
        "only-this-machine": Fact(
          name: "only-this-machine", value: .bool(true), provenance: evidence)
      ])
    #expect(
      walk.steps == [
        .answered(
          question: "only-this-machine", value: .bool(true), provenance: evidence, automatic: true)
      ])
    #expect(walk.pendingQuestion?.id == "hosts")
    #expect(
      walk.contributions.map(\.factor) == [0.4], "an automatic answer takes its choice's route")
  }

  /// A person's answer to `confirm-alone` is not replaced by the fact it shares with
  /// `only-this-machine`: the fact becomes `no` and the tree goes to `nothing-found`. The
  /// differential still counts only-this-machine's own `yes` (0.4) with error-code 64 (0.5):
  /// rate-limit reaches 0.7 and is established, so `rate-limit-found` is the conclusion.
  @Test func explicitAnswerOverridesAKnownFact() throws {
    let kb = try TestKnowledgeBase.load()
    var answers = Self.answers([
      "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
      "station-name": .string("MGMT-01"),
    ])
    answers["confirm-alone"] = GivenAnswer(
      .bool(false), Provenance(.user, detail: "second thoughts"))
    let walk = try Walker.walk(kb, answers: answers)
    #expect(
      walk.answeredSteps.last.map {
        [$0.question, $0.value.display, $0.provenance.display, "\($0.automatic)"]
      }
        == ["confirm-alone", "no", "user: second thoughts", "false"])
    #expect(walk.facts["only-this-machine"]?.value == .bool(false))
    #expect(walk.facts["only-this-machine"]?.question == "confirm-alone")
    #expect(walk.visited.last == "nothing-found")
    #expect(walk.contributions.map(\.factor) == [0.4, 0.5])
    #expect(walk.conclusion?.id == "rate-limit-found")
  }

  @Test func reopenedQuestionIsAskedEvenThoughItsFactIsKnown() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb,
      answers: Self.answers([
        "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
        "station-name": .string("MGMT-01"),
      ]), reopened: ["confirm-alone"])
    #expect(walk.pendingQuestion?.id == "confirm-alone")
  }

  /// `unknown` takes the question's `unknown` route in the tree, but its support (dns-outage 0.1
  /// in the test knowledge base) does not count: confidence only from facts.
  @Test func unknownFollowsTheUnknownRouteWithoutItsSupport() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb,
      answers: Self.answers([
        "only-this-machine": .bool(false), "hosts": .unknown, "error-code": .unknown,
      ]))
    // An unknown number makes both comparisons false: `otherwise`.
    #expect(walk.steps[2] == .decided(decision: "sweep-size", condition: nil))
    #expect(walk.pendingQuestion?.id == "station-name")
    let unknownStep = PathStep.answered(
      question: "error-code", value: .unknown, provenance: Self.user, automatic: false)
    #expect(walk.steps[3] == unknownStep)
    #expect(!walk.contributions.contains { $0.step == unknownStep })
    #expect(walk.contributions.map(\.cause) == ["rate-limit", "dns-outage"])
    #expect(walk.contributions.map(\.factor) == [-0.8, 0.3])
    #expect(walk.facts["error-code"]?.value == .unknown)
  }

  @Test func choiceWithItsOwnRouteTakesItsSupport() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Walker.walk(
      kb,
      answers: Self.answers([
        "only-this-machine": .bool(false), "hosts": .number(100), "error-code": .string("53"),
      ]))
    let step = PathStep.answered(
      question: "error-code", value: .string("53"), provenance: Self.user, automatic: false)
    #expect(
      walk.contributions.last == Walk.Contribution(cause: "dns-outage", factor: 0.4, step: step))
    #expect(walk.pendingQuestion?.id == "station-name")
  }

  @Test func sameInputsGiveTheSameWalk() throws {
    let kb = try TestKnowledgeBase.load()
    let answers = Self.answers([
      "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("53"),
      "station-name": .string("PC"),
    ])
    let first = try Walker.walk(kb, answers: answers)
    let second = try Walker.walk(kb, answers: answers)
    #expect(first.steps == second.steps)
    #expect(first.visited == second.visited)
    #expect(first.contributions == second.contributions)
    #expect(first.facts == second.facts)
  }

  /// The runtime guard: a loop stops with `.cycle` instead of spinning. The facts do not change
  /// along one walk, so the first node passed twice (`ask`, after `again` sends the walk back)
  /// is where it stops.
  @Test func loopWithoutNewFactsThrowsCycle() throws {
    let text = """
      nettriage: knowledge-base/1
      id: loop
      version: 1.0.0
      title: Loop
      start: ask
      nodes:
        - { id: ask, kind: question, type: yes-no, ask: A?, why: W, next: again }
        - id: again
          kind: decision
          branches:
            - { when: ask, next: ask }
          otherwise: ask
      """
    let (loaded, diagnostics) = KnowledgeBaseLoader.load(
      [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "kb")
    #expect(diagnostics.isEmpty)
    let kb = try #require(loaded)
    // The linter flags the same loop before any walk.
    #expect(
      KnowledgeBaseLinter.lint(kb).map(\.message).contains(
        "cycle without an exit: 'ask' → 'again' never reaches a conclusion"))
    #expect(throws: TriageError.cycle(node: "ask")) {
      try Walker.walk(kb, answers: Self.answers(["ask": .bool(true)]))
    }
    #expect(throws: TriageError.cycle(node: "ask")) {
      try Walker.walk(kb, answers: Self.answers(["ask": .unknown]))
    }
    #expect(
      TriageError.cycle(node: "again").description
        == "error: the walk came back to 'again' without learning anything new (a loop in the knowledge base)"
    )
  }

  /// A decision that sends the walk back for what it lacks ends: every walk starts from all the
  /// facts known, so the decision goes straight to the next missing piece, and once everything
  /// is known straight to the conclusion, without passing a node twice.
  @Test func loopThatLearnsSomethingNewEnds() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: check
          kind: decision
          branches:
            - { when: known(name) and known(port), next: done }
            - { when: known(name), next: port }
          otherwise: name
        - { id: name, kind: question, type: text, ask: A?, why: W, next: check }
        - { id: port, kind: question, type: number, ask: A?, why: W, next: check }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "check")
    #expect(try Walker.walk(kb, answers: [:]).pendingQuestion?.id == "name")
    let named = try Walker.walk(kb, answers: Self.answers(["name": .string("pc")]))
    #expect(named.visited == ["check", "port"])
    #expect(named.pendingQuestion?.id == "port")
    let walk = try Walker.walk(
      kb, answers: Self.answers(["name": .string("pc"), "port": .number(445)]))
    #expect(walk.visited == ["check", "done"])
    #expect(walk.conclusion?.id == "done")
  }

  @Test func walkReachingAMissingNodeThrows() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, ask: A?, why: W, next: nowhere }
      """, start: "first")
    #expect(
      throws: TriageError.invalidKnowledgeBase([
        Diagnostic(.error, "the walk reached unknown node 'nowhere'", at: nil)
      ])
    ) {
      try Walker.walk(kb, answers: Self.answers(["first": .string("x")]))
    }
  }
}
