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
      Asks one question at a time and ends with a ranked diagnosis and a remediation plan. The \
      session is saved from its first answer, and every answer before the next question, so \
      Ctrl-D, .quit or a crash loses nothing: 'nettriage resume' continues. Without a terminal, \
      lines are read from standard input.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var evidence: EvidenceOptions

  @Option(
    help: ArgumentHelp(
      "A label for the session: ticket, station, caller ('nettriage sessions' shows it).",
      valueName: "text"))
  var label: String?

  /// Words after `nettriage` that are no command: being the default command, `start` receives
  /// them, and says which command was probably meant.
  @Argument(help: .hidden)
  var stray: [String] = []

  func validate() throws {
    guard let word = stray.first else { return }
    let commands = NetTriageCommand.configuration.subcommands.compactMap {
      $0.configuration.commandName
    }
    var message = "unknown command '\(word)'"
    if let suggestion = NearestMatch.suggestion(for: word, among: commands) {
      message += " (did you mean '\(suggestion)'?)"
    } else {
      message += "; the commands: \(commands.joined(separator: ", "))"
    }
    throw ValidationError(message)
  }

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let clock = try environmentClock()
    let (kb, recorder, session) = try exitingOnError { () throws(TriageError) in
      let kb = try knowledgeBase.load()
      // Evidence first: a file that cannot be read stops here, before a session exists.
      let observations = try evidence.observations()
      let id = newSessionID(at: Date())
      let recorder = SessionRecorder(
        directory: SessionJournal.defaultDirectory(environment: environment),
        header: .init(
          session: id, kb: kb.identity, kbPath: knowledgeBase.absolutePath, started: clock.now(),
          label: label.flatMap { $0.isEmpty ? nil : $0 }))
      var session = Session(id: id, knowledgeBase: kb, clock: clock)
      for observation in observations {
        try recorder.append(session.observe(observation))
      }
      return (kb, recorder, session)
    }
    let out = Terminal.standardOutput
    out.wrapped(
      out.styled("NetTriage", .bold) + " · \(kb.title) (\(kb.identity.id) \(kb.identity.version))")
    out.wrapped(
      "Session \(session.id)\(label.map { " (\($0))" } ?? ""). It is saved from the first answer on; Ctrl-D or .quit leaves, 'nettriage resume' continues."
    )
    out.wrapped("Type .help for commands; .paste or .load reads a command's output or a log.")
    for observation in session.state.observations {
      out.wrapped(
        out.styled("✓ ", .green) + "read \(observation.kind) from \(observation.label)"
          + (observation.figures.isEmpty
            ? "" : ": " + observation.figures.prefix(4).joined(separator: ", ")),
        hanging: "  ")
    }
    let outcome = try runREPL(
      session: session, recorder: recorder, clock: clock, environment: environment)
    throw ExitStatus(outcome).exitCode
  }
}

/// Runs the REPL on the best line editor for how the program was started.
func runREPL(
  session: Session, journal: SessionJournal?, clock: TriageClock, environment: [String: String],
  leaveOnConclusion: Bool = false
) throws -> Report.Outcome {
  try runREPL(
    session: session, recorder: SessionRecorder(journal: journal), clock: clock,
    environment: environment, leaveOnConclusion: leaveOnConclusion)
}

/// Runs the REPL on the best line editor for how the program was started, recording into
/// `recorder`.
func runREPL(
  session: Session, recorder: SessionRecorder, clock: TriageClock, environment: [String: String],
  leaveOnConclusion: Bool = false
) throws -> Report.Outcome {
  let saved =
    "\ninterrupted; session \(session.id) is saved. Resume with: nettriage resume \(session.id)\n"
  InterruptHandler.install(
    message: recorder.isSaved
      ? saved
      : recorder.keepsSession
        ? "\ninterrupted; nothing was answered, so no session was saved\n" : "\ninterrupted\n")
  recorder.onCreate = { _ in InterruptHandler.install(message: saved) }
  let editor = LineEditorFactory.makeLineEditor(
    historyFile: LineEditorFactory.defaultHistoryFile(environment: environment),
    environment: environment)
  let repl = TriageREPL(
    session: session, recorder: recorder, editor: editor, clock: clock,
    environment: environment, leaveOnConclusion: leaveOnConclusion)
  return try exitingOnError { () throws(TriageError) in try repl.run() }
}
