import Foundation
import LineEditing
import TriageEvidence
import TriageKit

/// The interactive wizard: shows the question the walk waits on, reads answers and dot commands,
/// journals every event before the next prompt.
final class TriageREPL {
  private var session: Session
  private let journal: SessionJournal?
  private let editor: any LineEditor
  private let clock: TriageClock
  private let out = Terminal.standardOutput
  private let err = Terminal.standardError
  /// Leave as soon as a conclusion is reached (for `run` with `missing: ask`).
  private let leaveOnConclusion: Bool
  /// The question last shown, so an empty line or an error does not print it again.
  private var shownQuestion: String?
  /// Automatic answers already announced on this path.
  private var announced: Set<String> = []
  private var concludedShown: String?
  private var journalFailed = false

  init(
    session: Session, journal: SessionJournal?, editor: any LineEditor, clock: TriageClock,
    leaveOnConclusion: Bool = false
  ) {
    self.session = session
    self.journal = journal
    self.editor = editor
    self.clock = clock
    self.leaveOnConclusion = leaveOnConclusion
  }

  /// The session as it stands (for callers that write reports afterwards).
  var currentSession: Session { session }

  /// Runs until the person leaves or input ends; returns the outcome at that point.
  func run() throws(TriageError) -> Report.Outcome {
    editor.completer = { [unowned self] line in self.completions(for: line) }
    while true {
      let walk = try session.walk()
      announceAutomaticAnswers(walk)
      let prompt: String
      if let conclusion = walk.conclusion {
        if concludedShown != conclusion.id {
          concludedShown = conclusion.id
          if !lastEventIsConclusion(conclusion.id) {
            record(.concluded(conclusion: conclusion.id, outcome: conclusion.outcome))
          }
          showConclusion(conclusion, walk: walk)
          if leaveOnConclusion { return outcome(of: walk) }
        }
        prompt = "done> "
      } else if let question = walk.pendingQuestion {
        concludedShown = nil
        if shownQuestion != question.id {
          shownQuestion = question.id
          record(.asked(question: question.id))
          show(question, number: walk.answeredSteps.count + 1)
        }
        prompt = "answer> "
      } else if let probe = walk.pendingProbe {
        concludedShown = nil
        if try askToProbe(probe, walk: walk) == .leave {
          leave(try session.walk())
          return outcome(of: try session.walk())
        }
        continue
      } else {
        prompt = "> "
      }
      switch editor.readLine(prompt: out.colours ? out.styled(prompt, .cyan) : prompt) {
      case .endOfFile:
        out.line()
        leave(walk)
        return outcome(of: walk)
      case .interrupted:
        out.line(out.styled("(line discarded; .quit or Ctrl-D leaves, the session is kept)", .dim))
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { continue }
        editor.addHistory(line)
        if line.hasPrefix(".") {
          if try handleCommand(line, walk: walk) == .leave {
            leave(try session.walk())
            return outcome(of: try session.walk())
          }
        } else if let question = walk.pendingQuestion {
          answer(line, to: question)
        } else {
          err.line(
            "the triage has reached a conclusion; .back changes the last answer, .report FILE writes the report, .quit leaves"
          )
        }
      }
    }
  }

  // MARK: - Answers

  private func answer(_ line: String, to question: QuestionNode) {
    switch AnswerInterpreter.interpret(typed: line, for: question) {
    case .success(let value):
      record(.answered(question: question.id, value: value, provenance: Provenance(.user)))
      shownQuestion = nil
    case .failure(let problem):
      err.line(err.styled("✗ ", .red) + problem.message)
    }
  }

  private func announceAutomaticAnswers(_ walk: Walk) {
    var onPath: Set<String> = []
    for step in walk.answeredSteps where step.automatic {
      onPath.insert(step.question)
      guard !announced.contains(step.question),
        let question = session.knowledgeBase.questions[step.question]
      else {
        continue
      }
      announced.insert(step.question)
      record(.autoAnswered(question: step.question, value: step.value, provenance: step.provenance))
      out.line(
        out.styled("✓ ", .green) + firstLine(question.ask) + " "
          + out.styled(question.display(step.value), .bold)
          + out.styled(
            " (already known, from \(step.provenance.display); .change \(question.id) to answer it yourself)",
            .dim))
    }
    announced.formIntersection(onPath)
  }

  // MARK: - Showing

  private func show(_ question: QuestionNode, number: Int) {
    out.line()
    out.line(out.styled("Question \(number)", .bold) + out.styled(" · \(question.id)", .dim))
    out.line(question.ask.trimmingCharacters(in: .whitespacesAndNewlines))
    switch question.type {
    case .choice, .yesNo, .multipleChoice:
      for (index, choice) in question.choices.enumerated() {
        var line = "  \(index + 1)) \(choice.label)"
        if let help = choice.help { line += out.styled(" — \(help)", .dim) }
        out.line(line)
      }
      out.line("  \(question.choices.count + 1)) unknown")
      out.line(
        out.styled(
          question.type == .multipleChoice
            ? "Answer with one or more numbers or choices (1, 3); .why explains the question, .help lists commands."
            : "Answer with a number or the start of a choice; .why explains the question, .help lists commands.",
          .dim))
    case .number:
      out.line(
        out.styled(
          "Answer with \(AnswerInterpreter.expectation(for: question)); .why explains the question.",
          .dim))
    case .text:
      out.line(
        out.styled("Answer in your own words, or unknown; .why explains the question.", .dim))
    }
  }

  private func showConclusion(_ conclusion: ConclusionNode, walk: Walk) {
    guard let report = try? Report(session: session, generatedAt: clock.now()) else { return }
    out.line()
    let outcome =
      conclusion.outcome == .diagnosed
      ? out.styled("Diagnosed", .green) : out.styled("Inconclusive", .yellow)
    out.line(outcome + ": " + out.styled(report.plain(conclusion.title), .bold))
    out.line(report.plain(conclusion.text).trimmingCharacters(in: .whitespacesAndNewlines))
    if !report.diagnosis.ranked.isEmpty {
      out.line()
      out.line(out.styled("Ranked causes:", .bold))
      for (index, cause) in report.diagnosis.ranked.enumerated() {
        out.line(
          "  \(index + 1). \(cause.cause.title) — \(MarkdownReportRenderer.percentText(cause.confidence))"
        )
      }
    }
    if !report.plan.isEmpty {
      out.line()
      out.line(out.styled("Remediation plan:", .bold))
      for (index, entry) in report.plan.enumerated() {
        out.line(
          "  \(index + 1). \(report.plain(entry.step.title)) (risk: \(entry.step.risk.rawValue))")
      }
    }
    out.line()
    out.line(
      out.styled(
        "Next: .report FILE writes the full report (plan details, how to verify and roll back); .how shows the reasoning; .back changes the last answer; .quit leaves.",
        .dim))
  }

  // MARK: - Commands

  private enum CommandResult { case stay, leave }

  private func handleCommand(_ line: String, walk: Walk) throws(TriageError) -> CommandResult {
    let command: DotCommand
    let argument: String
    switch DotCommand.parse(line) {
    case .failure(let problem):
      err.line(err.styled("✗ ", .red) + problem.message)
      return .stay
    case .success(let parsed):
      (command, argument) = parsed
    }
    switch command {
    case .help:
      showHelp()
    case .why:
      showWhy(walk)
    case .how:
      showHow(walk)
    case .back:
      if let undone = session.undoLastAnswer() {
        undone.events.forEach(journalAppend)
        shownQuestion = nil
        out.line(out.styled("↩ answer to '\(undone.question)' undone", .dim))
      } else {
        err.line("nothing to undo: no answer given yet")
      }
    case .change:
      guard !argument.isEmpty else {
        err.line(
          "usage: .change QUESTION-ID (questions answered so far: \(walk.answeredSteps.map(\.question).joined(separator: ", ")))"
        )
        return .stay
      }
      guard session.knowledgeBase.questions[argument] != nil else {
        var message = "unknown question '\(argument)'"
        if let suggestion = NearestMatch.suggestion(
          for: argument, among: session.knowledgeBase.orderedQuestions.map(\.id))
        {
          message += " (did you mean '\(suggestion)'?)"
        }
        err.line(message)
        return .stay
      }
      session.reopen(argument).forEach(journalAppend)
      shownQuestion = nil
      announced.remove(argument)
    case .restart:
      switch editor.readLine(
        prompt:
          "Start again from the first question? Answers so far stop counting (notes stay). [y/N] ")
      {
      case .line(let reply)
      where ["y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased()):
        record(.restarted)
        shownQuestion = nil
        announced = []
        out.line(out.styled("restarted", .dim))
      default:
        out.line("not restarted")
      }
    case .facts:
      showFacts(walk)
    case .note:
      guard !argument.isEmpty else {
        err.line("usage: .note TEXT")
        return .stay
      }
      record(.noted(text: argument))
      out.line(out.styled("noted", .dim))
    case .save:
      var words = argument.split(separator: " ", maxSplits: 1).map(String.init)
      guard words.first == "answers", words.count == 2 else {
        err.line("usage: .save answers FILE [--force]")
        return .stay
      }
      words.removeFirst()
      let (path, force) = pathAndForce(words[0])
      saveAnswers(to: path, force: force, walk: walk)
    case .report, .json:
      guard !argument.isEmpty else {
        err.line("usage: .\(command.rawValue) FILE [--force]")
        return .stay
      }
      let (path, force) = pathAndForce(argument)
      let report = try Report(session: session, generatedAt: clock.now())
      let text =
        command == .report
        ? MarkdownReportRenderer.render(report) : JSONReportRenderer.render(report)
      write(text, to: path, force: force, what: command == .report ? "report" : "JSON report")
    case .paste:
      var kind: EvidenceKind?
      if !argument.isEmpty {
        guard let named = EvidenceKind(name: argument) else {
          err.line(
            "unknown kind '\(argument)'; kinds: \(EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ")) (or none, to detect it)"
          )
          return .stay
        }
        kind = named
      }
      paste(kind: kind)
    case .load:
      let words = argument.split(separator: " ").map(String.init)
      guard let first = words.first else {
        err.line("usage: .load FILE [KIND]")
        return .stay
      }
      var kind: EvidenceKind?
      if words.count > 1 {
        guard let named = EvidenceKind(name: words[1]) else {
          err.line(
            "unknown kind '\(words[1])'; kinds: \(EvidenceKind.allCases.map(\.rawValue).joined(separator: ", "))"
          )
          return .stay
        }
        kind = named
      }
      let (path, _) = pathAndForce(first)
      do {
        if kind == nil, EvidenceBundleInput.isBundle(path) {
          let bundle = try EvidenceBundleInput.read(path) { err.line($0) }
          for observation in bundle.observations { observe(observation) }
        } else {
          observe(try EvidenceInput.observation(path: path, kind: kind))
        }
      } catch {
        showError(error)
      }
    case .quit:
      return .leave
    }
    return .stay
  }

  // MARK: - Evidence and probes

  /// Reads pasted lines until a line holding only `.` or end of input, then reads them as evidence.
  /// Nothing typed is lost: unreadable text is kept as a note, so it reaches the report.
  private func paste(kind: EvidenceKind?) {
    out.line(
      out.styled(
        "Paste the text; end with a line holding only '.' (or Ctrl-D). Ctrl-C cancels.", .dim))
    var lines: [String] = []
    reading: while true {
      switch editor.readLine(prompt: "") {
      case .line(let line):
        if line.trimmingCharacters(in: .whitespaces) == "." { break reading }
        lines.append(line)
      case .endOfFile:
        break reading
      case .interrupted:
        out.line(out.styled("(paste cancelled)", .dim))
        return
      }
    }
    guard !lines.isEmpty else {
      err.line("nothing pasted")
      return
    }
    let text = lines.joined(separator: "\n") + "\n"
    let stamp = Self.clockTime(clock.now())
    do {
      let (evidence, parsed) = try EvidenceInput.parse(
        bytes: Array(text.utf8), source: "pasted", kind: kind)
      observe(EvidenceInput.observation(evidence, text: parsed, label: "pasted at \(stamp)"))
    } catch {
      showError(error)
      record(.noted(text: "Pasted text that could not be read as evidence:\n" + text))
      out.line(out.styled("The text is kept as a note in the report.", .dim))
    }
  }

  private func observe(_ observation: Observation) {
    let before = try? session.walk()
    record(.observed(observation))
    out.line(
      out.styled("✓ ", .green)
        + "read \(observation.kind) (\(observation.format)) from \(observation.label)"
        + (observation.figures.isEmpty
          ? "" : ": " + observation.figures.prefix(4).joined(separator: ", ")))
    guard let before, let after = try? session.walk() else { return }
    let settlement = Settlement(from: before, to: after)
    let kb = session.knowledgeBase
    for answer in settlement.settled {
      let question = kb.questions[answer.question]
      out.line(
        "  settles \(answer.question): "
          + (question?.display(answer.value) ?? answer.value.display))
    }
    for contradiction in settlement.contradictions {
      let question = kb.questions[contradiction.question]
      let observed = question?.display(contradiction.observed) ?? contradiction.observed.display
      let given = question?.display(contradiction.given) ?? contradiction.given.display
      out.line(
        out.styled("  ! ", .yellow)
          + "it says '\(observed)' for \(contradiction.question), but the answer given is "
          + "'\(given)'; the answer stands — .change \(contradiction.question) to answer again")
    }
    if settlement.isEmpty {
      out.line(
        out.styled(
          "  (it settles none of the open questions; .facts lists what it gave)", .dim))
    }
    shownQuestion = nil
  }

  private static func clockTime(_ date: Date) -> String {
    let parts = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: date)
    return String(format: "%02d:%02d UTC", parts.hour ?? 0, parts.minute ?? 0)
  }

  /// Asks the person's consent for a probe step, then runs it or records that it was declined.
  private func askToProbe(_ probe: ProbeNode, walk: Walk) throws(TriageError) -> CommandResult {
    guard let report = try? Report(session: session, generatedAt: clock.now()) else { return .stay }
    let arguments = probe.resolvedArguments(walk.facts) ?? [:]
    out.line()
    out.line(out.styled("Probe", .bold) + out.styled(" · \(probe.id)", .dim))
    out.line(report.plain(probe.why).trimmingCharacters(in: .whitespacesAndNewlines))
    out.line(
      "It will " + report.plain(probe.consent).trimmingCharacters(in: .whitespacesAndNewlines))
    if let exact = ProbeCatalog.consentText(of: probe.probe, arguments: arguments) {
      out.line(out.styled("Exactly: \(exact).", .dim))
    }
    while true {
      switch editor.readLine(prompt: "Run it? [y/N] ") {
      case .endOfFile:
        return .leave
      case .interrupted:
        continue
      case .line(let reply):
        let word = reply.trimmingCharacters(in: .whitespaces).lowercased()
        if word.hasPrefix(".") {
          if try handleCommand(word, walk: walk) == .leave { return .leave }
          continue
        }
        if ["y", "yes"].contains(word) {
          out.line(out.styled("running probe \(probe.probe)…", .dim))
          let observation = ProbeRunner.run(probe, arguments: arguments)
          record(.observed(observation))
          out.line(
            out.styled("✓ ", .green) + "probe \(probe.probe): \(observation.format)"
              + (observation.figures.isEmpty
                ? "" : " — " + observation.figures.joined(separator: "; ")))
        } else {
          record(.declined(node: probe.id))
          out.line(
            out.styled("skipped; the questions it would have answered are asked instead", .dim))
        }
        return .stay
      }
    }
  }

  /// Writes the answers, and beside them the evidence's text and the probes' results, so a replay
  /// of the file reads the same evidence and replays the same probe results.
  private func saveAnswers(to path: String, force: Bool, walk: Walk) {
    let url = URL(fileURLWithPath: path)
    let stem = url.deletingPathExtension().lastPathComponent
    let folder = url.deletingLastPathComponent()
    var evidence: [(file: String, kind: String)] = []
    var recorded: [Observation] = []
    for observation in session.state.observations {
      if observation.origin == .probe {
        recorded.append(observation)
        continue
      }
      let name = "\(stem).evidence-\(evidence.count + 1).txt"
      do {
        try AtomicFile.write(
          observation.raw, to: folder.appendingPathComponent(name), overwrite: force)
      } catch {
        showError(error)
        return
      }
      evidence.append((name, observation.kind))
    }
    var probes: AnswerFile.ProbePolicy?
    if !recorded.isEmpty {
      let name = "\(stem).probes.jsonl"
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let lines = recorded.compactMap { try? encoder.encode($0) }.map {
        String(decoding: $0, as: UTF8.self)
      }
      do {
        try AtomicFile.write(
          lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent(name),
          overwrite: force)
      } catch {
        showError(error)
        return
      }
      probes = .replay(name)
    }
    let text = AnswerFileWriter.render(
      knowledgeBase: session.knowledgeBase, answers: session.answersOnPath(walk),
      notes: session.state.notes, source: .user, evidence: evidence, probes: probes)
    write(text, to: path, force: force, what: "answers")
  }

  /// A TriageError at the prompt: the message without its `error:` prefix, after a red cross.
  private func showError(_ error: TriageError) {
    err.line(
      err.styled("✗ ", .red) + error.description.replacingOccurrences(of: "error: ", with: ""))
  }

  private func pathAndForce(_ argument: String) -> (String, Bool) {
    var path = argument
    var force = false
    if path.hasSuffix(" --force") {
      path = String(path.dropLast(" --force".count)).trimmingCharacters(in: .whitespaces)
      force = true
    }
    if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      path = home + path.dropFirst()
    }
    return (path, force)
  }

  private func write(_ text: String, to path: String, force: Bool, what: String) {
    do {
      try AtomicFile.write(text, to: URL(fileURLWithPath: path), overwrite: force)
      out.line(out.styled("✓ \(what) written to \(path)", .green))
    } catch {
      showError(error)
    }
  }

  private func showHelp() {
    out.line("Answer the question with a number, the start of a choice, a value, or unknown.")
    out.line("Commands:")
    let width = DotCommand.allCases.map(\.usage.count).max() ?? 0
    for command in DotCommand.allCases {
      out.line(
        "  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0)
          + command.summary)
    }
    out.line(
      "Keys: Tab completes choices and commands, Ctrl-R searches history, Ctrl-C discards the line, Ctrl-D leaves."
    )
  }

  private func showWhy(_ walk: Walk) {
    guard let question = walk.pendingQuestion else {
      out.line("No question is open. .how shows how the conclusion was reached.")
      return
    }
    out.line(out.styled("Why this question (\(question.id))", .bold))
    if let selection = walk.selection {
      out.line(selection.explanation)
      out.line()
    }
    out.line(question.why.trimmingCharacters(in: .whitespacesAndNewlines))
    let effects = question.choices.compactMap { choice -> String? in
      guard !choice.support.entries.isEmpty else { return nil }
      let parts = choice.support.entries.map {
        "\($0.factor >= 0 ? "supports" : "speaks against") \($0.cause) (\(String(format: "%+.2f", $0.factor)))"
      }
      return "  \(choice.label): \(parts.joined(separator: ", "))"
    }
    if !effects.isEmpty {
      out.line()
      out.line(out.styled("What the answers weigh:", .bold))
      for effect in effects { out.line(effect) }
    }
    out.line()
    if walk.facts.isEmpty {
      out.line("Nothing is known yet.")
    } else {
      out.line(out.styled("Already known:", .bold))
      for fact in walk.facts.values.sorted(by: { $0.name < $1.name }) {
        out.line("  \(fact.name) = \(fact.value.display) (\(fact.provenance.display))")
      }
    }
  }

  private func showHow(_ walk: Walk) {
    let kb = session.knowledgeBase
    out.line(
      out.styled(
        walk.conclusion == nil ? "The path so far:" : "How the conclusion was reached:", .bold))
    var number = 0
    for step in walk.steps {
      number += 1
      switch step {
      case .answered(let questionID, let value, let provenance, let automatic):
        let question = kb.questions[questionID]
        let shown = question?.display(value) ?? value.display
        let source = automatic ? "already known, \(provenance.display)" : provenance.display
        out.line("  \(number). \(firstLine(question?.ask ?? questionID)) → \(shown) (\(source))")
      case .decided(let decision, let condition):
        out.line(
          "  \(number). \(decision): "
            + (condition.map { "\($0) holds" } ?? "no branch held, otherwise"))
      case .concluded(let conclusion):
        out.line("  \(number). conclusion: \(conclusion)")
      case .probed(let node, let probe, let ran):
        out.line("  \(number). \(node): probe \(probe) \(ran ? "ran" : "skipped")")
      }
    }
    if let question = walk.pendingQuestion {
      out.line("  → waiting for: \(firstLine(question.ask)) (\(question.id))")
    }
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    guard let report = try? Report(session: session, generatedAt: clock.now()) else { return }
    if !diagnosis.ranked.isEmpty {
      out.line()
      out.line(
        out.styled(walk.conclusion == nil ? "Leading hypotheses:" : "Causes, ranked:", .bold))
      for cause in diagnosis.ranked {
        out.line("  \(cause.cause.title) — \(MarkdownReportRenderer.percentText(cause.confidence))")
        for contribution in cause.because {
          out.line(
            "    \(String(format: "%+.2f", contribution.factor))  \(report.explain(contribution))")
        }
      }
    }
    if !diagnosis.ruledOut.isEmpty {
      out.line()
      out.line(out.styled("Ruled out:", .bold))
      for cause in diagnosis.ruledOut {
        let reasons = cause.because.map { report.explain($0) }.joined(separator: "; ")
        out.line("  \(cause.cause.title) (\(String(format: "%+.2f", cause.factor))): \(reasons)")
      }
    }
  }

  private func showFacts(_ walk: Walk) {
    guard !walk.facts.isEmpty else {
      out.line("No facts yet.")
      return
    }
    let width = walk.facts.keys.map(\.count).max() ?? 0
    for fact in walk.facts.values.sorted(by: { $0.name < $1.name }) {
      out.line(
        "  " + fact.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
          + fact.value.display + out.styled("  (\(fact.provenance.display))", .dim))
    }
  }

  // MARK: - Completion

  private func completions(for line: String) -> [String] {
    if line.hasPrefix("."), !line.contains(" ") {
      return DotCommand.allCases.map { "." + $0.rawValue }
    }
    if line.hasPrefix(".change ") {
      return session.knowledgeBase.orderedQuestions.map(\.id)
    }
    if line.hasPrefix(".save ") { return ["answers"] }
    guard !line.hasPrefix("."), let question = try? session.walk().pendingQuestion else {
      return []
    }
    switch question.type {
    case .choice, .multipleChoice: return question.choices.map(\.value) + ["unknown"]
    case .yesNo: return ["yes", "no", "unknown"]
    case .number, .text: return ["unknown"]
    }
  }

  // MARK: - Journal

  private func record(_ kind: SessionEvent.Kind) {
    journalAppend(session.record(kind))
  }

  private func journalAppend(_ event: SessionEvent) {
    guard let journal else { return }
    do {
      try journal.append(event)
    } catch {
      if !journalFailed {
        journalFailed = true
        err.line(
          err.styled("warning: ", .yellow)
            + "cannot write the session journal (\(error.description)); use .save answers FILE to keep your answers"
        )
      }
    }
  }

  private func lastEventIsConclusion(_ id: String) -> Bool {
    for event in session.events.reversed() {
      switch event.kind {
      case .concluded(let conclusion, _): return conclusion == id
      case .asked, .autoAnswered, .noted: continue
      default: return false
      }
    }
    return false
  }

  private func leave(_ walk: Walk) {
    // Without a journal there is nothing to resume, so nothing to say.
    guard journal != nil else { return }
    let answered = session.state.answers.count
    let status = walk.conclusion == nil ? "in progress" : "concluded"
    out.line(
      "Session \(session.id) saved (\(answered) answer\(answered == 1 ? "" : "s"), \(status)).")
    out.line("Resume with: nettriage resume \(session.id)")
  }

  private func outcome(of walk: Walk) -> Report.Outcome {
    switch walk.conclusion?.outcome {
    case .diagnosed?: return .diagnosed
    case .inconclusive?: return .inconclusive
    case nil: return .incomplete
    }
  }

  private func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
  }
}
