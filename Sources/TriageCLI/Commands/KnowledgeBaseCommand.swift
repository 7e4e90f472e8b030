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
      KnowledgeBaseCoverageCommand.self, KnowledgeBaseFactsCommand.self,
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
      without an exit, diagnosed conclusions without a plan, conditions that do not parse, facts \
      no question sets and no importer or probe declares, and probe arguments of the wrong name or \
      type, each as file:line:column.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    let (files, root) = try exitingOnError { () throws(TriageError) in try knowledgeBase.files() }
    let (loaded, loadDiagnostics) = KnowledgeBaseLoader.load(
      files, root: root, vocabulary: DeclaredVocabulary.standard)
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
    if !replay.unused.isEmpty {
      out.line("Answers not on this path: \(replay.unused.joined(separator: ", "))")
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
