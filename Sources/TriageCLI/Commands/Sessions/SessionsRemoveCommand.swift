import ArgumentParser
import Foundation
import TriageKit

/// `nettriage sessions rm ID…`: deletes saved sessions.
struct SessionsRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rm",
    abstract: "Remove saved sessions by ID (or a unique start of one)."
  )

  @Argument(
    help: ArgumentHelp("The sessions to remove.", valueName: "id"),
    completion: .custom { _, _, _ in SessionChoice.savedIDs() })
  var ids: [String]

  func validate() throws {
    guard !ids.isEmpty else { throw ValidationError("name at least one session ID") }
  }

  func run() throws {
    let directory = SessionJournal.defaultDirectory(
      environment: ProcessInfo.processInfo.environment)
    let summaries = SessionJournal.list(in: directory)
    let err = Terminal.standardError
    var chosen: [SessionJournal.Summary] = []
    // Every ID is checked before anything is removed: a typo removes nothing.
    for id in ids {
      switch SessionChoice.find(id, in: summaries, directory: directory) {
      case .success(let summary): chosen.append(summary)
      case .failure(let problem):
        err.line(ErrorMessage.formatted(problem.message))
        throw problem.status.exitCode
      }
    }
    for summary in chosen {
      do {
        try FileManager.default.removeItem(at: summary.url)
        Terminal.standardOutput.line("removed \(summary.header.session)")
      } catch {
        err.error("cannot remove '\(summary.url.path)': \(error.localizedDescription)")
        throw ExitStatus.cannotWrite.exitCode
      }
    }
  }
}
