import ArgumentParser

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
