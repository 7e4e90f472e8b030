import ArgumentParser
import TriageKit

/// `nettriage kb facts`: the facts evidence importers and probes declare, which knowledge-base
/// conditions and templates may name.
struct KnowledgeBaseFactsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "facts",
    abstract: "List the facts evidence and probes give, as a Markdown table.",
    discussion: """
      The table of docs/evidence.md: every fact an evidence importer or a probe declares, with its \
      type, unit, what gives it and what it means. `kb lint` checks conditions and templates \
      against these names.
      """
  )

  func run() throws {
    Terminal.standardOutput.write(DeclaredVocabulary.standard.markdownTable)
  }
}
