import ArgumentParser
import Foundation
import TriageKit

/// `nettriage sessions [list | rm | prune]`: the saved sessions, newest first, and their upkeep.
struct SessionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions",
    abstract: "List, remove and prune saved sessions.",
    discussion:
      "Sessions are kept in $XDG_STATE_HOME/nettriage/sessions (~/.local/state/nettriage/sessions).",
    subcommands: [SessionsListCommand.self, SessionsRemoveCommand.self, SessionsPruneCommand.self],
    defaultSubcommand: SessionsListCommand.self
  )
}
