import Foundation
import Testing

@testable import TriageKit

@Suite struct AnswerFileTests {
  private static func parse(_ text: String) throws -> AnswerFile {
    try AnswerFile.parse(text, path: "answers.yaml", knowledgeBase: try TestKnowledgeBase.load())
  }

  /// The diagnostics an invalid file throws, as `file:line:column: error: …`.
  private static func problems(_ text: String) throws -> [String] {
    let kb = try TestKnowledgeBase.load()
    do {
      _ = try AnswerFile.parse(text, path: "answers.yaml", knowledgeBase: kb)
      Issue.record("the file parsed")
      return []
    } catch {
      guard case .invalidAnswerFile(let diagnostics) = error else {
        Issue.record("unexpected error \(error)")
        return []
      }
      return diagnostics.map(\.description)
    }
  }

  @Test func validFileParses() throws {
    let file = try Self.parse(
      """
      nettriage: answers/1
      kb: test-kb
      missing: default
      source: user
      answers:
        only-this-machine: yes
        hosts: 1,500
        error-code: "53"
        station-name: MGMT-01
      notes:
        - First note.
        - "Second: with a colon"
      """)
    #expect(file.path == "answers.yaml")
    #expect(file.knowledgeBaseID == "test-kb")
    #expect(file.missing == .default)
    #expect(file.source == .user)
    #expect(
      file.answers.map(\.question) == ["only-this-machine", "hosts", "error-code", "station-name"])
    #expect(
      file.answers.map(\.value) == [.bool(true), .number(1500), .string("53"), .string("MGMT-01")])
    #expect(
      file.answers.map(\.location.description) == [
        "answers.yaml:6:22", "answers.yaml:7:10", "answers.yaml:8:15", "answers.yaml:9:17",
      ])
    #expect(file.notes == ["First note.", "Second: with a colon"])
    #expect(file.expectation == nil)
    #expect(file.givenAnswers["hosts"] == GivenAnswer(.number(1500), Provenance(.user)))
  }

  @Test func minimalFileTakesTheDefaults() throws {
    let file = try Self.parse("nettriage: answers/1\n")
    #expect(file.knowledgeBaseID == nil)
    #expect(file.missing == nil)
    #expect(file.source == .answerFile)
    #expect(file.answers.isEmpty)
    #expect(file.notes.isEmpty)
  }

  @Test(arguments: [
    ("only-this-machine: no", FactValue.bool(false)),
    ("only-this-machine: TRUE", .bool(true)),
    ("only-this-machine: off", .bool(false)),
    ("only-this-machine: \"yes\"", .bool(true)),
    ("only-this-machine: unknown", .unknown),
    ("hosts: 500 hosts", .number(500)),
    ("hosts: \"42\"", .number(42)),
    ("hosts: Unknown", .unknown),
    ("error-code: 1203", .string("1203")),
    ("error-code: system error 64 — the network name is no longer available", .string("64")),
    ("station-name: yes", .string("yes")),
    ("station-name: 12", .string("12")),
    ("station-name: \"unknown\"", .unknown),
  ])
  func valuesAreReadByTheQuestionsType(line: String, value: FactValue) throws {
    let file = try Self.parse("nettriage: answers/1\nanswers:\n  \(line)\n")
    #expect(file.answers.first?.value == value)
  }

  @Test func unknownQuestionSuggestsTheNearest() throws {
    #expect(
      try Self.problems(
        """
        nettriage: answers/1
        answers:
          eror-code: "53"
          sweep-size: 5
          firewall-log: yes
        """) == [
          "answers.yaml:3:3: error: unknown question 'eror-code' (did you mean 'error-code'?)",
          "answers.yaml:4:3: error: unknown question 'sweep-size' ('sweep-size' is a decision, not a question)",
          "answers.yaml:5:3: error: unknown question 'firewall-log'",
        ])
  }

  @Test func valueOfTheWrongType() throws {
    #expect(
      try Self.problems(
        """
        nettriage: answers/1
        answers:
          only-this-machine: maybe
          hosts: many
          station-name: [a, b]
          error-code:
        """) == [
          "answers.yaml:3:22: error: invalid answer to 'only-this-machine': expected yes, no or unknown, found 'maybe'",
          "answers.yaml:4:10: error: invalid answer to 'hosts': expected a number from 0 to 100000 or unknown, found 'many'",
          "answers.yaml:5:17: error: invalid answer to 'station-name': expected text or unknown, found a list",
          "answers.yaml:6:14: error: invalid answer to 'error-code': expected one of '53', '1203', '64' or 'unknown', found nothing",
        ])
  }

  @Test func numberOutOfBounds() throws {
    #expect(
      try Self.problems("nettriage: answers/1\nanswers:\n  hosts: 100001\n") == [
        "answers.yaml:3:10: error: invalid answer to 'hosts': 100001 is above the maximum 100000"
      ])
  }

  @Test func invalidChoiceListsTheValidValues() throws {
    #expect(
      try Self.problems("nettriage: answers/1\nanswers:\n  error-code: timeout\n") == [
        "answers.yaml:3:15: error: invalid answer to 'error-code': 'timeout' is not a choice; expected one of '53', '1203', '64' or 'unknown'"
      ])
  }

  /// docs/answer-files.md promises the valid values for a choice that does not exist; a short value
  /// is within edit distance 2 of every short choice, so the "suggestion" replaces the list.
  @Test func invalidShortChoiceListsTheValidValues() throws {
    let problems = try Self.problems("nettriage: answers/1\nanswers:\n  error-code: \"99\"\n")
    #expect(
      problems == [
        "answers.yaml:3:15: error: invalid answer to 'error-code': '99' is not a choice; expected one of '53', '1203', '64' or 'unknown'"
      ])
  }

  /// Answer files are strict: no choice numbers and no prefixes, unlike the prompt.
  @Test func choicesByNumberOrPrefixAreNotAccepted() throws {
    #expect(
      try Self.problems(
        """
        nettriage: answers/1
        answers:
          error-code: System error 6
        """) == [
          "answers.yaml:3:15: error: invalid answer to 'error-code': 'System error 6' is not a choice (did you mean 'System error 64 — the network name is no longer available'?); expected one of '53', '1203', '64' or 'unknown'"
        ])
    let byNumber = try Self.problems("nettriage: answers/1\nanswers:\n  error-code: 3\n")
    #expect(byNumber.count == 1)
    #expect(
      byNumber.first?.hasPrefix(
        "answers.yaml:3:15: error: invalid answer to 'error-code': '3' is not a choice") == true)
    #expect(
      try Self.problems("nettriage: answers/1\nanswers:\n  only-this-machine: y\n") == [
        "answers.yaml:3:22: error: invalid answer to 'only-this-machine': expected yes, no or unknown, found 'y'"
      ])
  }

  @Test func twoAnswersSettingTheSameFact() throws {
    #expect(
      try Self.problems(
        """
        nettriage: answers/1
        answers:
          only-this-machine: yes
          confirm-alone: yes
        """) == [
          "answers.yaml:4:3: error: 'confirm-alone' and 'only-this-machine' both set fact 'only-this-machine'; keep one"
        ])
  }

  @Test func unknownKeySuggestsTheNearest() throws {
    #expect(
      try Self.problems(
        """
        nettriage: answers/1
        answer:
          hosts: 5
        note: [x]
        """) == [
          "answers.yaml:2:1: error: unknown key 'answer' in the answer file (did you mean 'answers'?)",
          "answers.yaml:4:1: error: unknown key 'note' in the answer file (did you mean 'notes'?)",
        ])
  }

  @Test func wrongSchemaTag() throws {
    #expect(
      try Self.problems("nettriage: answers/2\n") == [
        "answers.yaml:1:12: error: unsupported schema 'answers/2' (expected 'answers/1')"
      ])
    #expect(
      try Self.problems("nettriage: knowledge-base/1\nid: x\n").first
        == "answers.yaml:1:12: error: unsupported schema 'knowledge-base/1' (expected 'answers/1')")
  }

  @Test func missingSchemaTag() throws {
    let problems = try Self.problems("answers:\n  hosts: 5\n")
    #expect(
      problems.first
        == "answers.yaml:1:1: error: not an answer file: 'nettriage: answers/1' is missing")
    #expect(problems.count == 1, "\(problems)")
  }

  @Test func knowledgeBaseMismatch() throws {
    #expect(
      try Self.problems("nettriage: answers/1\nkb: connection-limits\n") == [
        "answers.yaml:2:5: error: written for knowledge base 'connection-limits', but 'test-kb' is loaded"
      ])
  }

  @Test func unknownPolicyAndSource() throws {
    #expect(
      try Self.problems("nettriage: answers/1\nmissing: guess\nsource: robot\n") == [
        "answers.yaml:2:10: error: unknown missing policy 'guess' (expected error, ask, default or unknown)",
        "answers.yaml:3:9: error: unknown source 'robot' (expected answer-file or user)",
      ])
  }

  @Test(arguments: AnswerFile.MissingPolicy.allCases)
  func everyMissingPolicyParses(policy: AnswerFile.MissingPolicy) throws {
    #expect(try Self.parse("nettriage: answers/1\nmissing: \(policy.rawValue)\n").missing == policy)
  }

  @Test func notesMustBeText() throws {
    #expect(try Self.parse("nettriage: answers/1\nnotes: just one\n").notes == ["just one"])
    #expect(
      try Self.problems("nettriage: answers/1\nnotes:\n  - fine\n  - { a: b }\n") == [
        "answers.yaml:4:5: error: expected a note as text, found a mapping"
      ])
  }

  @Test func answersMustBeAMapping() throws {
    #expect(
      try Self.problems("nettriage: answers/1\nanswers: [hosts]\n") == [
        "answers.yaml:2:10: error: expected 'answers' to map question IDs to values, found a list"
      ])
  }

  @Test func expectBlock() throws {
    let file = try Self.parse(
      """
      nettriage: answers/1
      expect:
        outcome: diagnosed
        conclusions: [rate-limit, dns-outage]
      """)
    #expect(
      file.expectation
        == AnswerFile.Expectation(outcome: .diagnosed, conclusions: ["rate-limit", "dns-outage"]))
    #expect(
      try Self.parse("nettriage: answers/1\nexpect:\n  conclusions: []\n").expectation
        == AnswerFile.Expectation(outcome: nil, conclusions: []))
    #expect(
      try Self.parse("nettriage: answers/1\nexpect:\n  outcome: incomplete\n").expectation
        == AnswerFile.Expectation(outcome: .incomplete, conclusions: nil))
  }

  @Test func invalidExpectBlock() throws {
    let problems = try Self.problems(
      """
      nettriage: answers/1
      expect:
        outcome: solved
        conclusion: [rate-limit]
      """)
    #expect(problems.count == 2)
    #expect(
      problems.first
        == "answers.yaml:3:12: error: unknown outcome 'solved' (expected diagnosed, inconclusive or incomplete)"
    )
    #expect(
      problems.last?.hasPrefix("answers.yaml:4:3: error: unknown key 'conclusion' in 'expect'")
        == true)
    #expect(
      problems.last
        == "answers.yaml:4:3: error: unknown key 'conclusion' in 'expect' (did you mean 'conclusions'?)"
    )
    #expect(
      try Self.problems("nettriage: answers/1\nexpect: diagnosed\n") == [
        "answers.yaml:2:9: error: expected 'expect' as a mapping, found 'diagnosed'"
      ])
  }

  @Test func everyProblemIsReportedAtOnce() throws {
    let problems = try Self.problems(
      """
      nettriage: answers/1
      kb: other
      answers:
        hosts: lots
        eror-code: "53"
      extra: 1
      """)
    #expect(problems.count == 4)
  }

  @Test func emptyOrNonMappingFile() throws {
    #expect(
      try Self.problems("") == [
        "answers.yaml:1:1: error: the file is empty (expected 'nettriage: answers/1')"
      ])
    #expect(
      try Self.problems("# only a comment\n")
        == ["answers.yaml:1:1: error: the file is empty (expected 'nettriage: answers/1')"])
    #expect(
      try Self.problems("- hosts\n") == [
        "answers.yaml:1:1: error: expected the answer file as a mapping, found a list"
      ])
  }

  @Test func yamlSyntaxErrorHasItsPlace() throws {
    let problems = try Self.problems("nettriage: answers/1\nanswers:\n  hosts: [5\n")
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasPrefix("answers.yaml:4:1: error: invalid YAML: ") == true, "\(problems)")
  }

  @Test func loadReadsAFile() throws {
    let kb = try TestKnowledgeBase.load()
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "answers-\(UUID().uuidString).yaml")
    try "nettriage: answers/1\nanswers:\n  hosts: 7\n".write(
      to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let file = try AnswerFile.load(url, knowledgeBase: kb)
    #expect(file.path == url.path)
    #expect(file.answers.first?.value == .number(7))
    #expect(file.answers.first?.location.description == "\(url.path):3:10")
  }

  @Test func loadOfAMissingFileIsInputMissing() throws {
    let kb = try TestKnowledgeBase.load()
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString).yaml")
    #expect(throws: TriageError.inputMissing(url.path)) {
      try AnswerFile.load(url, knowledgeBase: kb)
    }
  }
}
