import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb …`: the knowledge-base authors' tools.
struct KnowledgeBaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "Tools for knowledge-base authors.",
    subcommands: [
      KnowledgeBaseLintCommand.self, KnowledgeBaseTestCommand.self, KnowledgeBaseGraphCommand.self,
      KnowledgeBaseCoverageCommand.self,
    ]
  )
}

/// `nettriage kb lint`: every problem of a knowledge base, with its place.
struct KnowledgeBaseLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check a knowledge base; exit 65 when it has errors.",
    discussion: """
      Reports YAML and schema errors, duplicate IDs, dangling references, unreachable nodes, cycles \
      without an exit, diagnosed conclusions without a plan, conditions that do not parse and facts \
      no question sets, each as file:line:column.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    let (files, root) = try exitingOnError { () throws(TriageError) in try knowledgeBase.files() }
    let (loaded, loadDiagnostics) = KnowledgeBaseLoader.load(files, root: root)
    var diagnostics = loadDiagnostics + (loaded.map(KnowledgeBaseLinter.lint) ?? [])
    if let loaded, let directory = knowledgeBase.directory {
      diagnostics += scenarioDiagnostics(
        loaded, folder: URL(fileURLWithPath: directory).appendingPathComponent("scenarios"))
    }
    let err = Terminal.standardError
    for diagnostic in diagnostics {
      let text = diagnostic.description
      err.line(
        diagnostic.severity == .error
          ? text.replacingOccurrences(of: ": error:", with: ": " + err.styled("error", .red) + ":")
          : text)
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    let out = Terminal.standardOutput
    if let loaded {
      let nodes = loaded.nodes.count
      out.line(
        "\(loaded.identity.id) \(loaded.identity.version): \(files.count) files, \(nodes) nodes, \(loaded.causes.count) causes, \(loaded.steps.count) steps; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
      )
    } else {
      out.line(
        "\(root): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
      )
    }
    if errors > 0 || (strict && warnings > 0) { throw ExitStatus.invalidInput.exitCode }
  }
}

/// Conclusions that no scenario reaches, when the knowledge base has a `scenarios/` folder.
private func scenarioDiagnostics(_ kb: KnowledgeBase, folder: URL) -> [Diagnostic] {
  let files = ScenarioRunner.files(in: folder)
  guard !files.isEmpty else { return [] }
  var reached: Set<String> = []
  for url in files {
    // A scenario that does not load is `kb test`'s error to report; here it reaches nothing.
    if let result = try? ScenarioRunner.run(
      url, knowledgeBase: kb, observers: CommandLineObservers.offline),
      let conclusion = result.walk?.conclusion
    {
      reached.insert(conclusion.id)
    }
  }
  return kb.nodeOrder.compactMap { id in
    guard case .conclusion(let conclusion)? = kb.nodes[id], !reached.contains(id) else {
      return nil
    }
    return Diagnostic(
      .warning, "conclusion '\(id)' is reached by no scenario in \(folder.path)",
      at: conclusion.location)
  }
}

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
      docs/answer-files.md): one line per case, then 'cases: N/M right, K/M fixes in plan, Q.Q \
      questions asked on average'. A low score exits 0 unless --min-right or --min-fixes is given; \
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
      "With --cases: exit 1 when fewer than this fraction (0…1) have the fix in the plan.",
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
        err.line(
          "error: no cases in \(folder.path) (pass --kb DIR, or run from the repository's root)")
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
        err.line(error.description)
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
    if let minFixes, Double(summary.fixesInPlan) / total < minFixes {
      throw ExitStatus.inconclusive.exitCode
    }
  }
}

/// `nettriage kb graph`: the decision tree as Mermaid or DOT.
struct KnowledgeBaseGraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Print the decision tree as a Mermaid flowchart or a Graphviz DOT graph."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Option(help: ArgumentHelp("mermaid or dot.", valueName: "format"))
  var format: String = "mermaid"

  func validate() throws {
    guard KnowledgeBaseGraph.Format(rawValue: format) != nil else {
      throw ValidationError("unknown format '\(format)' (expected mermaid or dot)")
    }
  }

  func run() throws {
    let kb = try exitingOnError { () throws(TriageError) in try knowledgeBase.load() }
    Terminal.standardOutput.write(
      KnowledgeBaseGraph.render(kb, format: KnowledgeBaseGraph.Format(rawValue: format) ?? .mermaid)
    )
  }
}

/// `nettriage kb coverage FILE`: what an answer file answers, and where it would still need input.
struct KnowledgeBaseCoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract:
      "Show which questions an answer file answers on its path and where it would need input."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Argument(help: ArgumentHelp("The answer file.", valueName: "answer-file"))
  var answerFile: String

  func run() throws {
    let (kb, file) = try exitingOnError { () throws(TriageError) in
      let kb = try knowledgeBase.load()
      return (kb, try AnswerFile.load(URL(fileURLWithPath: answerFile), knowledgeBase: kb))
    }
    let out = Terminal.standardOutput
    let replay = try exitingOnError { () throws(TriageError) in
      try AnswerReplay.replay(
        file, knowledgeBase: kb, sessionID: "coverage",
        clock: .fixed(Date(timeIntervalSince1970: 0)), policy: .error,
        observers: CommandLineObservers.offline)
    }
    let walk = try exitingOnError { () throws(TriageError) in try replay.session.walk() }
    out.line("Path with these answers:")
    for (index, step) in walk.steps.enumerated() {
      switch step {
      case .answered(let question, let value, _, let automatic):
        out.line(
          "  \(index + 1). \(question) = \(value.display)\(automatic ? " (already known)" : "")")
      case .decided(let decision, let condition):
        out.line("  \(index + 1). \(decision): \(condition ?? "otherwise")")
      case .concluded(let conclusion):
        out.line("  \(index + 1). conclusion \(conclusion)")
      case .probed(let node, let probe, let ran):
        out.line("  \(index + 1). \(node): probe \(probe) \(ran ? "ran" : "skipped")")
      }
    }
    // What each of the file's facts did for the differential, on the path or not.
    var moved: [String: [String]] = [:]
    for contribution in walk.contributions {
      let key: String
      switch contribution.step {
      case .answered(let question, _, _, _): key = question
      case .decided(let decision, _): key = decision
      default: continue
      }
      moved[key, default: []].append(
        "\(contribution.cause) \(String(format: "%+.2f", contribution.factor))")
    }
    out.line("Facts that counted:")
    for answer in walk.answers {
      guard let effects = moved[answer.question] else { continue }
      let origin = answer.automatic ? " (from \(answer.provenance.display))" : ""
      out.line(
        "  \(answer.question) = \(answer.value.display)\(origin): \(effects.joined(separator: ", "))"
      )
    }
    for case .decided(let decision, let condition) in walk.decided {
      guard let effects = moved[decision] else { continue }
      out.line(
        "  \(decision) (\(condition ?? "otherwise")): \(effects.joined(separator: ", "))")
    }
    let onPath = Set(walk.visited)
    let idle = file.answers.map(\.question).filter { moved[$0] == nil && !onPath.contains($0) }
    if !idle.isEmpty {
      out.line(
        "Answers in the file that counted for nothing (no support, off the path): "
          + idle.joined(separator: ", "))
    }
    guard let missing = replay.missing else {
      out.line("Complete: the file answers every question its path needs.")
      return
    }
    out.line("Needs input at: \(missing.id) (\(missing.ask.split(separator: "\n").first ?? ""))")
    let explorer = PathExplorer(knowledgeBase: kb)
    let coverage = try exitingOnError { () throws(TriageError) in
      try explorer.exhaustive(given: file.givenAnswers, limit: 20_000)
    }
    var needs: [String: [String]] = [:]
    let given = Set(file.answers.map(\.question))
    for ending in coverage.endings {
      for question in ending.questions where !given.contains(question) {
        if needs[ending.conclusion]?.contains(question) != true {
          needs[ending.conclusion, default: []].append(question)
        }
      }
    }
    out.line("Still to answer, by the conclusion it could lead to (in the order asked):")
    for (conclusion, questions) in needs.sorted(by: { $0.key < $1.key }) {
      out.line("  \(conclusion): \(questions.joined(separator: ", "))")
    }
    if coverage.truncated { out.line("(explored the first \(coverage.walks) paths only)") }
    throw ExitStatus.incomplete.exitCode
  }
}
