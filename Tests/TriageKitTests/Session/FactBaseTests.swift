import Testing

@testable import TriageKit

/// What a session knows: answers, evidence, `infer:` results and `unknown`, with their precedence.
@Suite struct FactBaseTests {
  /// Two questions: `event-4226` (yes-no) and `log-finding` (choice, by another team) that an
  /// ISA log settles through `infer:`.
  static let body = """
    nodes:
      - id: event-4226
        kind: question
        type: yes-no
        ask: Does the station log event 4226?
        why: W
        choices:
          - { value: "yes", label: "Yes", support: { half-open: 0.8 } }
          - { value: "no", label: "No", support: { half-open: -0.5 } }
        next: log-finding
      - id: log-finding
        kind: question
        type: choice
        ask: What does the ISA log show for the station?
        why: W
        effort: other-team
        choices:
          - { value: rate-quota, label: Rate quota, support: { rate: 0.8 } }
          - { value: nothing, label: Nothing }
          - { value: not-checked, label: Not checked yet }
        infer:
          - when: isa.0xc0040037 > 0
            answer: rate-quota
        next: done
      - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
    causes:
      - { id: half-open, title: H, summary: S, plan: [] }
      - { id: rate, title: R, summary: S, plan: [] }
    """

  static let user = Provenance(.user)
  static let log = Provenance(.evidence, detail: "isa.log")

  static func knowledgeBase() throws -> KnowledgeBase {
    try TestKnowledgeBase.loadSingleFile(body, start: "event-4226")
  }

  static func facts(
    answers: [String: FactValue] = [:], observed: [String: FactValue] = [:],
    reopened: Set<String> = []
  ) throws -> FactBase {
    FactBase(
      try knowledgeBase(), answers: answers.mapValues { GivenAnswer($0, user) },
      reopened: reopened,
      observed: observed.mapValues { Fact(name: "x", value: $0, provenance: log) })
  }

  /// A person's answer beats a fact of the same name from evidence, and beats `infer:`.
  @Test func answerBeatsEvidenceAndInference() throws {
    let facts = try Self.facts(
      answers: ["event-4226": .bool(false), "log-finding": .string("nothing")],
      observed: ["event-4226": .bool(true), "isa.0xc0040037": .number(41)])
    #expect(facts.answered["event-4226"]?.value == .bool(false))
    #expect(facts.answered["event-4226"]?.provenance == Self.user)
    #expect(facts.answered["event-4226"]?.automatic == false)
    #expect(facts.facts["event-4226"]?.value == .bool(false))
    #expect(facts.answered["log-finding"]?.value == .string("nothing"))
    #expect(facts.facts["log-finding"]?.provenance == Self.user)
  }

  /// Evidence under the question's own fact name beats an `infer:` rule that would say otherwise.
  @Test func evidenceBeatsInference() throws {
    let facts = try Self.facts(
      observed: ["log-finding": .string("nothing"), "isa.0xc0040037": .number(41)])
    #expect(facts.answered["log-finding"]?.value == .string("nothing"))
    #expect(facts.answered["log-finding"]?.automatic == true)
    #expect(facts.answered["log-finding"]?.provenance == Self.log)
  }

  /// An `infer:` rule settles a question nobody answered, with the evidence's provenance.
  @Test func inferenceSettlesAnUnansweredQuestion() throws {
    let facts = try Self.facts(observed: ["isa.0xc0040037": .number(41)])
    let settled = try #require(facts.answered["log-finding"])
    #expect(settled.value == .string("rate-quota"))
    #expect(settled.automatic)
    #expect(settled.provenance == Self.log)
    #expect(facts.facts["log-finding"]?.question == "log-finding")
    #expect(facts.answered["event-4226"] == nil)
    #expect(facts.contradictions.isEmpty)
  }

  /// `unknown` stays when nothing else knows; evidence that comes later settles it.
  @Test func lateEvidenceSettlesAnUnknownAnswer() throws {
    let before = try Self.facts(answers: ["log-finding": .unknown])
    #expect(before.answered["log-finding"]?.value == .unknown)
    #expect(before.answered["log-finding"]?.automatic == false)
    #expect(before.facts["log-finding"]?.value == .unknown)
    let after = try Self.facts(
      answers: ["log-finding": .unknown], observed: ["isa.0xc0040037": .number(41)])
    #expect(after.answered["log-finding"]?.value == .string("rate-quota"))
    #expect(after.answered["log-finding"]?.automatic == true)
    #expect(after.answered["log-finding"]?.provenance == Self.log)
    #expect(after.contradictions.isEmpty, "settling `unknown` contradicts nobody")
  }

  /// Evidence that disagrees with a person's answer is kept as a contradiction; the answer stands.
  @Test func contradictionIsRecordedAndTheAnswerKept() throws {
    let facts = try Self.facts(
      answers: ["log-finding": .string("not-checked")], observed: ["isa.0xc0040037": .number(41)])
    #expect(facts.answered["log-finding"]?.value == .string("not-checked"))
    #expect(facts.facts["log-finding"]?.value == .string("not-checked"))
    #expect(
      facts.contradictions == [
        FactBase.Contradiction(
          question: "log-finding", given: .string("not-checked"), observed: .string("rate-quota"),
          observedBy: Self.log)
      ])
    // Agreeing evidence is no contradiction.
    let agreeing = try Self.facts(
      answers: ["log-finding": .string("rate-quota")], observed: ["isa.0xc0040037": .number(41)])
    #expect(agreeing.contradictions.isEmpty)
  }

  /// A question reopened with `.change` is asked again: neither evidence nor `infer:` settles it.
  @Test func reopenedQuestionIsNotSettled() throws {
    let facts = try Self.facts(
      observed: ["isa.0xc0040037": .number(41), "event-4226": .bool(true)],
      reopened: ["log-finding", "event-4226"])
    #expect(facts.answered["log-finding"] == nil)
    #expect(facts.answered["event-4226"] == nil)
    let kb = try Self.knowledgeBase()
    let walk = try Walker.walk(
      kb, answers: [:], reopened: ["log-finding"],
      facts: [
        "isa.0xc0040037": Fact(name: "isa.0xc0040037", value: .number(41), provenance: Self.log)
      ])
    #expect(walk.pendingQuestion?.id == "log-finding", "`.change` is asked first")
    #expect(walk.selection?.reason == .reopened)
    #expect(walk.answeredSteps.isEmpty)
  }

  /// Facts with no value are open; facts answered `unknown` are undetermined but not open.
  @Test func openAndUndeterminedFacts() throws {
    let facts = try Self.facts(answers: ["event-4226": .unknown])
    #expect(facts.open == ["log-finding"])
    #expect(facts.undetermined == ["log-finding", "event-4226"])
    let none = try Self.facts(answers: ["event-4226": .bool(true), "log-finding": .unknown])
    #expect(none.open.isEmpty)
    #expect(none.undetermined == ["log-finding"])
  }
}
