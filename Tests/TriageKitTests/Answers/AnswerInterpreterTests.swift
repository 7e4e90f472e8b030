import Testing

@testable import TriageKit

@Suite struct AnswerInterpreterTests {
  private static func question(_ id: String) throws -> QuestionNode {
    try #require(try TestKnowledgeBase.load().questions[id])
  }

  private static func typed(_ text: String, _ id: String) throws -> Result<FactValue, AnswerProblem>
  {
    AnswerInterpreter.interpret(typed: text, for: try question(id))
  }

  // MARK: - Choice

  @Test(arguments: [
    ("1", FactValue.string("53")),
    ("2", .string("1203")),
    (" 3 ", .string("64")),
    ("4", .unknown),
    ("53", .string("53")),
    ("1203", .string("1203")),
    ("64", .string("64")),
    ("System error 64 — the network name is no longer available", .string("64")),
    ("SYSTEM ERROR 1203 — NO NETWORK PROVIDER ACCEPTED THE PATH", .string("1203")),
    ("system error 6", .string("64")),
    ("System error 12", .string("1203")),
    ("unknown", .unknown),
    ("Unknown", .unknown),
    ("unk", .unknown),
    ("don't know", .unknown),
    ("dont know", .unknown),
    ("N/A", .unknown),
  ])
  func choiceByNumberValueLabelOrPrefix(text: String, value: FactValue) throws {
    #expect(try Self.typed(text, "error-code") == .success(value))
  }

  @Test(arguments: [
    ("5", "'5' is not a choice number (1 to 4)"),
    ("0", "'0' is not a choice number (1 to 4)"),
    ("-1", "'-1' is not a choice number (1 to 4)"),
    ("12", "'12' is not a choice number (1 to 4)"),
    ("system", "'system' matches several choices: '53', '1203', '64'; type more of it"),
    ("System error", "'System error' matches several choices: '53', '1203', '64'; type more of it"),
    ("timeout", "'timeout' is not a choice; expected one of '53', '1203', '64' or 'unknown'"),
    ("", "type an answer, or unknown"),
    ("   ", "type an answer, or unknown"),
  ])
  func choiceProblems(text: String, message: String) throws {
    #expect(try Self.typed(text, "error-code") == .failure(AnswerProblem(message)))
  }

  @Test func choiceTypoSuggestsTheNearestValueOrLabel() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: pattern
          kind: question
          type: choice
          ask: A?
          why: W
          choices:
            - { value: heals-in-a-minute, label: Heals within a minute }
            - { value: stays-broken, label: Stays broken until the sweep stops }
          next: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "pattern")
    let question = try #require(kb.questions["pattern"])
    #expect(
      AnswerInterpreter.interpret(typed: "stays-brokn", for: question)
        == .failure(
          AnswerProblem(
            "'stays-brokn' is not a choice (did you mean 'stays-broken'?); expected one of 'heals-in-a-minute', 'stays-broken' or 'unknown'"
          )))
    #expect(
      AnswerInterpreter.interpret(typed: "heals", for: question)
        == .success(.string("heals-in-a-minute")))
    #expect(
      AnswerInterpreter.interpret(typed: "STAYS", for: question)
        == .success(.string("stays-broken")))
  }

  // MARK: - Yes-no

  @Test(arguments: [
    ("y", FactValue.bool(true)), ("Yes", .bool(true)), ("TRUE", .bool(true)), ("1", .bool(true)),
    ("n", .bool(false)), ("NO", .bool(false)), ("false", .bool(false)), ("2", .bool(false)),
    ("3", .unknown), ("unknown", .unknown),
    ("Yes, only this one", .bool(true)), ("no, others", .bool(false)),
  ])
  func yesNoSpellings(text: String, value: FactValue) throws {
    #expect(try Self.typed(text, "only-this-machine") == .success(value))
  }

  @Test func yesNoProblems() throws {
    #expect(
      try Self.typed("4", "only-this-machine")
        == .failure(AnswerProblem("'4' is not a choice number (1 to 3)")))
    #expect(
      try Self.typed("maybe", "only-this-machine")
        == .failure(AnswerProblem("'maybe' is not a choice; expected yes, no or unknown")))
    // The second question sets the same fact but lists no labels of its own.
    #expect(try Self.typed("ye", "confirm-alone") == .success(.bool(true)))
  }

  // MARK: - Number

  @Test(arguments: [
    ("500", 500.0), ("1,214", 1214), ("1_000", 1000), ("12.5", 12.5), ("500 hosts", 500),
    ("500hosts", 500), ("2,000 HOSTS", 2000), ("0", 0), ("100000", 100_000), ("  7  ", 7),
  ])
  func numbers(text: String, value: Double) throws {
    #expect(try Self.typed(text, "hosts") == .success(.number(value)))
  }

  @Test(arguments: [
    ("-1", "-1 is below the minimum 0"),
    ("100001", "100001 is above the maximum 100000"),
    ("100,000.5", "100000.5 is above the maximum 100000"),
    ("many", "expected a number from 0 to 100000 or unknown, found 'many'"),
    ("500 sheep", "expected a number from 0 to 100000 or unknown, found '500 sheep'"),
    ("inf", "expected a number from 0 to 100000 or unknown, found 'inf'"),
    ("nan", "expected a number from 0 to 100000 or unknown, found 'nan'"),
  ])
  func numberProblems(text: String, message: String) throws {
    #expect(try Self.typed(text, "hosts") == .failure(AnswerProblem(message)))
  }

  @Test func unknownWordsAnswerNumberAndTextQuestions() throws {
    #expect(try Self.typed("unknown", "hosts") == .success(.unknown))
    #expect(try Self.typed("Don't Know", "station-name") == .success(.unknown))
  }

  // MARK: - Text

  @Test func textIsTrimmedAndKeptAsTyped() throws {
    #expect(try Self.typed("  MGMT-01 ", "station-name") == .success(.string("MGMT-01")))
    #expect(try Self.typed("1", "station-name") == .success(.string("1")))
    #expect(try Self.typed("yes", "station-name") == .success(.string("yes")))
  }

  // MARK: - Expectations

  @Test func expectationNamesWhatAQuestionAccepts() throws {
    #expect(
      AnswerInterpreter.expectation(for: try Self.question("error-code"))
        == "one of '53', '1203', '64' or 'unknown'")
    #expect(
      AnswerInterpreter.expectation(for: try Self.question("only-this-machine"))
        == "yes, no or unknown")
    #expect(
      AnswerInterpreter.expectation(for: try Self.question("hosts"))
        == "a number from 0 to 100000 or unknown")
    #expect(
      AnswerInterpreter.expectation(for: try Self.question("station-name")) == "text or unknown")
    var question = try Self.question("hosts")
    question.maximum = nil
    #expect(AnswerInterpreter.expectation(for: question) == "a number of at least 0 or unknown")
    question.minimum = nil
    question.maximum = 9.5
    #expect(AnswerInterpreter.expectation(for: question) == "a number of at most 9.5 or unknown")
    question.maximum = nil
    #expect(AnswerInterpreter.expectation(for: question) == "a number or unknown")
  }
}
