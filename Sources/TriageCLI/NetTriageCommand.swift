import ArgumentParser
import Foundation

/// The `nettriage` command: a guided troubleshooting wizard for machines that suddenly cannot open
/// new connections.
public struct NetTriageCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "nettriage",
    abstract: "Guided triage for a machine that suddenly cannot open new connections.",
    discussion: """
      Run without a command to start a guided session. Answer files replay a triage without a \
      person; every session exports as a Markdown or JSON report.

      \(ExitStatus.helpText)
      """,
    version: "0.1.0",
    subcommands: [
      StartCommand.self, RunCommand.self, ResumeCommand.self, SessionsCommand.self,
      KnowledgeBaseCommand.self, ParseCommand.self, ProbeCommand.self, CollectCommand.self,
      SummarizeCommand.self,
    ],
    defaultSubcommand: StartCommand.self
  )

  public init() {}

  /// Parses the command line and runs the command; errors ArgumentParser reports (a wrong option,
  /// a failed validation) are shown in the house shape, `nettriage: error: …`, with their usual
  /// exit code (64 for usage).
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      guard code != .success, !message.isEmpty else { exit(withError: error) }
      fflush(nil)
      Terminal.standardError.line(ErrorMessage.usage(message))
      Foundation.exit(code.rawValue)
    }
  }
}
