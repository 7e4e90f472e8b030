import ArgumentParser
import EmbeddedKnowledgeBase
import Foundation
import TriageKit

/// `nettriage resume [ID]`: continues a saved session.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a saved session (by default the latest unfinished one with answers).",
    discussion:
      "The session's answers are replayed from its journal; 'nettriage sessions' lists the IDs."
  )

  @Argument(
    help: ArgumentHelp("The session ID, or a unique start of it.", valueName: "id"),
    completion: .custom { _, _, _ in SessionChoice.savedIDs() })
  var id: String?

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let clock = try environmentClock()
    let err = Terminal.standardError
    let directory = SessionJournal.defaultDirectory(environment: environment)
    let summaries = SessionJournal.list(in: directory)
    let chosen: SessionJournal.Summary
    if let id {
      switch SessionChoice.find(id, in: summaries, directory: directory) {
      case .success(let summary): chosen = summary
      case .failure(let problem):
        err.line(ErrorMessage.formatted(problem.message))
        throw problem.status.exitCode
      }
    } else {
      // The latest session someone was working on: unfinished and with answers; a session that
      // was only opened, or is concluded, is not what "resume" means.
      guard let latest = summaries.first(where: { $0.concluded == nil && $0.answers > 0 }) else {
        err.error(
          summaries.isEmpty
            ? "no saved sessions in \(directory.path); 'nettriage' starts one"
            : "no unfinished session with answers; 'nettriage sessions' lists them all, 'nettriage resume ID' resumes one"
        )
        throw ExitStatus.inputMissing.exitCode
      }
      chosen = latest
    }
    let (journal, header, events, kb) = try exitingOnError { () throws(TriageError) in
      let (journal, header, events) = try SessionJournal.open(chosen.url)
      var options = knowledgeBase
      if options.directory == nil { options.directory = header.kbPath }
      let kb = try options.load()
      return (journal, header, events, kb)
    }
    if let damage = journal.damage {
      err.line(ErrorMessage.warning(damage))
    }
    if kb.identity.digest != header.kb.digest {
      err.line(
        ErrorMessage.warning(
          "the knowledge base changed since this session started (\(header.kb.id) \(header.kb.version) → \(kb.identity.version)); the answers are replayed against the current one"
        ))
    }
    let session = Session(id: header.session, knowledgeBase: kb, events: events, clock: clock)
    let out = Terminal.standardOutput
    out.line(
      out.styled("NetTriage", .bold)
        + " · resuming session \(header.session)\(header.label.map { " (\($0))" } ?? "")"
        + " (started \(LocalTime.display(iso8601: header.started)))")
    out.line(
      "\(session.state.answers.count) answers so far. Type .how for the path so far, .help for commands."
    )
    let outcome = try runREPL(
      session: session, journal: journal, clock: clock, environment: environment)
    throw ExitStatus(outcome).exitCode
  }
}
