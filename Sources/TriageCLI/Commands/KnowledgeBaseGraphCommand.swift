import ArgumentParser
import Foundation
import TriageKit

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
