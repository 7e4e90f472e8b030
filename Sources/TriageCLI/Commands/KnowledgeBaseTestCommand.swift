import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb test`: replays the scenarios and checks what each reaches.
struct KnowledgeBaseTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Replay the scenarios and report coverage; exit 1 when a scenario fails.",
    discussion: """
      Scenarios (answer files with an 'expect' block) are read from DIR/scenarios for --kb DIR, \
      else from KnowledgeBase/scenarios in the current folder. After them, the answers, branches \
      and conclusions no scenario covers are listed.

      --exhaustive also walks every answer of every question (numbers on both sides of each \
      threshold) and fails when some answer, branch or conclusion cannot be reached at all. \
      --random N --seed S plays N seeded random walks and prints hit counts per node.

      --cases grades the real incidents of DIR/cases (answer files with a 'truth' block, see \
      docs/answer-files.md): one line per case, then 'cases: N/M right, K/F fixes in plan (M-F \
      without a fix to carry), Q.Q questions asked on average' (F: cases whose source records a fix \
      for a cause of the knowledge base). A low score exits 0 unless --min-right or --min-fixes is given; \
      a case that cannot load or run is an error line and exits 65 after the others.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Also walk every answer of every question.")
  var exhaustive = false

  @Option(
    help: ArgumentHelp("Play this many random walks instead of the scenarios.", valueName: "n"))
  var random: Int?

  @Option(help: ArgumentHelp("The seed of --random (default 1).", valueName: "s"))
  var seed: UInt64 = 1

  @Flag(help: "Grade the real incidents of the cases folder instead of the scenarios.")
  var cases = false

  @Flag(help: "With --cases: print the grades as JSON.")
  var json = false

  @Option(
    help: ArgumentHelp(
      "With --cases: exit 1 when fewer than this fraction (0…1) are right.", valueName: "fraction"))
  var minRight: Double?

  @Option(
    help: ArgumentHelp(
      "With --cases: exit 1 when fewer than this fraction (0…1) of the cases with a fix have it in the plan.",
      valueName: "fraction"))
  var minFixes: Double?

  @Argument(
    help: ArgumentHelp(
      "Scenario files (or with --cases, case files) to run (default: all).", valueName: "scenario"))
  var scenarios: [String] = []

  func validate() throws {
    if let random, random < 1 { throw ValidationError("--random takes a positive number of walks") }
    if cases, exhaustive || random != nil {
      throw ValidationError("--cases cannot be combined with --exhaustive or --random")
    }
    if !cases, json || minRight != nil || minFixes != nil {
      throw ValidationError("--json, --min-right and --min-fixes go with --cases")
    }
    for (name, value) in [("--min-right", minRight), ("--min-fixes", minFixes)] {
      if let value, !(0...1).contains(value) {
        throw ValidationError("\(name) takes a fraction from 0 to 1, found '\(value)'")
      }
    }
  }

  func run() throws {
    let kb = try exitingOnError { () throws(TriageError) in try knowledgeBase.load() }
    if cases { return try gradeCases(kb) }
    let out = Terminal.standardOutput
    let explorer = PathExplorer(knowledgeBase: kb)
    if let random {
      let coverage = try exitingOnError { () throws(TriageError) in
        try explorer.random(count: random, seed: seed)
      }
      out.line("\(coverage.walks) random walks, seed \(seed)")
      let width = kb.nodeOrder.map(\.count).max() ?? 0
      for id in kb.nodeOrder {
        out.line(
          "  " + id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            + String(coverage.nodeHits[id, default: 0]))
      }
      let never = kb.nodeOrder.filter { coverage.nodeHits[$0] == nil }
      out.line(
        never.isEmpty ? "every node was visited" : "never visited: \(never.joined(separator: ", "))"
      )
      return
    }
    let err = Terminal.standardError
    var urls = scenarios.map { URL(fileURLWithPath: $0) }
    if urls.isEmpty {
      let folder = URL(fileURLWithPath: knowledgeBase.directory ?? "KnowledgeBase")
        .appendingPathComponent("scenarios")
      urls = ScenarioRunner.files(in: folder)
      if urls.isEmpty {
        err.error(
          "no scenarios in \(folder.path) (pass --kb DIR, or run from the repository's root)"
        )
        throw ExitStatus.inputMissing.exitCode
      }
    }
    var failed = 0
    var covered = PathExplorer.Coverage()
    for url in urls {
      let result = try exitingOnError { () throws(TriageError) in
        try ScenarioRunner.run(url, knowledgeBase: kb, observers: CommandLineObservers.offline)
      }
      if let walk = result.walk { explorer.record(walk, into: &covered) }
      if result.passed {
        let ranked = result.ranked.isEmpty ? "no cause" : result.ranked.joined(separator: " > ")
        out.line(
          out.styled("PASS", .green) + " \(result.name): \(result.outcome.rawValue), \(ranked)")
      } else {
        failed += 1
        out.line(
          out.styled("FAIL", .red) + " \(result.name): \(result.problems.joined(separator: "; "))")
      }
    }
    let targets = explorer.coverageTargets()
    let uncovered = (
      conclusions: targets.conclusions.filter { covered.conclusionHits[$0] == nil },
      answers: targets.answers.filter { covered.answerHits[$0] == nil },
      branches: targets.branches.filter { covered.branchHits[$0] == nil }
    )
    out.line(
      "coverage by scenarios: \(targets.conclusions.count - uncovered.conclusions.count)/\(targets.conclusions.count) conclusions, \(targets.answers.count - uncovered.answers.count)/\(targets.answers.count) answers, \(targets.branches.count - uncovered.branches.count)/\(targets.branches.count) branches"
    )
    for (kind, items) in [
      ("conclusions", uncovered.conclusions), ("answers", uncovered.answers),
      ("branches", uncovered.branches),
    ]
    where !items.isEmpty {
      out.line("  not covered (\(kind)): \(items.joined(separator: "; "))")
    }
    var unreachable = 0
    if exhaustive {
      let coverage = try exitingOnError { () throws(TriageError) in try explorer.exhaustive() }
      out.line(
        "exhaustive: \(coverage.walks) walks\(coverage.truncated ? " (stopped at the limit)" : "")")
      let dead =
        targets.conclusions.filter { coverage.conclusionHits[$0] == nil }
        + targets.answers.filter { coverage.answerHits[$0] == nil }
        + targets.branches.filter { coverage.branchHits[$0] == nil }
      unreachable = dead.count
      if dead.isEmpty {
        out.line("  every answer, branch and conclusion can be reached")
      } else {
        out.line(out.styled("  unreachable", .red) + ": \(dead.joined(separator: "; "))")
      }
      let single = try exitingOnError { () throws(TriageError) in try explorer.singleFacts() }
      let diagnosed = single.endings.filter { $0.outcome == .diagnosed }.count
      let asked = single.endings.map(\.asked).reduce(0, +)
      out.line(
        "one fact, everything else unknown: \(single.endings.count) interviews, all ended; "
          + "\(diagnosed) diagnosed, \(single.endings.count - diagnosed) inconclusive, "
          + String(
            format: "%.1f questions asked on average",
            Double(asked) / Double(max(1, single.endings.count))))
    }
    out.line("scenarios: \(urls.count - failed) passed, \(failed) failed")
    if failed > 0 || unreachable > 0 { throw ExitStatus.inconclusive.exitCode }
  }

  /// `--cases`: grades every case, reporting a case that cannot run and going on with the others.
  private func gradeCases(_ kb: KnowledgeBase) throws {
    let out = Terminal.standardOutput
    let err = Terminal.standardError
    var urls = scenarios.map { URL(fileURLWithPath: $0) }
    if urls.isEmpty {
      let folder = URL(fileURLWithPath: knowledgeBase.directory ?? "KnowledgeBase")
        .appendingPathComponent("cases")
      urls = ScenarioRunner.files(in: folder)
      if urls.isEmpty {
        err.error(
          "no cases in \(folder.path) (pass --kb DIR, or run from the repository's root)")
        throw ExitStatus.inputMissing.exitCode
      }
    }
    var grades: [CaseGrader.Grade] = []
    var errors: [(name: String, message: String)] = []
    // Causes of every case whose truth could be read, including those whose run failed.
    var casesPerCause: [String: Int] = [:]
    for url in urls {
      do {
        let loaded = try CaseGrader.load(url, knowledgeBase: kb)
        casesPerCause[loaded.truth.cause, default: 0] += 1
        let grade = try CaseGrader.grade(
          loaded, knowledgeBase: kb, observers: CommandLineObservers.offline)
        grades.append(grade)
        if !json {
          let mark = grade.right ? out.styled("RIGHT", .green) : out.styled("WRONG", .red)
          out.line("\(mark) \(grade.name): \(grade.verdict)")
        }
      } catch {
        errors.append((url.lastPathComponent, error.description))
        if !json {
          out.line(out.styled("ERROR", .red) + " \(url.lastPathComponent): case did not run")
        }
        err.line(ErrorMessage.formatted(error.description))
      }
    }
    let summary = CaseGrader.Summary(grades, errors: errors.count)
    if json {
      let document = JSONValue.object([
        ("cases", .array(grades.map(\.json))),
        (
          "errors",
          .array(
            errors.map { .object([("case", .string($0.name)), ("message", .string($0.message))]) })
        ),
        ("summary", summary.json),
      ])
      out.line(document.serialized())
    } else {
      // For the whole folder only: a few files named on the command line cover few causes anyway.
      let thin =
        scenarios.isEmpty ? kb.causeOrder.filter { casesPerCause[$0, default: 0] < 2 } : []
      if !thin.isEmpty {
        out.line(
          "causes with fewer than two cases: "
            + thin.map { "\($0) (\(casesPerCause[$0, default: 0]))" }.joined(separator: ", "))
      }
      out.line(summary.line)
    }
    if !errors.isEmpty { throw ExitStatus.invalidInput.exitCode }
    let total = Double(max(summary.cases, 1))
    if let minRight, Double(summary.right) / total < minRight {
      throw ExitStatus.inconclusive.exitCode
    }
    if let minFixes, Double(summary.fixesInPlan) / Double(max(summary.casesWithFix, 1)) < minFixes {
      throw ExitStatus.inconclusive.exitCode
    }
  }
}
