import Foundation
import LineEditing
import TriageEvidence
import TriageKit

/// The interactive wizard: a view of the session. It shows the question the walk waits on, reads
/// answers, pastes and dot commands, and records what the engine says is due before the next
/// prompt; every decision (what an answer or observation settles, which audit events are due,
/// whether a probe is offered again) is the engine's.
///
/// Its output streams are injected, so its behaviour is tested without a terminal.
final class TriageREPL {
  private var session: Session
  private let recorder: SessionRecorder
  private let editor: any LineEditor
  private let clock: TriageClock
  private let out: Terminal
  private let err: Terminal
  private let environment: [String: String]
  /// Leave as soon as a conclusion is reached (for `run` with `missing: ask`).
  private let leaveOnConclusion: Bool
  private let probeRunner: @Sendable (ProbeNode, [String: String]) -> Observation
  /// The question last shown, so an empty line or an error does not print it again.
  private var shownQuestion: String?
  private var shownConclusion: String?
  private var journalFailed = false

  init(
    session: Session, recorder: SessionRecorder, editor: any LineEditor, clock: TriageClock,
    out: Terminal = .standardOutput, err: Terminal = .standardError,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    leaveOnConclusion: Bool = false,
    probeRunner: @escaping @Sendable (ProbeNode, [String: String]) -> Observation = ProbeRunner.run
  ) {
    self.session = session
    self.recorder = recorder
    self.editor = editor
    self.clock = clock
    self.out = out
    self.err = err
    self.environment = environment
    self.leaveOnConclusion = leaveOnConclusion
    self.probeRunner = probeRunner
  }

  /// The session as it stands (for callers that write reports afterwards).
  var currentSession: Session { session }

  /// Runs until the person leaves or input ends; returns the outcome at that point.
  func run() throws(TriageError) -> Report.Outcome {
    editor.completer = { [unowned self] line in self.completions(for: line) }
    while true {
      let walk = try session.walk()
      recordDueEvents(walk)
      let prompt: String
      if let conclusion = walk.conclusion {
        if shownConclusion != conclusion.id {
          shownConclusion = conclusion.id
          showConclusion(conclusion, walk: walk)
          if leaveOnConclusion { return outcome(of: walk) }
        }
        prompt = "done> "
      } else if let question = walk.pendingQuestion {
        shownConclusion = nil
        if shownQuestion != question.id {
          shownQuestion = question.id
          show(question, number: walk.answeredSteps.count + 1, walk: walk)
        }
        prompt = "answer> "
      } else if let probe = walk.pendingProbe {
        shownConclusion = nil
        if try askToProbe(probe, walk: walk) == .leave {
          return try leave()
        }
        continue
      } else {
        prompt = "> "
      }
      switch editor.readLine(prompt: out.colours ? out.styled(prompt, .cyan) : prompt) {
      case .endOfFile:
        out.line()
        return try leave()
      case .interrupted:
        out.line(out.styled("(line discarded; .quit or Ctrl-D leaves, the session is kept)", .dim))
      case .pasted(let text):
        offerPaste(text)
      case .oversizedPaste(let size):
        refuseOversizedPaste(size)
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { continue }
        editor.addHistory(line)
        if let command = commandLine(for: line, question: walk.pendingQuestion) {
          if try handleCommand(command, walk: walk) == .leave {
            return try leave()
          }
        } else if let question = walk.pendingQuestion {
          answer(line, to: question, walk: walk)
        } else {
          err.wrapped(
            "the triage has reached a conclusion; .back changes the last answer, .report FILE writes the report, .quit leaves"
          )
        }
      }
    }
  }

  /// A dot command as typed, or one of the words people type for one (`help`, `?`, `quit`,
  /// `exit`), unless the word is an answer to the question.
  private func commandLine(for line: String, question: QuestionNode?) -> String? {
    if line.hasPrefix(".") { return line }
    let words: [String: String] = ["help": ".help", "?": ".help", "quit": ".quit", "exit": ".quit"]
    guard let command = words[line.lowercased()] else { return nil }
    if let question, question.type == .choice,
      question.choices.contains(where: {
        $0.value.lowercased() == line.lowercased() || $0.label.lowercased() == line.lowercased()
      })
    {
      return nil
    }
    return command
  }

  // MARK: - Answers

  private func answer(_ line: String, to question: QuestionNode, walk: Walk) {
    switch AnswerInterpreter.interpret(
      typed: TypedAnswer.normalized(line, for: question), for: question)
    {
    case .success(let value):
      // An answer the journal cannot keep is not acknowledged: resuming would silently lose it.
      guard !journalFailed else {
        err.line(
          err.styled("✗ ", .red)
            + "not recorded: the session journal cannot be written; .save answers FILE (on another disk) keeps the answers so far"
        )
        return
      }
      record(.answered(question: question.id, value: value, provenance: Provenance(.user)))
      shownQuestion = nil
    case .failure(let problem):
      guard question.type == .choice || question.type == .yesNo else {
        err.wrapped(err.styled("✗ ", .red) + problem.message, hanging: "  ")
        return
      }
      // The choices as the person saw them: number, label, and the value an answer file uses.
      let choices = question.choices.enumerated().map { index, choice in
        let label = inline(choice.label, walk)
        let short = label.components(separatedBy: " — ").first ?? label
        return "\(index + 1) \(short) ('\(choice.value)')"
      }
      err.wrapped(
        err.styled("✗ ", .red) + problem.message + "; the choices: "
          + choices.joined(separator: ", ") + ", or \(question.choices.count + 1) unknown",
        hanging: "  ")
    }
  }

  /// Records the audit events the engine says are due; announces questions answered from what is
  /// already known.
  private func recordDueEvents(_ walk: Walk) {
    for kind in session.dueAuditEvents(for: walk) {
      record(kind)
      guard case .autoAnswered(let questionID, let value, let provenance) = kind,
        let question = session.knowledgeBase.questions[questionID]
      else { continue }
      out.wrapped(
        out.styled("✓ ", .green) + inline(firstLine(question.ask), walk) + " "
          + out.styled(inline(question.display(value), walk), .bold)
          + out.styled(
            " (already known, from \(shortSource(provenance)); .change \(question.id) to answer it yourself)",
            .dim), hanging: "  ")
    }
  }

  // MARK: - Showing

  /// A knowledge-base text with `{{fact}}` filled from what the walk knows, as the report fills
  /// it: a choice shows its label, a computed number is rounded for people, any other value is
  /// shown bare (the text says "{{hosts-per-sweep}} hosts", so no unit is added), a fact with no
  /// value takes the template's fallback.
  private func fill(_ template: String, _ walk: Walk) -> String {
    let kb = session.knowledgeBase
    return Template.render(template) { name in
      guard let fact = walk.facts[name], fact.value != .unknown else { return nil }
      if fact.provenance.source == .computed, case .number(let value) = fact.value {
        return Report.number(value)
      }
      if let question = fact.question.flatMap({ kb.questions[$0] }),
        question.type == .choice || question.type == .multipleChoice
      {
        return question.display(fact.value)
      }
      return fact.value.display
    }
  }

  /// One line of knowledge-base Markdown, templates filled, as the terminal shows it.
  private func inline(_ template: String, _ walk: Walk) -> String {
    TerminalMarkdown.inline(fill(template, walk), on: out)
  }

  private func markdown(_ template: String, _ walk: Walk, indent: String = "") -> [String] {
    TerminalMarkdown.lines(fill(template, walk), on: out, indent: indent)
  }

  private func show(_ question: QuestionNode, number: Int, walk: Walk) {
    out.line()
    out.line(out.styled("Question \(number)", .bold) + out.styled(" · \(question.id)", .dim))
    for line in markdown(question.ask.trimmingCharacters(in: .whitespacesAndNewlines), walk) {
      out.line(line)
    }
    switch question.type {
    case .choice, .yesNo, .multipleChoice:
      showChoices(question, walk: walk)
      out.wrapped(
        out.styled(
          question.type == .multipleChoice
            ? "Answer with one or more numbers or choices (1, 3); .why explains the question, ? lists commands."
            : "Answer with a number or the start of a choice; .why explains the question, ? lists commands.",
          .dim))
    case .number:
      out.wrapped(
        out.styled(
          "Answer with \(AnswerInterpreter.expectation(for: question)); .why explains the question.",
          .dim))
    case .text:
      out.wrapped(
        out.styled("Answer in your own words, or unknown; .why explains the question.", .dim))
    }
  }

  /// Choices one to a line with a hanging indent; short ones in columns; in a long list each
  /// kept to one line (`.why` shows them whole).
  private func showChoices(_ question: QuestionNode, walk: Walk, whole: Bool = false) {
    let count = question.choices.count + 1
    let numberWidth = String(count).count
    let items =
      question.choices.enumerated().map { index, choice in
        (
          number: "\(index + 1))", label: inline(choice.label, walk),
          help: choice.help.map { inline($0, walk) }
        )
      } + [(number: "\(count))", label: "unknown", help: nil)]
    let pad = { (number: String) in
      "  " + String(repeating: " ", count: numberWidth + 1 - number.count) + number + " "
    }
    let width = out.width
    let widest = items.map { pad($0.number).count + TextWrapper.visibleWidth($0.label) }.max() ?? 0
    if let width, items.allSatisfy({ $0.help == nil }), widest + 2 <= width / 2 {
      let columns = min(width / (widest + 2), 4)
      let rows = (items.count + columns - 1) / columns
      for row in 0..<rows {
        var line = ""
        for column in 0..<columns {
          let index = column * rows + row
          guard index < items.count else { continue }
          let cell = pad(items[index].number) + items[index].label
          let last = column == columns - 1 || index + rows >= items.count
          line +=
            last
            ? cell
            : cell + String(repeating: " ", count: widest + 2 - TextWrapper.visibleWidth(cell))
        }
        out.line(line)
      }
      return
    }
    let oneLine = !whole && items.count > 8
    for item in items {
      let lead = pad(item.number)
      var text = item.label
      if let help = item.help { text += out.styled(" — \(help)", .dim) }
      if oneLine, let width, TextWrapper.visibleWidth(lead + text) > width {
        out.line(lead + Self.truncated(item.label, to: width - lead.count))
      } else {
        out.wrapped(text, indent: lead, hanging: String(repeating: " ", count: lead.count))
      }
    }
  }

  /// `text` cut at a word to fit `width` columns, with "…".
  private static func truncated(_ text: String, to width: Int) -> String {
    let lines = TextWrapper.wrap(text, width: max(width - 1, 10))
    guard lines.count > 1, let first = lines.first else { return text }
    return first + "…"
  }

  private func showConclusion(_ conclusion: ConclusionNode, walk: Walk) {
    guard let report = try? Report(session: session, generatedAt: clock.now()) else { return }
    out.line()
    let outcome =
      conclusion.outcome == .diagnosed
      ? out.styled("Diagnosed", .green) : out.styled("Inconclusive", .yellow)
    out.wrapped(
      outcome + ": " + out.styled(inline(conclusion.title, walk), .bold), hanging: "  ")
    for line in markdown(conclusion.text.trimmingCharacters(in: .whitespacesAndNewlines), walk) {
      out.line(line)
    }
    if !report.diagnosis.ranked.isEmpty {
      out.line()
      out.line(out.styled("Ranked causes:", .bold))
      for (index, cause) in report.diagnosis.ranked.enumerated() {
        out.wrapped(
          "\(index + 1). \(inline(cause.cause.title, walk)) — \(MarkdownReportRenderer.percentText(cause.confidence))",
          indent: "  ", hanging: "     ")
      }
    }
    if !report.plan.isEmpty {
      out.line()
      out.line(out.styled("Remediation plan:", .bold))
      for (index, entry) in report.plan.enumerated() {
        out.wrapped(
          "\(index + 1). \(inline(entry.step.title, walk)) (risk: \(risk(entry.step.risk)))",
          indent: "  ", hanging: "     ")
      }
    }
    out.line()
    out.wrapped(
      out.styled(
        "Next: .report FILE writes the full report (plan details, how to verify and roll back); .how shows the reasoning; .back changes the last answer; .quit leaves.",
        .dim))
  }

  private func risk(_ risk: RemediationStep.Risk) -> String {
    switch risk {
    case .low: return out.styled(risk.rawValue, .green)
    case .medium: return out.styled(risk.rawValue, .yellow)
    case .high: return out.styled(risk.rawValue, .red)
    }
  }

  /// A source in a few words: `user`, `evidence: netstat (netstat.txt)`, without the figures.
  private func shortSource(_ provenance: Provenance) -> String {
    guard let detail = provenance.detail else { return provenance.source.rawValue }
    let head = detail.range(of: ": ").map { String(detail[..<$0.lowerBound]) } ?? detail
    return "\(provenance.source.rawValue): \(head)"
  }

  // MARK: - Commands

  private enum CommandResult { case stay, leave }

  private func handleCommand(_ line: String, walk: Walk) throws(TriageError) -> CommandResult {
    let command: DotCommand
    let argument: String
    switch DotCommand.parse(line) {
    case .failure(let problem):
      err.wrapped(err.styled("✗ ", .red) + problem.message)
      return .stay
    case .success(let parsed):
      (command, argument) = parsed
    }
    var words: [String] = []
    if command.takesFileArguments {
      switch ShellWords.split(argument) {
      case .failure(let problem):
        err.wrapped(err.styled("✗ ", .red) + problem.message)
        return .stay
      case .success(let split):
        words = split
      }
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
      change(argument, walk: walk)
    case .restart:
      switch editor.readLine(
        prompt:
          "Start again from the first question? Answers so far stop counting (notes stay). [y/N] ")
      {
      case .line(let reply)
      where ["y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased()):
        record(.restarted)
        shownQuestion = nil
        out.line(out.styled("restarted", .dim))
      default:
        out.line("not restarted")
      }
    case .facts:
      showFacts(walk, all: argument.lowercased() == "all")
    case .note:
      guard !argument.isEmpty else {
        err.line("usage: .note TEXT")
        return .stay
      }
      if let problem = AnswerInterpreter.lengthProblem(argument) {
        err.line(err.styled("✗ ", .red) + problem.message)
        return .stay
      }
      record(.noted(text: argument))
      out.line(out.styled("noted", .dim))
    case .label:
      let label = argument.isEmpty ? nil : argument
      do {
        try recorder.relabel(label)
        out.line(out.styled(label.map { "labelled '\($0)'" } ?? "label removed", .dim))
      } catch {
        showError(error)
      }
    case .save:
      let force = words.contains("--force")
      words.removeAll { $0 == "--force" }
      guard words.first == "answers", words.count == 2 else {
        err.line("usage: .save answers FILE [--force]")
        return .stay
      }
      saveAnswers(to: expandingHome(words[1]), force: force, walk: walk)
    case .report, .json:
      let force = words.contains("--force")
      words.removeAll { $0 == "--force" }
      guard words.count == 1 else {
        err.line(
          words.isEmpty
            ? "usage: .\(command.rawValue) FILE [--force] (- shows it here)"
            : "one file name, please: quote a name with spaces, as in .\(command.rawValue) \"my report.md\""
        )
        return .stay
      }
      let report = try Report(
        session: session, generatedAt: clock.now(), label: recorder.label,
        resumable: recorder.keepsSession)
      let text =
        command == .report
        ? MarkdownReportRenderer.render(report) : JSONReportRenderer.render(report)
      if words[0] == "-" {
        Pager.show(
          text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
          on: out, environment: environment)
      } else {
        write(
          text, to: expandingHome(words[0]), force: force,
          what: command == .report ? "report" : "JSON report")
      }
    case .paste:
      var kind: EvidenceKind?
      if !argument.isEmpty {
        guard let named = evidenceKind(argument) else { return .stay }
        kind = named
      }
      out.wrapped(
        out.styled(
          "Paste the text; it ends by itself where the terminal marks pastes, or with a line holding only '.' (or Ctrl-D). Ctrl-C cancels.",
          .dim))
      switch editor.readVerbatim(terminator: ".") {
      case .pasted(let text), .line(let text):
        readPasted(text, kind: kind)
      case .interrupted:
        out.line(out.styled("(paste cancelled)", .dim))
      case .endOfFile:
        err.line("nothing pasted")
      case .oversizedPaste(let size):
        refuseOversizedPaste(size)
      }
    case .load:
      guard let first = words.first, words.count <= 2 else {
        err.line(
          words.isEmpty
            ? "usage: .load FILE [KIND]"
            : "usage: .load FILE [KIND]; quote a name with spaces, as in .load \"my file.txt\"")
        return .stay
      }
      var kind: EvidenceKind?
      if words.count > 1 {
        guard let named = evidenceKind(words[1]) else { return .stay }
        kind = named
      }
      do {
        let path = expandingHome(first)
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

  private func evidenceKind(_ name: String) -> EvidenceKind? {
    switch EvidenceKind.named(name) {
    case .success(let kind): return kind
    case .failure(let unknown):
      err.wrapped(
        err.styled("✗ ", .red) + unknown.message + " (or none, to detect it)", hanging: "  ")
      return nil
    }
  }

  /// `.change ID`: only a question answered on the path (or answered at all) can be answered again.
  private func change(_ argument: String, walk: Walk) {
    let answered = walk.answeredSteps.map(\.question)
    guard !argument.isEmpty else {
      err.wrapped(
        "usage: .change QUESTION-ID (questions answered so far: \(answered.joined(separator: ", ")))"
      )
      return
    }
    guard session.knowledgeBase.questions[argument] != nil else {
      var message = "unknown question '\(argument)'"
      if let suggestion = NearestMatch.suggestion(
        for: argument, among: session.knowledgeBase.orderedQuestions.map(\.id))
      {
        message += " (did you mean '\(suggestion)'?)"
      }
      err.wrapped(err.styled("✗ ", .red) + message)
      return
    }
    if walk.pendingQuestion?.id == argument {
      err.wrapped("'\(argument)' is the question asked now: answer it at the prompt")
      return
    }
    guard answered.contains(argument) || session.state.answers[argument] != nil else {
      var message = "'\(argument)' is not on the path so far, so there is nothing to change"
      if let near = NearestMatch.suggestion(for: argument, among: answered) {
        message += " (did you mean '\(near)'?)"
      } else if !answered.isEmpty {
        message += "; answered so far: \(answered.joined(separator: ", "))"
      }
      err.wrapped(err.styled("✗ ", .red) + message, hanging: "  ")
      return
    }
    session.reopen(argument).forEach(journalAppend)
    shownQuestion = nil
  }

  // MARK: - Evidence and probes

  /// Several lines arrived at the answer prompt at once: a paste, offered as evidence rather than
  /// tried as so many answers.
  private func offerPaste(_ text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while lines.last?.isEmpty == true { lines.removeLast() }
    let count = lines.count
    out.wrapped("That looks like pasted text (\(count) lines), not an answer.")
    switch editor.readLine(prompt: "Read it as evidence? [Y/n] ") {
    case .line(let reply)
    where ["", "y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased()):
      readPasted(text, kind: nil)
    default:
      out.line(out.styled("not read; .paste reads a command's output or a log", .dim))
    }
  }

  /// A paste over the evidence limit arrived and was dropped by the reader; nothing was recorded.
  private func refuseOversizedPaste(_ size: Int) {
    err.wrapped(
      err.styled("✗ ", .red)
        + "the paste (about \((size + (1 << 19)) >> 20) MiB) is larger than \(InputFile.size(LineInput.pasteLimit)), the limit for evidence; none of it was read and the session is unchanged (save the text to a file, cut it to the part around the failure and .load it)"
    )
  }

  /// Reads pasted text as evidence. Nothing is lost: text that cannot be read is kept once as a
  /// note, with the reason, so it reaches the report.
  private func readPasted(_ text: String, kind: EvidenceKind?) {
    guard text.contains(where: { !$0.isWhitespace }) else {
      err.line("nothing pasted")
      return
    }
    let body = text.hasSuffix("\n") ? text : text + "\n"
    let stamp = Self.clockTime(clock.now())
    do {
      let (evidence, parsed) = try EvidenceInput.parse(
        bytes: Array(body.utf8), source: "pasted", kind: kind)
      observe(EvidenceInput.observation(evidence, text: parsed, label: "pasted at \(stamp)"))
    } catch {
      showError(error)
      let lines = body.split(separator: "\n", omittingEmptySubsequences: false).count - 1
      let reason = error.description.replacingOccurrences(of: "error: ", with: "")
      // A note holds at most 64 KiB: a long unreadable paste is kept cut, and says so.
      var kept = body
      let room = InputLimits.textAnswerBytes - 4096
      if kept.utf8.count > room {
        kept =
          String(decoding: kept.utf8.prefix(room), as: UTF8.self)
          + "\n(cut to the first \(InputFile.size(room)))\n"
      }
      let note =
        "Pasted text (\(lines) lines) that could not be read as evidence (\(reason)):\n" + kept
      if session.state.notes.contains(where: { $0.hasSuffix("\n" + body) }) {
        out.line(out.styled("The same text is already kept as a note.", .dim))
      } else {
        record(.noted(text: note))
        out.line(out.styled("The text (\(lines) lines) is kept as a note in the report.", .dim))
      }
    }
  }

  /// Records an observation and says what it settled, and where it disagrees with an answer.
  private func observe(_ observation: Observation) {
    let before = try? session.walk()
    record(.observed(observation))
    out.wrapped(
      out.styled("✓ ", .green)
        + "read \(observation.kind) (\(observation.format)) from \(observation.label)"
        + (observation.figures.isEmpty
          ? "" : ": " + observation.figures.prefix(4).joined(separator: ", ")),
      hanging: "  ")
    guard let before, let after = try? session.walk() else { return }
    // The engine says what the observation settled and where it disagrees with an answer.
    let settlement = Settlement(from: before, to: after)
    let kb = session.knowledgeBase
    for answer in settlement.settled {
      guard let question = kb.questions[answer.question] else { continue }
      out.wrapped(
        "settles: " + inline(firstLine(question.ask), after) + " → "
          + out.styled(inline(question.display(answer.value), after), .bold), indent: "  ",
        hanging: "    ")
    }
    for contradiction in settlement.contradictions {
      guard let question = kb.questions[contradiction.question] else { continue }
      out.wrapped(
        out.styled("! ", .yellow)
          + "it says \(question.display(contradiction.observed)), but the answer to "
          + "'\(question.id)' was \(question.display(contradiction.given)); the answer stands — "
          + ".change \(question.id) answers it again", indent: "  ", hanging: "    ")
    }
    if settlement.isEmpty {
      out.wrapped(
        out.styled("(it settles none of the open questions; .facts lists what it gave)", .dim),
        indent: "  ", hanging: "   ")
    }
    shownQuestion = nil
  }

  private static func clockTime(_ date: Date) -> String {
    LocalTime.clock(date)
  }

  /// Asks the person's consent for a probe step, then runs it or records that it was declined.
  private func askToProbe(_ probe: ProbeNode, walk: Walk) throws(TriageError) -> CommandResult {
    let arguments = probe.resolvedArguments(walk.facts) ?? [:]
    out.line()
    out.line(out.styled("Probe", .bold) + out.styled(" · \(probe.id)", .dim))
    for line in markdown(probe.why.trimmingCharacters(in: .whitespacesAndNewlines), walk) {
      out.line(line)
    }
    let exact = ProbeCatalog.consentText(of: probe.probe, arguments: arguments)
    let consent = exact ?? fill(probe.consent, walk).trimmingCharacters(in: .whitespacesAndNewlines)
    let sentence = TerminalMarkdown.inline(consent, on: out)
    out.wrapped("It will " + sentence + (sentence.hasSuffix(".") ? "" : "."))
    if let last = session.state.observations.last(where: { $0.node == probe.id }) {
      if !last.succeeded {
        out.wrapped(
          out.styled(
            last.format == "not-run" ? "Last time it did not run: " : "Last time it failed: ",
            .yellow)
            + Self.reason(of: last), hanging: "  ")
      } else if last.arguments != nil, last.arguments != arguments {
        out.wrapped(
          out.styled("It ran before with other inputs; an answer has changed them since.", .yellow))
      }
    }
    while true {
      switch editor.readLine(prompt: "Run it? [y/N] ") {
      case .endOfFile:
        return .leave
      case .interrupted, .pasted:
        continue
      case .oversizedPaste(let size):
        refuseOversizedPaste(size)
        continue
      case .line(let reply):
        let word = reply.trimmingCharacters(in: .whitespaces)
        if let command = commandLine(for: word, question: nil) {
          if try handleCommand(command, walk: walk) == .leave { return .leave }
          continue
        }
        if ["y", "yes"].contains(word.lowercased()) {
          switch ProbeProgress.run(probe, arguments: arguments, on: out, runner: probeRunner) {
          case .cancelled:
            out.line(out.styled("probe cancelled; nothing recorded", .yellow))
            return .stay
          case .finished(var observation):
            observation.node = probe.id
            if observation.arguments == nil { observation.arguments = arguments }
            record(.observed(observation))
            let figures =
              observation.figures.isEmpty ? "" : " — " + observation.figures.joined(separator: "; ")
            if observation.succeeded {
              out.wrapped(
                out.styled("✓ ", .green) + "probe \(probe.probe): \(observation.format)" + figures,
                hanging: "  ")
              // A fan-out's picture over time, as the report draws it.
              for line in ProbeOutputOptions.sparklines(observation).split(separator: "\n") {
                out.line(String(line))
              }
            } else {
              out.wrapped(
                out.styled("✗ ", .red) + "probe \(probe.probe) "
                  + (observation.format == "not-run" ? "did not run" : "failed") + ": "
                  + Self.reason(of: observation), hanging: "  ")
              out.wrapped(
                out.styled(
                  "the questions it would have answered are asked instead; after .back or .change it is offered again",
                  .dim))
            }
          }
        } else {
          record(.declined(node: probe.id))
          out.line(
            out.styled("skipped; the questions it would have answered are asked instead", .dim))
        }
        return .stay
      }
    }
  }

  /// Why a probe failed or did not run, from its figures (`failed: …`, `not run: …`).
  private static func reason(of observation: Observation) -> String {
    let reasons = observation.figures.compactMap { figure -> String? in
      for prefix in ["\(observation.format): ", "not run: "] where figure.hasPrefix(prefix) {
        return String(figure.dropFirst(prefix.count))
      }
      return nil
    }
    return (reasons.isEmpty ? observation.figures : reasons).joined(separator: "; ")
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
    // A replay takes a step's first recorded result: keep only the latest run of each step.
    recorded = recorded.enumerated().filter { index, observation in
      guard let node = observation.node else { return true }
      return !recorded[(index + 1)...].contains { $0.node == node }
    }.map(\.element)
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
      knowledgeBase: filledKnowledgeBase(walk), answers: session.answersOnPath(walk),
      notes: session.state.notes, source: .user, evidence: evidence, probes: probes)
    write(text, to: path, force: force, what: "answers")
  }

  /// The knowledge base with the questions' texts filled from the walk's facts, for the comments
  /// of a saved answer file (the writer copies each question's text).
  private func filledKnowledgeBase(_ walk: Walk) -> KnowledgeBase {
    var kb = session.knowledgeBase
    for (id, node) in kb.nodes {
      guard case .question(var question) = node else { continue }
      question.ask = fill(question.ask, walk)
      kb.nodes[id] = .question(question)
    }
    return kb
  }

  /// A TriageError at the prompt: the message without its `error:` prefix, after a red cross.
  private func showError(_ error: TriageError) {
    err.wrapped(
      err.styled("✗ ", .red) + error.description.replacingOccurrences(of: "error: ", with: ""),
      hanging: "  ")
  }

  private func expandingHome(_ path: String) -> String {
    if path.hasPrefix("~/"), let home = environment["HOME"] {
      return home + path.dropFirst()
    }
    return path
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
    var lines = [
      "Answer the question with a number, the start of a choice, a value, or unknown.",
      "Commands:",
    ]
    let width = DotCommand.allCases.map(\.usage.count).max() ?? 0
    for command in DotCommand.allCases {
      let lead = "  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0)
      lines += TextWrapper.wrap(
        command.summary, width: out.width, indent: lead,
        hanging: String(repeating: " ", count: lead.count))
    }
    lines += TextWrapper.wrap(
      "help, ? and quit or exit work without the dot. Keys: Tab completes choices, commands, question IDs and file names; Ctrl-R searches history; Ctrl-C discards the line (or cancels a running probe); Ctrl-D leaves.",
      width: out.width)
    Pager.show(lines, on: out, environment: environment)
  }

  /// What this question distinguishes, its choices whole, and the facts that bear on it now.
  private func showWhy(_ walk: Walk) {
    guard let question = walk.pendingQuestion else {
      out.line("No question is open. .how shows how the conclusion was reached.")
      return
    }
    var lines = [out.styled("Why this question (\(question.id))", .bold)]
    if let selection = walk.selection {
      lines += TextWrapper.wrap(selection.explanation, width: out.width)
      lines.append("")
    }
    lines += markdown(question.why.trimmingCharacters(in: .whitespacesAndNewlines), walk)
    let effects = question.choices.compactMap { choice -> String? in
      guard !choice.support.entries.isEmpty else { return nil }
      let parts = choice.support.entries.map {
        "\($0.factor >= 0 ? "supports" : "speaks against") \(causeTitle($0.cause, walk)) (\(String(format: "%+.2f", $0.factor)))"
      }
      return "\(inline(choice.label, walk)): \(parts.joined(separator: ", "))"
    }
    // A long list is shown one line a choice at the question; here each is whole.
    if question.choices.count + 1 > 8 {
      lines.append("")
      lines.append(out.styled("The choices in full:", .bold))
      for (index, choice) in question.choices.enumerated() {
        let lead = "  \(index + 1)) "
        lines += TextWrapper.wrap(
          inline(choice.label, walk), width: out.width, indent: lead,
          hanging: String(repeating: " ", count: lead.count))
      }
    }
    if !effects.isEmpty {
      lines.append("")
      lines.append(out.styled("What the answers weigh:", .bold))
      for effect in effects {
        lines += TextWrapper.wrap(effect, width: out.width, indent: "  ", hanging: "    ")
      }
    }
    lines.append("")
    let relevant = relevantFacts(for: question, walk: walk)
    if relevant.isEmpty {
      lines.append(
        walk.facts.isEmpty
          ? "Nothing is known yet." : "Nothing known yet bears on it (.facts lists what is known).")
    } else {
      lines.append(out.styled("Already known:", .bold))
      for fact in relevant {
        // An answer as the person saw it: the choice's label (its first words), the number with
        // its unit.
        let shown: String
        if let question = session.knowledgeBase.questions[fact.question ?? fact.name] {
          let picked = question.choices(for: fact.value)
          shown =
            picked.isEmpty
            ? inline(question.display(fact.value), walk)
            : picked.map { inline(Report.shortLabel($0.label), walk) }.joined(separator: "; ")
        } else {
          shown = fact.value.display
        }
        lines += TextWrapper.wrap(
          "\(fact.name) = \(shown) (\(shortSource(fact.provenance)))",
          width: out.width,
          indent: "  ", hanging: "    ")
      }
      let rest = walk.facts.count - relevant.count
      if rest > 0 {
        lines.append(out.styled("(\(rest) more facts: .facts all)", .dim))
      }
    }
    Pager.show(lines, on: out, environment: environment)
  }

  /// The facts that bear on `question` now: the answers on the path, computed facts, and the facts
  /// its inferences read.
  private func relevantFacts(for question: QuestionNode, walk: Walk) -> [Fact] {
    let read = Set(
      question.inferences.flatMap { inference in
        walk.facts.keys.filter { inference.text.contains($0) || inference.from == $0 }
      })
    return walk.facts.values.filter { fact in
      fact.question != nil || fact.provenance.source == .computed || read.contains(fact.name)
    }.sorted { $0.name < $1.name }
  }

  private func causeTitle(_ id: String, _ walk: Walk) -> String {
    session.knowledgeBase.causes[id].map { inline($0.title, walk) } ?? id
  }

  private func showHow(_ walk: Walk) {
    let kb = session.knowledgeBase
    var lines = [
      out.styled(
        walk.conclusion == nil ? "The path so far:" : "How the conclusion was reached:", .bold)
    ]
    func add(_ text: String, number: Int) {
      let lead = "  \(number). "
      lines += TextWrapper.wrap(
        text, width: out.width, indent: lead, hanging: String(repeating: " ", count: lead.count))
    }
    for (index, step) in walk.steps.enumerated() {
      switch step {
      case .answered(let questionID, let value, let provenance, let automatic):
        let question = kb.questions[questionID]
        let shown = question.map { inline($0.display(value), walk) } ?? value.display
        let source =
          automatic ? "already known, \(shortSource(provenance))" : shortSource(provenance)
        add(
          "\(inline(firstLine(question?.ask ?? questionID), walk)) → \(shown) (\(source))",
          number: index + 1)
      case .decided(let decision, let condition):
        add(
          "\(decision): " + (condition.map { "\($0) holds" } ?? "no branch held, otherwise"),
          number: index + 1)
      case .concluded(let conclusion):
        add("conclusion: \(conclusion)", number: index + 1)
      case .probed(let node, let probe, let ran):
        add("\(node): probe \(probe) \(probeStatus(node: node, ran: ran))", number: index + 1)
      }
    }
    if let question = walk.pendingQuestion {
      lines += TextWrapper.wrap(
        "→ waiting for: \(inline(firstLine(question.ask), walk)) (\(question.id))",
        width: out.width, indent: "  ", hanging: "    ")
    }
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    if let report = try? Report(session: session, generatedAt: clock.now()) {
      if !diagnosis.ranked.isEmpty {
        lines.append("")
        lines.append(
          out.styled(walk.conclusion == nil ? "Leading hypotheses:" : "Causes, ranked:", .bold))
        for cause in diagnosis.ranked {
          lines.append(
            "  \(inline(cause.cause.title, walk)) — \(MarkdownReportRenderer.percentText(cause.confidence))"
          )
          for contribution in cause.because {
            lines += TextWrapper.wrap(
              "\(String(format: "%+.2f", contribution.factor))  \(report.explain(contribution))",
              width: out.width, indent: "    ", hanging: "           ")
          }
        }
      }
      if !diagnosis.ruledOut.isEmpty {
        lines.append("")
        lines.append(out.styled("Ruled out:", .bold))
        for cause in diagnosis.ruledOut {
          let reasons = cause.because.map { report.explain($0) }.joined(separator: "; ")
          lines += TextWrapper.wrap(
            "\(inline(cause.cause.title, walk)) (\(String(format: "%+.2f", cause.factor))): \(reasons)",
            width: out.width, indent: "  ", hanging: "    ")
        }
      }
    }
    Pager.show(lines, on: out, environment: environment)
  }

  /// "ran", "failed: why", "was declined" or "was skipped (…)", from the recorded observations.
  private func probeStatus(node: String, ran: Bool) -> String {
    let last = session.state.observations.last { $0.node == node }
    if ran, let last, last.succeeded { return out.styled("ran", .green) }
    if let last, !last.succeeded {
      let reason = last.figures.joined(separator: "; ")
      return out.styled(last.format, .red) + (reason.isEmpty ? "" : " (\(reason))")
    }
    if session.state.declined.contains(node) { return "was declined" }
    return ran ? "ran" : "was skipped (an input it needs is not known)"
  }

  /// `.facts`: the answers, computed facts and each observation in one line; `.facts all`: every
  /// fact, grouped by where it came from, the source said once.
  private func showFacts(_ walk: Walk, all: Bool) {
    guard !walk.facts.isEmpty else {
      out.line("No facts yet.")
      return
    }
    var groups: [(source: String, facts: [Fact])] = []
    for fact in walk.facts.values.sorted(by: { $0.name < $1.name }) {
      let source = fact.provenance.source == .computed ? "computed" : shortSource(fact.provenance)
      if let index = groups.firstIndex(where: { $0.source == source }) {
        groups[index].facts.append(fact)
      } else {
        groups.append((source, [fact]))
      }
    }
    var lines: [String] = []
    var hidden = 0
    for group in groups {
      let observed = group.facts.allSatisfy {
        $0.provenance.source == .evidence || $0.provenance.source == .probe
      }
      lines.append(out.styled("From \(group.source):", .bold))
      if observed && !all {
        lines += TextWrapper.wrap(
          "\(group.facts.count) facts: "
            + group.facts.prefix(3).map { "\($0.name) = \($0.value.display)" }.joined(
              separator: ", ") + (group.facts.count > 3 ? ", …" : ""),
          width: out.width, indent: "  ", hanging: "    ")
        hidden += max(group.facts.count - 3, 0)
        continue
      }
      let width = group.facts.map(\.name.count).max() ?? 0
      for fact in group.facts {
        let lead = "  " + fact.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
        lines += TextWrapper.wrap(
          fact.value.display, width: out.width, indent: lead,
          hanging: String(repeating: " ", count: min(lead.count, 24)))
      }
    }
    if hidden > 0 {
      lines.append(out.styled("(.facts all lists every fact)", .dim))
    }
    Pager.show(lines, on: out, environment: environment)
  }

  // MARK: - Completion

  private func completions(for line: String) -> [String] {
    if line.hasPrefix("."), !line.contains(" ") {
      return DotCommand.allCases.map { "." + $0.rawValue }
    }
    let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let command = words.first.flatMap { DotCommand(rawValue: String($0.dropFirst())) }
    switch command {
    case .change?:
      let walk = try? session.walk()
      let answered = walk?.answeredSteps.map(\.question) ?? []
      return answered.isEmpty ? session.knowledgeBase.orderedQuestions.map(\.id) : answered
    case .save?:
      return words.count <= 2 ? ["answers"] : FileNameCompletion.candidates(for: words.last ?? "")
    case .paste?:
      return EvidenceKind.allCases.map(\.rawValue)
    case .load?:
      return words.count <= 2
        ? FileNameCompletion.candidates(for: words.last ?? "")
        : EvidenceKind.allCases.map(\.rawValue)
    case .report?, .json?:
      return FileNameCompletion.candidates(for: words.last ?? "")
    case .facts?:
      return ["all"]
    case nil:
      break
    default:
      return []
    }
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
    // After a failure nothing more is appended: a later success would leave a gap in the journal.
    guard !journalFailed else { return }
    do {
      try recorder.append(event)
    } catch {
      if !journalFailed {
        journalFailed = true
        err.wrapped(
          err.styled("warning: ", .yellow)
            + "cannot write the session journal (\(error.description)); use .save answers FILE to keep your answers"
        )
      }
    }
  }

  private func leave() throws(TriageError) -> Report.Outcome {
    let walk = try session.walk()
    if recorder.isSaved && !journalFailed {
      let answered = session.state.answers.count
      let status = walk.conclusion == nil ? "in progress" : "concluded"
      out.wrapped(
        "Session \(session.id) saved (\(answered) answer\(answered == 1 ? "" : "s"), \(status)).")
      out.wrapped("Resume with: nettriage resume \(session.id)")
    } else if recorder.keepsSession {
      out.wrapped("Nothing was answered, so no session was saved.")
    }
    if journalFailed {
      err.wrapped(
        err.styled("warning: ", .yellow)
          + "session \(session.id) is not fully saved: its journal stopped at the failed write; answers after it are only in files written with .save answers"
      )
    }
    return outcome(of: walk)
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
