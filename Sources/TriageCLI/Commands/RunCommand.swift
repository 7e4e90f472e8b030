import ArgumentParser
import Foundation
import TriageKit

/// `nettriage run --answers FILE`: a triage without a person.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Replay an answer file and write the report.",
    discussion: """
      Answers are taken as the walk reaches their questions, exactly as if typed. When an answer \
      the path needs is missing, the file's 'missing:' policy decides: error (the default without a \
      terminal) exits 2 and lists the question IDs; ask prompts on the terminal; default takes the \
      question's default; unknown answers unknown. Without --report or --json the Markdown report \
      goes to standard output. Set SOURCE_DATE_EPOCH for byte-identical reports.
      """
  )

  @Option(
    name: .customLong("answers"),
    help: ArgumentHelp(
      "The answer file (YAML). Without it, --evidence alone drives the run.", valueName: "file"),
    completion: .file(extensions: ["yaml", "yml"]))
  var answers: String?

  @Option(
    help: ArgumentHelp(
      "What to do when an answer is missing: error, ask, default or unknown (overrides the file's; without an answer file: unknown).",
      valueName: "policy"),
    completion: .list(["error", "ask", "default", "unknown"]))
  var missing: String?

  @Option(
    help: ArgumentHelp(
      "Write the Markdown report here ('-' for standard output).", valueName: "file.md"),
    completion: .file())
  var report: String?

  @Option(
    help: ArgumentHelp("Write the JSON report here ('-' for standard output).", valueName: "file"),
    completion: .file())
  var json: String?

  @Option(
    help: ArgumentHelp(
      "A label for the report's header: a ticket number, a station, a caller.",
      valueName: "text"))
  var label: String?

  @Flag(help: "Replace report files that exist already.")
  var force = false

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var evidence: EvidenceOptions

  func validate() throws {
    if answers == nil && evidence.files.isEmpty {
      throw ValidationError(
        "give an answer file (--answers FILE), evidence (--evidence FILE), or both")
    }
    if let missing, AnswerFile.MissingPolicy(rawValue: missing) == nil {
      throw ValidationError(
        "unknown policy '\(missing)' for --missing (expected \(AnswerFile.MissingPolicy.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    if report == "-" && json == "-" {
      throw ValidationError("--report and --json cannot both write to standard output")
    }
  }

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let clock = try environmentClock()
    let err = Terminal.standardError
    let (kb, file, bundled) = try exitingOnError { () throws(TriageError) in
      let kb = try knowledgeBase.load()
      guard let answers else {
        let text = "nettriage: \(AnswerFile.schema)\nmissing: unknown\n"
        let file = try AnswerFile.parse(text, path: "(evidence only)", knowledgeBase: kb)
        return (kb, file, [Observation]())
      }
      // Bundles among the file's evidence give many observations each.
      let (file, bundled) = try EvidenceBundleInput.expand(
        AnswerFile.load(URL(fileURLWithPath: answers), knowledgeBase: kb))
      return (kb, file, bundled)
    }
    for warning in file.deprecations { err.line(warning.description) }
    let hasTerminal = Terminal.isInputTerminal && isatty(STDOUT_FILENO) != 0
    var policy =
      missing.flatMap(AnswerFile.MissingPolicy.init(rawValue:)) ?? file.missing
      ?? (hasTerminal ? .ask : .error)
    if policy == .ask && !hasTerminal { policy = .error }
    var replay = try exitingOnError { () throws(TriageError) in
      try AnswerReplay.replay(
        file, knowledgeBase: kb, sessionID: newSessionID(at: Date()), clock: clock, policy: policy,
        observers: CommandLineObservers.standard(strict: evidence.strict),
        extraEvidence: bundled + (try evidence.observations()))
    }
    var session = replay.session
    // Set when a person took over: the session is journalled and can be resumed by its ID.
    var journalled = false
    if replay.missing != nil, policy == .ask {
      // Hand over to a person for what the file lacks, journalled so it can be resumed.
      let journal = try exitingOnError { () throws(TriageError) in
        let journal = try SessionJournal.create(
          in: SessionJournal.defaultDirectory(environment: environment),
          header: .init(
            session: session.id, kb: kb.identity, kbPath: knowledgeBase.absolutePath,
            started: clock.now()))
        for event in session.events { try journal.append(event) }
        return journal
      }
      err.line("The answer file does not answer everything this path needs; asking here.")
      _ = try runREPL(
        session: session, journal: journal, clock: clock, environment: environment,
        leaveOnConclusion: true)
      session = try exitingOnError { () throws(TriageError) in
        let (_, events) = try SessionJournal.read(journal.url)
        return Session(id: session.id, knowledgeBase: kb, events: events, clock: clock)
      }
      journalled = true
      replay.missing = try exitingOnError { () throws(TriageError) in
        try session.walk().pendingQuestion
      }
    }
    let result = try exitingOnError { () throws(TriageError) in
      let result = try Report(
        session: session, generatedAt: clock.now(), label: label, resumable: journalled)
      if report == nil && json == nil {
        try ReportOutput.write(result, format: .markdown, to: "-", force: force)
      }
      if let report { try ReportOutput.write(result, format: .markdown, to: report, force: force) }
      if let json { try ReportOutput.write(result, format: .json, to: json, force: force) }
      return result
    }
    if let missing = replay.missing {
      err.line(
        ErrorMessage.error(
          "\(answers ?? "the evidence"): incomplete: the path needs an answer to '\(missing.id)' (\(result.plain(missing.ask).split(separator: "\n").first ?? ""))"
        )
      )
      err.line("missing: \(missing.id)")
      if !replay.likelyNext.isEmpty {
        err.line(
          "then, depending on the answers, probably: \(replay.likelyNext.joined(separator: ", "))")
      }
    }
    throw ExitStatus(result.outcome).exitCode
  }
}
