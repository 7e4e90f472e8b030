import Testing

@testable import TriageKit

@Suite struct AnswerReplayTests {
  private static func file(_ answers: String, notes: String = "") throws -> AnswerFile {
    try AnswerFile.parse(
      "nettriage: answers/1\nanswers:\n\(answers)\n\(notes)", path: "a.yaml",
      knowledgeBase: try TestKnowledgeBase.load())
  }

  private static func replay(_ file: AnswerFile, _ policy: AnswerFile.MissingPolicy) throws
    -> AnswerReplay
  {
    try AnswerReplay.replay(
      file, knowledgeBase: try TestKnowledgeBase.load(), sessionID: "replay",
      clock: TestKnowledgeBase.clock, policy: policy)
  }

  @Test func completeFileConcludes() throws {
    let file = try Self.file(
      """
        only-this-machine: no
        hosts: 500
        error-code: "53"
        station-name: PC-1
      """, notes: "notes: [first, second]")
    let replay = try Self.replay(file, .error)
    #expect(replay.missing == nil)
    #expect(replay.likelyNext.isEmpty)
    #expect(replay.unused.isEmpty)
    #expect(replay.session.id == "replay")
    #expect(
      replay.session.events.map(\.kind) == [
        .noted(text: "first"), .noted(text: "second"),
        .answered(
          question: "only-this-machine", value: .bool(false), provenance: Provenance(.answerFile)),
        .answered(question: "hosts", value: .number(500), provenance: Provenance(.answerFile)),
        .answered(
          question: "error-code", value: .string("53"), provenance: Provenance(.answerFile)),
        .answered(
          question: "station-name", value: .string("PC-1"), provenance: Provenance(.answerFile)),
      ])
    #expect(replay.session.events.allSatisfy { $0.time == TestKnowledgeBase.time })
    #expect(try replay.session.walk().conclusion?.id == "dns-found")
  }

  @Test(arguments: [AnswerFile.MissingPolicy.error, .ask])
  func errorAndAskStopAtTheFirstMissingAnswer(policy: AnswerFile.MissingPolicy) throws {
    let replay = try Self.replay(try Self.file("  only-this-machine: yes"), policy)
    #expect(replay.missing?.id == "hosts")
    // Walking on with unknown: hosts → sweep-size (otherwise) → error-code → station-name.
    #expect(replay.likelyNext == ["error-code", "station-name"])
    #expect(replay.session.events.count == 1, "the probe walk leaves the session alone")
    #expect(try replay.session.walk().pendingQuestion?.id == "hosts")
  }

  @Test func defaultPolicyTakesDefaultsThenStopsWhereThereIsNone() throws {
    let replay = try Self.replay(try Self.file("  only-this-machine: yes"), .default)
    #expect(replay.missing?.id == "station-name")
    #expect(replay.likelyNext.isEmpty)
    #expect(
      replay.session.events.map(\.kind).dropFirst() == [
        .answered(question: "hosts", value: .number(100), provenance: Provenance(.default)),
        .answered(question: "error-code", value: .string("64"), provenance: Provenance(.default)),
      ])
  }

  @Test func unknownPolicyAnswersUnknownToTheEnd() throws {
    let replay = try Self.replay(try Self.file("  only-this-machine: yes"), .unknown)
    #expect(replay.missing == nil)
    #expect(replay.likelyNext.isEmpty)
    let provenance = Provenance(.default, detail: "missing: unknown")
    #expect(
      replay.session.events.map(\.kind).dropFirst() == [
        .answered(question: "hosts", value: .unknown, provenance: provenance),
        .answered(question: "error-code", value: .unknown, provenance: provenance),
        .answered(question: "station-name", value: .unknown, provenance: provenance),
      ])
    let walk = try replay.session.walk()
    #expect(walk.conclusion?.id == "rate-limit-found")
    #expect(walk.answeredSteps.last?.automatic == true)
  }

  @Test func answersOffThePathAreUnused() throws {
    let file = try Self.file(
      """
        only-this-machine: no
        hosts: 10
        error-code: "53"
        station-name: PC
      """)
    let replay = try Self.replay(file, .error)
    #expect(replay.unused == ["error-code"])
    #expect(try replay.session.walk().conclusion?.id == "nothing-found")
  }

  @Test func sourceUserLabelsTheAnswersAsAPersons() throws {
    let file = try AnswerFile.parse(
      "nettriage: answers/1\nsource: user\nanswers:\n  only-this-machine: yes\n", path: "a.yaml",
      knowledgeBase: try TestKnowledgeBase.load())
    let replay = try Self.replay(file, .error)
    #expect(
      replay.session.events.map(\.kind) == [
        .answered(question: "only-this-machine", value: .bool(true), provenance: Provenance(.user))
      ])
  }
}
