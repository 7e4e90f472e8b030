import Foundation
import Testing

@testable import TriageKit

@Suite struct SessionTests {
  /// Answers the questions the interview asks, in its order, until it asks one `values` lacks or
  /// concludes.
  private static func answerAll(_ session: inout Session, _ values: [String: FactValue]) throws {
    while let question = try session.walk().pendingQuestion, let value = values[question.id] {
      session.answer(question.id, value)
    }
  }

  private static let rateLimitPath: [String: FactValue] = [
    "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
    "station-name": .string("MGMT-01"),
  ]

  @Test func recordStampsSequenceAndClockTime() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    let first = session.record(.noted(text: "first"))
    let second = session.answer("hosts", .number(5))
    #expect(
      first == SessionEvent(sequence: 1, time: TestKnowledgeBase.time, kind: .noted(text: "first")))
    #expect(
      second
        == SessionEvent(
          sequence: 2, time: TestKnowledgeBase.time,
          kind: .answered(question: "hosts", value: .number(5), provenance: Provenance(.user))))
    #expect(session.events == [first, second])
  }

  /// The interview asks hosts and error-code after only-this-machine, then stops: 0.4 (yes),
  /// 0.3 (sweep-size) and 0.5 (64) establish rate-limit at 0.79, so station-name is never asked.
  @Test func answeringWalksOnUntilACauseIsEstablished() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    #expect(try session.walk().pendingQuestion?.id == "only-this-machine")
    session.answer("only-this-machine", .bool(true))
    #expect(try session.walk().pendingQuestion?.id == "hosts")
    try Self.answerAll(&session, Self.rateLimitPath)
    let walk = try session.walk()
    #expect(walk.conclusion?.id == "rate-limit-found")
    #expect(walk.pendingQuestion == nil)
    #expect(
      session.answersOnPath(walk).map { "\($0.question)=\($0.value.display)" } == [
        "only-this-machine=yes", "hosts=500", "error-code=64",
      ], "the automatic answer to confirm-alone is not one to save; station-name was not asked")
  }

  @Test func sharedFactAnswersTheLaterQuestionAutomatically() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    session.answer(
      "only-this-machine", .bool(true), source: Provenance(.answerFile, detail: "a.yaml"))
    try Self.answerAll(&session, Self.rateLimitPath)
    let confirm = try #require(
      try session.walk().answeredSteps.first { $0.question == "confirm-alone" })
    #expect(confirm.automatic)
    #expect(confirm.value == .bool(true))
    #expect(confirm.provenance == Provenance(.answerFile, detail: "a.yaml"))
  }

  @Test func undoLastAnswerWalksBackOneAnswerAtATime() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    try Self.answerAll(&session, Self.rateLimitPath)
    #expect(try session.walk().conclusion != nil)

    // Three answers (the interview concludes before station-name).
    let last = session.undoLastAnswer()
    let undone = try #require(last)
    #expect(undone.question == "error-code")
    #expect(
      undone.events == [
        SessionEvent(sequence: 4, time: TestKnowledgeBase.time, kind: .undone(sequence: 3))
      ])
    #expect(try session.walk().pendingQuestion?.id == "error-code")

    #expect(session.undoLastAnswer()?.question == "hosts")
    #expect(try session.walk().pendingQuestion?.id == "hosts")
    #expect(session.undoLastAnswer()?.question == "only-this-machine")
    #expect(try session.walk().pendingQuestion?.id == "only-this-machine")
    #expect(session.undoLastAnswer() == nil)
    #expect(session.state.answers.isEmpty)
    #expect(session.events.count == 6)
  }

  @Test func undoAfterANewAnswerUndoesTheNewOne() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    session.answer("only-this-machine", .bool(true))
    session.answer("hosts", .number(500))
    _ = session.undoLastAnswer()
    session.answer("hosts", .number(20))
    #expect(session.state.answerSequence == [1, 4])
    #expect(session.undoLastAnswer()?.question == "hosts")
    #expect(session.undoLastAnswer()?.question == "only-this-machine")
    #expect(session.undoLastAnswer() == nil)
  }

  /// `.change confirm-alone` asks it although its fact is known. Answering `no` makes the fact
  /// `no`, but only-this-machine's own `yes` (0.4) still counts with error-code 64 (0.5): rate-limit
  /// stays established at 0.7 (sweep-size now adds nothing), so the session concludes on it while
  /// the tree still waits at station-name.
  @Test func reopenAsksAQuestionWhoseFactIsKnown() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    try Self.answerAll(&session, Self.rateLimitPath)
    let events = session.reopen("confirm-alone")
    #expect(
      events == [
        SessionEvent(
          sequence: 4, time: TestKnowledgeBase.time, kind: .reopened(question: "confirm-alone"))
      ])
    #expect(session.state.reopened == ["confirm-alone"])
    #expect(try session.walk().pendingQuestion?.id == "confirm-alone")

    session.answer("confirm-alone", .bool(false))
    #expect(session.state.reopened.isEmpty)
    let walk = try session.walk()
    #expect(walk.facts["only-this-machine"]?.value == .bool(false))
    #expect(walk.visited.last == "station-name")
    #expect(walk.contributions.map(\.factor) == [0.4, 0.5])
    #expect(walk.conclusion?.id == "rate-limit-found")
    #expect(walk.answeredSteps.last?.question == "confirm-alone")
    #expect(walk.answeredSteps.last?.automatic == false)
  }

  @Test func reopenUndoesTheQuestionsOwnAnswer() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    try Self.answerAll(&session, Self.rateLimitPath)
    let events = session.reopen("hosts")
    #expect(events.map(\.kind) == [.undone(sequence: 2), .reopened(question: "hosts")])
    #expect(try session.walk().pendingQuestion?.id == "hosts")
    #expect(session.state.answers["hosts"] == nil)
    #expect(
      session.state.answers["error-code"]?.answer.value == .string("64"), "later answers stay")

    session.answer("hosts", .number(20))
    let walk = try session.walk()
    // 20 hosts take the tree past error-code to station-name; error-code's answer stays and
    // still counts, listed after the path: 0.4 + 0.5 → 0.7, then −0.5 (fewer than 50) → 0.4.
    #expect(walk.pendingQuestion?.id == "station-name")
    #expect(!walk.visited.contains("error-code"))
    #expect(
      walk.answeredSteps.map(\.question) == [
        "only-this-machine", "hosts", "error-code", "confirm-alone",
      ])
    #expect(walk.contributions.map(\.factor) == [0.4, 0.5, -0.5])
  }

  /// `.change` must ask the question again even when it was answered twice.
  @Test func reopenAsksAgainAQuestionAnsweredTwice() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    session.answer("only-this-machine", .bool(true))
    session.answer("only-this-machine", .bool(false))
    _ = session.reopen("only-this-machine")
    let walk = try session.walk()
    #expect(walk.pendingQuestion?.id == "only-this-machine")
  }

  @Test func restartClearsAnswersButKeepsNotes() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    session.record(.noted(text: "started after the patch window"))
    try Self.answerAll(&session, Self.rateLimitPath)
    _ = session.reopen("confirm-alone")
    session.record(.restarted)
    session.record(.noted(text: "second try"))
    let state = session.state
    #expect(state.answers.isEmpty)
    #expect(state.reopened.isEmpty)
    #expect(state.answerSequence.isEmpty)
    #expect(state.notes == ["started after the patch window", "second try"])
    #expect(try session.walk().pendingQuestion?.id == "only-this-machine")
    #expect(session.undoLastAnswer() == nil)

    // With `no`, the hosts question no longer separates the leading causes (dns-outage 0.3,
    // firewall-block 0): the interview asks error-code, which does.
    session.answer("only-this-machine", .bool(false))
    #expect(try session.walk().pendingQuestion?.id == "error-code")
  }

  @Test func initialFactsAnswerQuestionsAutomatically() throws {
    var session = TestKnowledgeBase.session(try TestKnowledgeBase.load())
    session.initialFacts = [
      "hosts": Fact(
        name: "hosts", value: .number(800), provenance: Provenance(.probe, detail: "census"))
    ]
    session.answer("only-this-machine", .bool(true))
    let walk = try session.walk()
    #expect(
      walk.steps[1]
        == .answered(
          question: "hosts", value: .number(800), provenance: Provenance(.probe, detail: "census"),
          automatic: true))
    #expect(walk.pendingQuestion?.id == "error-code")
    #expect(session.answersOnPath(walk).map(\.question) == ["only-this-machine"])
  }

  @Test func replayingTheEventsGivesTheSameWalk() throws {
    let kb = try TestKnowledgeBase.load()
    var session = TestKnowledgeBase.session(kb)
    session.record(.noted(text: "note"))
    try Self.answerAll(&session, Self.rateLimitPath)
    _ = session.undoLastAnswer()
    session.answer("station-name", .string("PC-2"))
    _ = session.reopen("confirm-alone")
    session.answer("confirm-alone", .bool(false))

    let encoder = JSONEncoder()
    let lines = try session.events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    let decoded = try lines.map { try JSONDecoder().decode(SessionEvent.self, from: Data($0.utf8)) }
    #expect(decoded == session.events)

    let replayed = Session(
      id: "replayed", knowledgeBase: kb, events: decoded, clock: TestKnowledgeBase.clock)
    let original = try session.walk()
    let again = try replayed.walk()
    #expect(again.steps == original.steps)
    #expect(again.visited == original.visited)
    #expect(again.contributions == original.contributions)
    #expect(again.facts == original.facts)
    #expect(again.pendingQuestion?.id == original.pendingQuestion?.id)
    #expect(again.pendingQuestion?.id == "error-code", "error-code was undone")
    #expect(replayed.state.notes == ["note"])
  }
}
