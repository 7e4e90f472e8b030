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

  /// Every question answered: the replay concludes. The tree reaches dns-found, but dns-outage
  /// has only 0.58 from the answers, so the outcome is the synthesized inconclusive one.
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
    let walk = try replay.session.walk()
    #expect(walk.visited.last == "dns-found")
    #expect(walk.conclusion?.id == "no-cause-established")
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

  /// Defaults fill hosts (100) and error-code (64); that establishes rate-limit (0.4 and 0.5 give
  /// 0.7), so the interview concludes before station-name, which has no default.
  @Test func defaultPolicyTakesDefaultsUntilACauseIsEstablished() throws {
    let replay = try Self.replay(try Self.file("  only-this-machine: yes"), .default)
    #expect(replay.missing == nil)
    #expect(replay.likelyNext.isEmpty)
    #expect(try replay.session.walk().conclusion?.id == "rate-limit-found")
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
    // rate-limit has only only-this-machine's 0.4: nothing is established, and the tree's own
    // rate-limit-found is not the conclusion.
    let walk = try replay.session.walk()
    #expect(walk.visited.last == "rate-limit-found")
    #expect(walk.conclusion?.id == "no-cause-established")
    #expect(walk.conclusion?.causes.map(\.cause) == ["rate-limit"])
    #expect(walk.answeredSteps.last?.automatic == true)
  }

  /// 10 hosts take the tree past error-code, yet the file's answer to it counts: it is listed,
  /// it adds 0.4 to dns-outage, and the route decision reads its fact (the tree reaches dns-found).
  @Test func answersOffThePathCount() throws {
    let file = try Self.file(
      """
        only-this-machine: no
        hosts: 10
        error-code: "53"
        station-name: PC
      """)
    let replay = try Self.replay(file, .error)
    #expect(replay.missing == nil)
    let walk = try replay.session.walk()
    #expect(!walk.visited.contains("error-code"))
    #expect(walk.answeredSteps.map(\.question).contains("error-code"))
    #expect(
      walk.contributions.contains {
        $0.cause == "dns-outage" && $0.factor == 0.4
          && $0.step
            == .answered(
              question: "error-code", value: .string("53"), provenance: Provenance(.answerFile),
              automatic: false)
      })
    #expect(walk.visited.last == "dns-found")
    #expect(walk.conclusion?.id == "no-cause-established", "dns-outage has 0.58, not 0.7")
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
