import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb …`: the knowledge-base authors' tools.
struct KnowledgeBaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "Tools for knowledge-base authors.",
    subcommands: [KnowledgeBaseLintCommand.self, KnowledgeBaseTestCommand.self]
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
    let diagnostics = loadDiagnostics + (loaded.map(KnowledgeBaseLinter.lint) ?? [])
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

/// `nettriage kb test`: replays the scenarios and checks what each reaches.
struct KnowledgeBaseTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Replay the scenarios (answer files with an 'expect' block); exit 1 when one fails.",
    discussion: """
      Scenarios are read from DIR/scenarios for --kb DIR, else from KnowledgeBase/scenarios in the \
      current folder (against the embedded knowledge base). Name files to run only those.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Argument(help: ArgumentHelp("Scenario files to run (default: all).", valueName: "scenario"))
  var scenarios: [String] = []

  func run() throws {
    let kb = try exitingOnError { () throws(TriageError) in try knowledgeBase.load() }
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
    let out = Terminal.standardOutput
    var failed = 0
    for url in urls {
      let result = try exitingOnError { () throws(TriageError) in
        try ScenarioRunner.run(url, knowledgeBase: kb)
      }
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
    out.line("scenarios: \(urls.count - failed) passed, \(failed) failed")
    if failed > 0 { throw ExitStatus.inconclusive.exitCode }
  }
}
