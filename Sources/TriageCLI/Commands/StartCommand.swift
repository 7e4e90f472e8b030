import ArgumentParser
import Foundation
import LineEditing
import TriageKit

/// `nettriage start` (the default): a guided triage at the terminal.
struct StartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Start a guided triage (the default command).",
    discussion: """
      Asks one question at a time and ends with a ranked diagnosis and a remediation plan. Every \
      answer is saved before the next question, so Ctrl-D, .quit or a crash loses nothing: \
      'nettriage resume' continues. Without a terminal, lines are read from standard input.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var evidence: EvidenceOptions

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let clock = try environmentClock()
    let (kb, journal, session) = try exitingOnError { () throws(TriageError) in
      let kb = try knowledgeBase.load()
      // Evidence first: a file that cannot be read stops here, before a session exists.
      let observations = try evidence.observations()
      let id = newSessionID(at: Date())
      let journal = try SessionJournal.create(
        in: SessionJournal.defaultDirectory(environment: environment),
        header: .init(
          session: id, kb: kb.identity, kbPath: knowledgeBase.absolutePath, started: clock.now()))
      var session = Session(id: id, knowledgeBase: kb, clock: clock)
      for observation in observations {
        try journal.append(session.observe(observation))
      }
      return (kb, journal, session)
    }
    let out = Terminal.standardOutput
    out.line(
      out.styled("NetTriage", .bold) + " · \(kb.title) (\(kb.identity.id) \(kb.identity.version))")
    out.line(
      "Session \(session.id). Every answer is saved as you go; Ctrl-D or .quit leaves, 'nettriage resume' continues."
    )
    out.line("Type .help for commands; .paste or .load reads a command's output or a log.")
    for observation in session.state.observations {
      out.line(
        out.styled("✓ ", .green) + "read \(observation.kind) from \(observation.label)"
          + (observation.figures.isEmpty
            ? "" : ": " + observation.figures.prefix(4).joined(separator: ", ")))
    }
    let outcome = try runREPL(
      session: session, journal: journal, clock: clock, environment: environment)
    throw ExitStatus(outcome).exitCode
  }
}

/// Runs the REPL on the best line editor for how the program was started.
func runREPL(
  session: Session, journal: SessionJournal?, clock: TriageClock, environment: [String: String],
  leaveOnConclusion: Bool = false
) throws -> Report.Outcome {
  if journal != nil {
    InterruptHandler.install(
      message:
        "\ninterrupted; session \(session.id) is saved. Resume with: nettriage resume \(session.id)\n"
    )
  }
  let editor = LineEditorFactory.makeLineEditor(
    historyFile: LineEditorFactory.defaultHistoryFile(environment: environment),
    environment: environment)
  let repl = TriageREPL(
    session: session, journal: journal, editor: editor, clock: clock,
    leaveOnConclusion: leaveOnConclusion)
  return try exitingOnError { () throws(TriageError) in try repl.run() }
}
