import Foundation
import PackagePlugin

/// Compiles `KnowledgeBase/*.yaml` into the target as `EmbeddedKnowledgeBase.files`.
///
/// A build-tool plugin rather than a committed generated file: the embedded knowledge base can never
/// be stale, and authors only edit YAML.
@main
struct EmbedKnowledgeBasePlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let directory = context.package.directoryURL.appending(path: "KnowledgeBase")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let inputs = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
      directory.appending(path: $0)
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledgeBaseFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding the knowledge base from \(directory.path)",
        executable: try context.tool(named: "KnowledgeBaseEmbedder").url,
        arguments: [directory.path, output.path],
        inputFiles: inputs + [directory],
        outputFiles: [output]
      )
    ]
  }
}
