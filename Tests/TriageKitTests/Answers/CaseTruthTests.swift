import Foundation
import Testing

@testable import TriageKit

@Suite struct CaseTruthTests {
  private static let header = """
    nettriage: answers/1
    missing: unknown
    answers:
      only-this-machine: yes

    """

  private static func parse(_ truth: String) throws -> AnswerFile {
    try AnswerFile.parse(
      header + truth, path: "case.yaml", knowledgeBase: try TestKnowledgeBase.load())
  }

  /// The diagnostics a file with this `truth` throws, as `file:line:column: error: …`.
  private static func problems(_ truth: String) throws -> [String] {
    let kb = try TestKnowledgeBase.load()
    do {
      _ = try AnswerFile.parse(header + truth, path: "case.yaml", knowledgeBase: kb)
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

  @Test func fullTruthParses() throws {
    let file = try Self.parse(
      """
      truth:
        source: https://example.com/kb/123
        title: Sweep blocked after 300 hosts
        cause: rate-limit
        accept: [firewall-block]
        outcome: inconclusive
        fix: Exempted the station from flood mitigation
        fix-steps: [add-exception, get-approval]
      """)
    let truth = try #require(file.truth)
    #expect(truth.source == "https://example.com/kb/123")
    #expect(truth.title == "Sweep blocked after 300 hosts")
    #expect(truth.cause == "rate-limit")
    #expect(truth.accept == ["firewall-block"])
    #expect(truth.acceptedCauses == ["rate-limit", "firewall-block"])
    #expect(truth.outcome == .inconclusive)
    #expect(truth.fix == "Exempted the station from flood mitigation")
    #expect(truth.fixSteps == ["add-exception", "get-approval"])
    #expect(truth.proposedCause == nil)
    #expect(truth.location.description == "case.yaml:6:3")
    #expect(file.answers.map(\.question) == ["only-this-machine"])
  }

  @Test func minimalTruthIsDiagnosedWithNothingElseAccepted() throws {
    let truth = try #require(
      try Self.parse(
        """
        truth:
          source: http://example.com/thread
          title: t
          cause: dns-outage
          fix: f
          fix-steps: []
        """
      ).truth)
    #expect(truth.outcome == .diagnosed)
    #expect(truth.accept == [])
    #expect(truth.fixSteps == [])
    #expect(truth.acceptedCauses == ["dns-outage"])
  }

  @Test func noneFitsIsInconclusiveAndMayProposeACause() throws {
    let truth = try #require(
      try Self.parse(
        """
        truth:
          source: https://example.com/issue/7
          title: t
          cause: none-fits
          fix: f
          fix-steps: []
          proposed-cause: antivirus-web-shield
        """
      ).truth)
    #expect(truth.outcome == .inconclusive)
    #expect(truth.acceptedCauses == [])
    #expect(truth.proposedCause == "antivirus-web-shield")
  }

  @Test func filesWithoutTruthHaveNone() throws {
    let file = try AnswerFile.parse(
      Self.header, path: "case.yaml", knowledgeBase: try TestKnowledgeBase.load())
    #expect(file.truth == nil)
  }

  @Test func unknownKeyIsAnErrorWithTheNearestKey() throws {
    #expect(
      try Self.problems(
        """
        truth:
          source: https://example.com/a
          title: t
          cause: rate-limit
          fix: f
          fix-step: [add-exception]
        """
      ) == [
        "case.yaml:6:3: error: 'truth' lacks 'fix-steps' (the plan steps that carry the fix; [] when none does)",
        "case.yaml:10:3: error: unknown key 'fix-step' in 'truth' (did you mean 'fix-steps'?)",
      ])
  }

  @Test func unknownCausesAndStepsSuggestTheNearOnes() throws {
    #expect(
      try Self.problems(
        """
        truth:
          source: https://example.com/a
          title: t
          cause: rate-limt
          accept: [dns-outtage, none-fits]
          fix: f
          fix-steps: [add-exeption, get-approval]
        """
      ) == [
        "case.yaml:8:10: error: unknown cause 'rate-limt' (did you mean 'rate-limit'?)",
        "case.yaml:9:12: error: unknown cause 'dns-outtage' (did you mean 'dns-outage'?)",
        "case.yaml:9:25: error: 'none-fits' cannot be an accepted cause",
        "case.yaml:11:15: error: unknown step 'add-exeption' (did you mean 'add-exception'?)",
      ])
  }

  @Test func missingFieldsBadOutcomeAndSourceAreErrors() throws {
    #expect(
      try Self.problems(
        """
        truth:
          source: the forum
          cause: rate-limit
          outcome: maybe
          fix-steps: []
        """
      ) == [
        "case.yaml:6:3: error: 'truth' lacks 'title'",
        "case.yaml:6:3: error: 'truth' lacks 'fix'",
        "case.yaml:8:12: error: unknown outcome 'maybe' (expected diagnosed or inconclusive)",
        "case.yaml:6:11: error: expected 'source' to be the write-up's URL, found 'the forum'",
      ])
  }

  @Test func proposedCauseOnlyWithNoneFitsAndNoneFitsNeverDiagnosed() throws {
    #expect(
      try Self.problems(
        """
        truth:
          source: https://example.com/a
          title: t
          cause: rate-limit
          fix: f
          fix-steps: []
          proposed-cause: something-new
        """
      ) == [
        "case.yaml:11:19: error: 'proposed-cause' 'something-new' is only for cause 'none-fits'"
      ])
    #expect(
      try Self.problems(
        """
        truth:
          source: https://example.com/a
          title: t
          cause: none-fits
          outcome: diagnosed
          fix: f
          fix-steps: []
        """
      ) == [
        "case.yaml:9:12: error: a case whose cause is 'none-fits' is right only when inconclusive"
      ])
  }

  @Test func truthMustBeAMapping() throws {
    #expect(
      try Self.problems("truth: rate-limit\n") == [
        "case.yaml:5:8: error: expected 'truth' as a mapping, found 'rate-limit'"
      ])
  }
}
