import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb …`: the knowledge-base authors' tools.
struct KnowledgeBaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "Tools for knowledge-base authors.",
    subcommands: [KnowledgeBaseLintCommand.self]
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
      err.line(diagnostic.severity == .error ? text.replacingOccurrences(of: ": error:", with: ": " + err.styled("error", .red) + ":") : text)
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    let out = Terminal.standardOutput
    if let loaded {
      let nodes = loaded.nodes.count
      out.line(
        "\(loaded.identity.id) \(loaded.identity.version): \(files.count) files, \(nodes) nodes, \(loaded.causes.count) causes, \(loaded.steps.count) steps; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    } else {
      out.line("\(root): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    }
    if errors > 0 || (strict && warnings > 0) { throw ExitStatus.invalidInput.exitCode }
  }
}
