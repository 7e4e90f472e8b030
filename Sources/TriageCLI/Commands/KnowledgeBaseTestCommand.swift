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

  @Argument(help: ArgumentHelp("Scenario files to run (default: all).", valueName: "scenario"))
  var scenarios: [String] = []

  func validate() throws {
    if let random, random < 1 { throw ValidationError("--random takes a positive number of walks") }
  }

  func run() throws {
    let kb = try exitingOnError { () throws(TriageError) in try knowledgeBase.load() }
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
        err.line(
          "error: no scenarios in \(folder.path) (pass --kb DIR, or run from the repository's root)"
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
    }
    out.line("scenarios: \(urls.count - failed) passed, \(failed) failed")
    if failed > 0 || unreachable > 0 { throw ExitStatus.inconclusive.exitCode }
  }
}
