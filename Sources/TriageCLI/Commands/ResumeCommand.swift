import ArgumentParser
import EmbeddedKnowledgeBase
import Foundation
import TriageKit

/// `nettriage resume [ID]`: continues a saved session.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a saved session (the latest unfinished one by default).",
    discussion:
      "The session's answers are replayed from its journal; 'nettriage sessions' lists the IDs."
  )

  @Argument(help: ArgumentHelp("The session ID, or a unique start of it.", valueName: "id"))
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
      let matches = summaries.filter { $0.header.session.hasPrefix(id) }
      if let exact = summaries.first(where: { $0.header.session == id }) {
        chosen = exact
      } else if matches.count == 1 {
        chosen = matches[0]
      } else if matches.isEmpty {
        var message = "error: no session '\(id)' in \(directory.path)"
        if let suggestion = NearestMatch.suggestion(for: id, among: summaries.map(\.header.session))
        {
          message += " (did you mean '\(suggestion)'?)"
        }
        err.line(message)
        throw ExitStatus.inputMissing.exitCode
      } else {
        err.line(
          "error: '\(id)' matches several sessions: \(matches.map(\.header.session).joined(separator: ", "))"
        )
        throw ExitStatus.usage.exitCode
      }
    } else {
      guard let latest = summaries.first(where: { $0.concluded == nil }) ?? summaries.first else {
        err.line("error: no saved sessions in \(directory.path); 'nettriage' starts one")
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
      err.line(err.styled("warning: ", .yellow) + damage)
    }
    if kb.identity.digest != header.kb.digest {
      err.line(
        "warning: the knowledge base changed since this session started (\(header.kb.id) \(header.kb.version) → \(kb.identity.version)); the answers are replayed against the current one"
      )
    }
    let session = Session(id: header.session, knowledgeBase: kb, events: events, clock: clock)
    let out = Terminal.standardOutput
    out.line(
      out.styled("NetTriage", .bold)
        + " · resuming session \(header.session) (started \(header.started))")
    out.line(
      "\(session.state.answers.count) answers so far. Type .how for the path so far, .help for commands."
    )
    let outcome = try runREPL(
      session: session, journal: journal, clock: clock, environment: environment)
    throw ExitStatus(outcome).exitCode
  }
}
