import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb lint`: every problem of a knowledge base, with its place.
struct KnowledgeBaseLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check a knowledge base; exit 65 when it has errors.",
    discussion: """
      Reports YAML and schema errors, duplicate IDs, dangling references, unreachable nodes, cycles \
      without an exit, diagnosed conclusions without a plan, conditions that do not parse, facts \
      no question sets and no importer or probe declares, probe arguments of the wrong name or \
      type, templates that could show no value, and ambiguous aliases, each as file:line:column.
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
