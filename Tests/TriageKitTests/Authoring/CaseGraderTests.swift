import Foundation
import Testing

@testable import TriageKit

@Suite struct CaseGraderTests {
  private static func truth(
    cause: String, accept: [String] = [], outcome: CaseTruth.Outcome = .diagnosed,
    fixSteps: [String] = []
  ) -> CaseTruth {
    CaseTruth(
      source: "https://example.com/case", title: "t", cause: cause, accept: accept,
      outcome: cause == CaseTruth.noneFits ? .inconclusive : outcome, fix: "f", fixSteps: fixSteps,
      proposedCause: nil, location: SourceLocation(file: "case.yaml", line: 1, column: 1))
  }

  private static func run(
    _ outcome: Report.Outcome, _ ranked: [String], plan: [String] = [], asked: Int = 0
  ) -> CaseGrader.Run {
    CaseGrader.Run(outcome: outcome, ranked: ranked, planSteps: plan, questionsAsked: asked)
  }

  // MARK: Grading rules, without an engine

  @Test func rightWhenTheTopCauseIsTheCauseOrAnAcceptedOne() {
    let truth = Self.truth(cause: "rate-limit", accept: ["firewall-block"])
    #expect(CaseGrader.isRight(Self.run(.diagnosed, ["rate-limit", "dns-outage"]), truth: truth))
    #expect(CaseGrader.isRight(Self.run(.diagnosed, ["firewall-block"]), truth: truth))
    // The write-up's cause is named: an inconclusive run with it on top counts as well.
    #expect(CaseGrader.isRight(Self.run(.inconclusive, ["rate-limit"]), truth: truth))
  }

  @Test func wrongWhenAnotherCauseLeadsOrNoneRanks() {
    let truth = Self.truth(cause: "rate-limit")
    #expect(!CaseGrader.isRight(Self.run(.diagnosed, ["dns-outage", "rate-limit"]), truth: truth))
    #expect(!CaseGrader.isRight(Self.run(.inconclusive, []), truth: truth))
  }

  @Test func noneFitsIsRightOnlyWhenTheRunIsInconclusive() {
    let truth = Self.truth(cause: CaseTruth.noneFits)
    #expect(CaseGrader.isRight(Self.run(.inconclusive, ["rate-limit"]), truth: truth))
    #expect(CaseGrader.isRight(Self.run(.inconclusive, []), truth: truth))
    #expect(!CaseGrader.isRight(Self.run(.diagnosed, ["rate-limit"]), truth: truth))
    #expect(!CaseGrader.isRight(Self.run(.incomplete, []), truth: truth))
  }

  @Test func inconclusiveTruthWantsAnInconclusiveRunWithTheCauseInTheTopThree() {
    let truth = Self.truth(cause: "dns-outage", outcome: .inconclusive)
    #expect(
      CaseGrader.isRight(Self.run(.inconclusive, ["a", "b", "dns-outage", "c"]), truth: truth))
    #expect(
      !CaseGrader.isRight(Self.run(.inconclusive, ["a", "b", "c", "dns-outage"]), truth: truth))
    #expect(!CaseGrader.isRight(Self.run(.diagnosed, ["dns-outage"]), truth: truth))
  }

  @Test func fixInPlanWhenAnyFixStepIsPlanned() {
    let truth = Self.truth(cause: "rate-limit", fixSteps: ["add-exception", "fix-dns"])
    #expect(
      CaseGrader.fixInPlan(
        Self.run(.diagnosed, [], plan: ["get-approval", "fix-dns"]), truth: truth))
    #expect(!CaseGrader.fixInPlan(Self.run(.diagnosed, [], plan: ["get-approval"]), truth: truth))
    #expect(
      !CaseGrader.fixInPlan(
        Self.run(.diagnosed, [], plan: ["get-approval"]), truth: Self.truth(cause: "rate-limit")))
  }

  @Test func summaryLineCountsErrorsAsCasesThatAreWrong() {
    func grade(_ right: Bool, _ fix: Bool, asked: Int) -> CaseGrader.Grade {
      CaseGrader.Grade(
        name: "c.yaml", truth: Self.truth(cause: "rate-limit"),
        run: Self.run(.diagnosed, [], asked: asked), right: right, fixInPlan: fix)
    }
    let summary = CaseGrader.Summary(
      [grade(true, true, asked: 4), grade(true, false, asked: 5), grade(false, false, asked: 6)],
      errors: 1)
    #expect(summary.line == "cases: 2/4 right, 1/4 fixes in plan, 5.0 questions asked on average")
    #expect(
      CaseGrader.Summary([grade(true, true, asked: 3), grade(false, true, asked: 4)]).line
        == "cases: 1/2 right, 2/2 fixes in plan, 3.5 questions asked on average")
    #expect(
      CaseGrader.Summary([], errors: 2).line
        == "cases: 0/2 right, 0/2 fixes in plan, 0.0 questions asked on average")
  }

  // MARK: Whole cases through the replay

  private static let header = """
    nettriage: answers/1
    kb: test-kb
    missing: unknown

    """

  private static func grade(_ text: String) throws -> CaseGrader.Grade {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "case-grader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("case.yaml")
    try Data(text.utf8).write(to: url)
    return try CaseGrader.grade(url, knowledgeBase: try TestKnowledgeBase.load())
  }

  @Test func aRightCaseWithItsFixInThePlan() throws {
    let grade = try Self.grade(
      Self.header + """
        answers:
          only-this-machine: yes
          hosts: 500
          error-code: "64"
        truth:
          source: https://example.com/a
          title: Blocked after 500 hosts
          cause: rate-limit
          fix: Exempted the station
          fix-steps: [add-exception]
        """)
    #expect(grade.name == "case.yaml")
    #expect(grade.run.outcome == .diagnosed)
    #expect(grade.run.ranked.first == "rate-limit")
    #expect(grade.run.planSteps == ["get-approval", "add-exception"])
    #expect(grade.right)
    #expect(grade.fixInPlan)
    // Asked: only-this-machine, hosts, error-code from the file. They establish rate-limit
    // (0.79), so the interview never asks station-name; confirm-alone shares
    // only-this-machine's fact, so it is not asked either.
    #expect(grade.run.questionsAsked == 3)
    #expect(
      grade.verdict
        == "expected rate-limit, got diagnosed: rate-limit; fix in plan")
  }

  @Test func aWrongCaseSaysWhatItGotAndWhichStepWasWanted() throws {
    let grade = try Self.grade(
      Self.header + """
        answers:
          only-this-machine: yes
          hosts: 500
          error-code: "64"
        truth:
          source: https://example.com/b
          title: t
          cause: firewall-block
          fix: Opened port 445
          fix-steps: [fix-dns]
        """)
    #expect(!grade.right)
    #expect(!grade.fixInPlan)
    // yes, 500 hosts and 64 establish rate-limit (0.79); its plan has no fix-dns.
    #expect(grade.run.outcome == .diagnosed)
    #expect(grade.run.ranked.first == "rate-limit")
    #expect(
      grade.verdict
        == "expected firewall-block, got diagnosed: rate-limit; fix not in plan (fix-dns)")
  }

  /// The share of fixes in plan counts only cases with a fix to carry: not none-fits, not a
  /// source that records no fix (`fix-recorded: false`); a recorded fix no step carries counts as
  /// a miss.
  @Test func fixesInPlanCountOnlyCasesWithAFixToCarry() throws {
    func truth(_ cause: String, _ steps: String, recorded: Bool = true) -> CaseTruth {
      CaseTruth(
        source: "https://example.com", title: "t", cause: cause, accept: [], outcome: .diagnosed,
        fix: "f", fixSteps: steps.isEmpty ? [] : [steps], fixRecorded: recorded,
        proposedCause: nil, location: SourceLocation(file: "c.yaml", line: 1, column: 1))
    }
    let run = CaseGrader.Run(
      outcome: .diagnosed, ranked: ["rate-limit"], planSteps: ["add-exception"], questionsAsked: 2)
    let truths = [
      truth("rate-limit", "add-exception"), truth("rate-limit", ""),
      truth("rate-limit", "", recorded: false), truth(CaseTruth.noneFits, ""),
    ]
    let grades = truths.enumerated().map { index, truth in
      CaseGrader.Grade(
        name: "\(index).yaml", truth: truth, run: run, right: CaseGrader.isRight(run, truth: truth),
        fixInPlan: CaseGrader.fixInPlan(run, truth: truth))
    }
    #expect(grades.map(\.truth.hasFixToCarry) == [true, true, false, false])
    #expect(grades[1].verdict.hasSuffix("fix in no step of the knowledge base"))
    #expect(grades[2].verdict.hasSuffix("no fix to carry"))
    let summary = CaseGrader.Summary(grades, errors: 1)
    #expect(summary.casesWithFix == 3)
    #expect(
      summary.line
        == "cases: 3/5 right, 1/3 fixes in plan (2 without a fix to carry), 2.0 questions asked on average"
    )
  }

  @Test func noneFitsIsRightWhenEverythingUnknownEndsInconclusive() throws {
    let grade = try Self.grade(
      Self.header + """
        answers: {}
        truth:
          source: https://example.com/c
          title: t
          cause: none-fits
          fix: Replaced the switch
          fix-steps: []
          proposed-cause: faulty-switch
        """)
    #expect(grade.run.outcome == .inconclusive)
    #expect(grade.right)
    #expect(!grade.fixInPlan)
    #expect(grade.verdict.hasPrefix("expected inconclusive (no cause fits), got inconclusive"))
    #expect(grade.verdict.hasSuffix("no fix to carry"))
  }

  @Test func inconclusiveCaseFindsItsCauseAmongTheCandidates() throws {
    let grade = try Self.grade(
      Self.header + """
        answers:
          only-this-machine: no
          error-code: "64"
        truth:
          source: https://example.com/d
          title: t
          cause: dns-outage
          outcome: inconclusive
          fix: f
          fix-steps: [fix-dns]
        """)
    #expect(grade.run.outcome == .inconclusive)
    #expect(grade.run.ranked.prefix(3).contains("dns-outage"))
    #expect(grade.right)
  }

  @Test func aCaseNeedsTruthAndMissingUnknown() throws {
    #expect(throws: TriageError.self) {
      _ = try Self.grade(Self.header + "answers: {}\n")
    }
    do {
      _ = try Self.grade(
        """
        nettriage: answers/1
        missing: error
        truth: {source: "https://e.com", title: t, cause: rate-limit, fix: f, fix-steps: []}
        """)
      Issue.record("a case without missing: unknown graded")
    } catch {
      #expect(
        String(describing: error).hasSuffix(
          "case.yaml:1:1: error: a case must say 'missing: unknown' (it answers only what its write-up states)"
        ))
    }
  }
}
