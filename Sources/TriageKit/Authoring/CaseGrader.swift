import Foundation

/// Grades real incidents (`KnowledgeBase/cases/`, `kb test --cases`): replays each case file exactly
/// as `kb test` replays a scenario and compares the run with the case's ``CaseTruth``.
///
/// Thin on purpose: of a run it reads only the outcome, the ranked causes, the plan's step IDs and
/// how many questions were asked (``Run``), so it follows the engine as the engine changes.
public enum CaseGrader {
  /// What the grader reads of a run.
  public struct Run: Sendable, Equatable {
    /// How the run ended.
    public var outcome: Report.Outcome
    /// Cause IDs ranked, best first.
    public var ranked: [String]
    /// The plan's step IDs, in order.
    public var planSteps: [String]
    /// Questions put to the answer file: answered from it or by its missing policy, not those
    /// that evidence settled.
    public var questionsAsked: Int

    /// A run from its parts (tests grade runs without an engine).
    public init(outcome: Report.Outcome, ranked: [String], planSteps: [String], questionsAsked: Int)
    {
      self.outcome = outcome
      self.ranked = ranked
      self.planSteps = planSteps
      self.questionsAsked = questionsAsked
    }

    /// What the grader needs of a report: the one place that knows the report's shape.
    public init(report: Report) {
      let asked: Set<Provenance.Source> = [.user, .answerFile, .default]
      self.init(
        outcome: report.outcome, ranked: report.diagnosis.ranked.map(\.cause.id),
        planSteps: report.plan.map(\.step.id),
        questionsAsked: report.answers.filter {
          !$0.automatic && asked.contains($0.provenance.source)
        }.count)
    }
  }

  /// One graded case.
  public struct Grade: Sendable, Equatable {
    /// The file's name without folder.
    public var name: String
    /// What the write-up says happened.
    public var truth: CaseTruth
    /// What the run came to.
    public var run: Run
    /// The run reached the source's cause (see ``isRight(_:truth:)``).
    public var right: Bool
    /// The plan holds a step that carries the source's fix.
    public var fixInPlan: Bool

    /// The verdict in words, without the name: what was expected, what came, whether the fix is in
    /// the plan.
    public var verdict: String {
      var expected: String
      if truth.cause == CaseTruth.noneFits {
        expected = "inconclusive (no cause fits)"
      } else {
        expected = truth.acceptedCauses.joined(separator: " or ")
        if truth.outcome == .inconclusive {
          expected = "inconclusive with \(expected) in the top \(CaseGrader.inconclusiveTop)"
        }
      }
      let ranked =
        run.ranked.isEmpty
        ? "no cause" : run.ranked.prefix(CaseGrader.inconclusiveTop).joined(separator: " > ")
      let fix: String
      if fixInPlan {
        fix = "fix in plan"
      } else if !truth.hasFixToCarry {
        fix = "no fix to carry"
      } else if truth.fixSteps.isEmpty {
        fix = "fix in no step of the knowledge base"
      } else {
        fix = "fix not in plan (\(truth.fixSteps.joined(separator: " or ")))"
      }
      return "expected \(expected), got \(run.outcome.rawValue): \(ranked); \(fix)"
    }
  }

  /// The totals of a run over a folder.
  public struct Summary: Sendable, Equatable {
    /// Cases found, including those that could not run.
    public var cases: Int
    /// Whether the run reached the right cause (or was rightly inconclusive).
    public var right: Int
    /// Whether the plan holds a step that carries the source's fix.
    public var fixesInPlan: Int
    /// Cases with a fix a plan could carry (``CaseTruth/hasFixToCarry``), and those that could
    /// not run: what ``fixesInPlan`` is a share of.
    public var casesWithFix: Int
    /// Questions asked on average over the cases that ran.
    public var averageQuestions: Double

    /// `cases: N/M right, K/F fixes in plan (M−F without a fix to carry), Q.Q questions asked on
    /// average`: a case whose source records no fix, or whose cause is none of the knowledge
    /// base's, has no fix a plan could carry and is left out of the share of fixes.
    public var line: String {
      let average = String(format: "%.1f", averageQuestions)
      let without = cases - casesWithFix
      let note = without > 0 ? " (\(without) without a fix to carry)" : ""
      return
        "cases: \(right)/\(cases) right, \(fixesInPlan)/\(casesWithFix) fixes in plan\(note), \(average) questions asked on average"
    }

    /// The totals of `grades`, with `errors` more cases that could not run (counted as wrong).
    public init(_ grades: [Grade], errors: Int = 0) {
      cases = grades.count + errors
      right = grades.filter(\.right).count
      fixesInPlan = grades.filter(\.fixInPlan).count
      casesWithFix = grades.filter(\.truth.hasFixToCarry).count + errors
      let asked = grades.map(\.run.questionsAsked).reduce(0, +)
      averageQuestions = grades.isEmpty ? 0 : Double(asked) / Double(grades.count)
    }
  }

  /// How many of the ranked causes a case with `outcome: inconclusive` may find its cause among.
  public static let inconclusiveTop = 3

  /// Whether `run` reaches what `truth` says.
  ///
  /// - `cause: none-fits`: the run is inconclusive.
  /// - `outcome: inconclusive`: the run is inconclusive and the cause (or an accepted one) is among
  ///   the top ``inconclusiveTop``.
  /// - otherwise: the top-ranked cause is the cause or an accepted one.
  public static func isRight(_ run: Run, truth: CaseTruth) -> Bool {
    if truth.cause == CaseTruth.noneFits { return run.outcome == .inconclusive }
    let accepted = Set(truth.acceptedCauses)
    if truth.outcome == .inconclusive {
      return run.outcome == .inconclusive
        && run.ranked.prefix(inconclusiveTop).contains(where: accepted.contains)
    }
    return run.ranked.first.map(accepted.contains) ?? false
  }

  /// Whether a step that carries the source's fix is in `run`'s plan.
  public static func fixInPlan(_ run: Run, truth: CaseTruth) -> Bool {
    truth.fixSteps.contains(where: run.planSteps.contains)
  }

  /// A case file read and checked, ready to run.
  public struct Case: Sendable {
    /// The file's name without folder.
    public var name: String
    /// The case file.
    public var file: AnswerFile
    /// What the write-up says happened.
    public var truth: CaseTruth
  }

  /// Reads a case file. Throws, as `nettriage run` would, for a file that does not load, and for
  /// one that lacks `truth` or does not say `missing: unknown`.
  public static func load(_ url: URL, knowledgeBase: KnowledgeBase) throws(TriageError) -> Case {
    let file = try AnswerFile.load(url, knowledgeBase: knowledgeBase)
    let start = SourceLocation(file: url.path, line: 1, column: 1)
    guard let truth = file.truth else {
      throw .invalidAnswerFile([
        Diagnostic(.error, "no 'truth' block: a case must say what really happened", at: start)
      ])
    }
    guard file.missing == .unknown else {
      throw .invalidAnswerFile([
        Diagnostic(
          .error,
          "a case must say 'missing: unknown' (it answers only what its write-up states)",
          at: start)
      ])
    }
    return Case(name: url.lastPathComponent, file: file, truth: truth)
  }

  /// Replays a loaded case as `kb test` replays a scenario and grades it. Throws for evidence that
  /// cannot be read.
  public static func grade(
    _ loaded: Case, knowledgeBase: KnowledgeBase, observers: Observers = .none
  ) throws(TriageError) -> Grade {
    let (_, report) = try ScenarioRunner.replay(
      loaded.file, knowledgeBase: knowledgeBase, observers: observers)
    let run = Run(report: report)
    return Grade(
      name: loaded.name, truth: loaded.truth, run: run, right: isRight(run, truth: loaded.truth),
      fixInPlan: fixInPlan(run, truth: loaded.truth))
  }

  /// Loads and grades one case file (``load(_:knowledgeBase:)`` then
  /// ``grade(_:knowledgeBase:observers:)``).
  public static func grade(
    _ url: URL, knowledgeBase: KnowledgeBase, observers: Observers = .none
  ) throws(TriageError) -> Grade {
    try grade(
      load(url, knowledgeBase: knowledgeBase), knowledgeBase: knowledgeBase, observers: observers)
  }
}

extension CaseGrader.Grade {
  /// The grade for `kb test --cases --json`.
  public var json: JSONValue {
    .object([
      ("case", .string(name)),
      ("right", .bool(right)),
      ("fix_in_plan", .bool(fixInPlan)),
      (
        "truth",
        .object([
          ("source", .string(truth.source)),
          ("cause", .string(truth.cause)),
          ("accept", .array(truth.accept.map(JSONValue.string))),
          ("outcome", .string(truth.outcome.rawValue)),
          ("fix_steps", .array(truth.fixSteps.map(JSONValue.string))),
          ("fix_recorded", .bool(truth.fixRecorded)),
        ])
      ),
      (
        "run",
        .object([
          ("outcome", .string(run.outcome.rawValue)),
          ("ranked", .array(run.ranked.map(JSONValue.string))),
          ("plan", .array(run.planSteps.map(JSONValue.string))),
          ("questions_asked", .int(run.questionsAsked)),
        ])
      ),
    ])
  }
}

extension CaseGrader.Summary {
  /// The totals for `kb test --cases --json`.
  public var json: JSONValue {
    .object([
      ("cases", .int(cases)),
      ("right", .int(right)),
      ("fixes_in_plan", .int(fixesInPlan)),
      ("cases_with_fix", .int(casesWithFix)),
      ("questions_asked_on_average", .double((averageQuestions * 10).rounded() / 10)),
    ])
  }
}
