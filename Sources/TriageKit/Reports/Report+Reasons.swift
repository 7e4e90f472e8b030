import Foundation

extension Report {
  /// The station the report is about: its address as answered (`station-ip`) or as `ipconfig /all`
  /// showed it, when known.
  public var station: String? {
    for name in ["station-ip", "ipconfig.ipv4"] {
      if let fact = facts.first(where: { $0.name == name }), fact.value != .unknown {
        let text = fact.value.display.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { return text }
      }
    }
    return nil
  }

  /// A yes-no answer in its question's own words (`Enabled`, `Yes`), from the choice's label up
  /// to its explanation (` — …`, ` (…)`); `nil` when the question labels no such choice.
  public static func yesNoWords(_ question: QuestionNode, _ flag: Bool) -> String? {
    guard question.type == .yesNo,
      let choice = question.choices(for: .bool(flag)).first
    else { return nil }
    return shortLabel(choice.label)
  }

  /// A choice label's first words: up to ` — ` or ` (`.
  public static func shortLabel(_ label: String) -> String {
    var text = label.trimmingCharacters(in: .whitespacesAndNewlines)
    for separator in [" — ", " (", " - "] {
      if let range = text.range(of: separator), range.lowerBound > text.startIndex {
        text = String(text[..<range.lowerBound])
      }
    }
    return text
  }

  /// An answer as the question words it, as Markdown: a choice's label (the knowledge base's
  /// Markdown), a yes-no in the question's words, a number with its unit; typed text escaped.
  public func answerMarkdown(_ question: QuestionNode, _ value: FactValue, short: Bool = false)
    -> String
  {
    if case .bool(let flag) = value, let choice = question.choices(for: .bool(flag)).first {
      return MarkdownEscaping.knowledgeBaseText(
        short ? Self.shortLabel(choice.label) : choice.label)
    }
    if question.type != .yesNo, !question.choices(for: value).isEmpty {
      let labels = question.choices(for: value).map { short ? Self.shortLabel($0.label) : $0.label }
      return MarkdownEscaping.knowledgeBaseText(labels.joined(separator: "; "))
    }
    if case .number(let number) = value {
      return MarkdownEscaping.inline(UnitPhrase.quantity(number, question.unit))
    }
    return MarkdownEscaping.substituted(question.display(value))
  }

  /// An answer as plain text, in the question's words (for JSON `display` and terminals).
  public func answerText(_ question: QuestionNode, _ value: FactValue) -> String {
    if case .bool(let flag) = value, let choice = question.choices(for: .bool(flag)).first {
      return choice.label
    }
    return question.display(value)
  }

  /// The number (1-based) of the evidence or probe result that gave facts with `provenance`.
  public func observationNumber(for provenance: Provenance) -> Int? {
    guard provenance.source == .evidence || provenance.source == .probe else { return nil }
    return observations.firstIndex { $0.observation.provenance == provenance }.map { $0 + 1 }
  }

  /// How a source reads once its evidence is listed: `evidence #2`, `probe #3`, `answer file`.
  public func sourceReference(_ provenance: Provenance) -> String {
    if let number = observationNumber(for: provenance) {
      return "\(provenance.source == .probe ? "probe" : "evidence") #\(number)"
    }
    switch provenance.source {
    case .user: return "the caller"
    case .answerFile: return "answer file"
    case .evidence: return "evidence"
    case .probe: return "probe"
    case .default: return "the question's default"
    case .computed: return "computed"
    }
  }

  /// A table's source cell: `evidence #2`, `probe #3`, or the source as the JSON names it (`user`,
  /// `answer-file`, `default`, `computed`).
  public func sourceCell(_ provenance: Provenance) -> String {
    if observationNumber(for: provenance) != nil { return sourceReference(provenance) }
    return provenance.source.rawValue
  }

  /// The first sentence of a question, for a reason: `Which error code does net use show?`.
  func shortAsk(_ question: QuestionNode) -> String {
    let text = MarkdownEscaping.oneLine(render(question.ask))
      .trimmingCharacters(in: .whitespacesAndNewlines)
    if let end = text.firstIndex(of: "?") { return String(text[...end]) }
    if let end = text.range(of: ". ") { return String(text[..<end.lowerBound]) + "." }
    return text
  }

  /// Why a contribution counts, in words, as Markdown: what was answered or seen and by whom,
  /// never an engine ID or a weight (those go in the collapsed block beside it).
  public func reason(_ contribution: Walk.Contribution) -> String {
    switch contribution.step {
    case .answered(let questionID, let value, let provenance, _):
      guard let question = knowledgeBase.questions[questionID] else {
        return "an answer: " + MarkdownEscaping.substituted(value.display)
      }
      let answer = answerMarkdown(question, value, short: true)
      let who: String
      switch provenance.source {
      case .evidence, .probe:
        let figures =
          observationNumber(for: provenance).map { observations[$0 - 1].observation.figures }
          ?? []
        let seen = figures.prefix(2).map { MarkdownEscaping.substituted($0) }
          .joined(separator: "; ")
        who = "from \(sourceReference(provenance))" + (seen.isEmpty ? "" : ": \(seen)")
      case .user: who = "the caller's answer"
      case .answerFile: who = "from the answer file"
      case .default: who = "the question's default"
      case .computed: who = "computed"
      }
      return "\(shortAsk(question)) **\(answer)** (\(who))"
    case .decided(let decision, let condition):
      guard let condition else {
        return "none of the rules at step “\(MarkdownEscaping.inline(decision))” held"
      }
      let names = decisionFacts(decision, condition: condition)
      let known = names.compactMap { name -> String? in
        guard let fact = facts.first(where: { $0.name == name }), fact.value != .unknown else {
          return nil
        }
        let source =
          fact.provenance.source == .computed
          ? "computed from the answers"
          : fact.provenance.source == .user
            ? "the caller's answer" : "from \(sourceReference(fact.provenance))"
        return "\(factWords(fact)) (\(source))"
      }
      return known.isEmpty
        ? "what is known meets the rule `\(condition)`" : known.joined(separator: "; ")
    case .concluded(let conclusion):
      let title = knowledgeBase.nodes[conclusion].flatMap { node -> String? in
        if case .conclusion(let node) = node { return render(node.title) }
        return nil
      }
      return "the triage reached “\(title ?? MarkdownEscaping.inline(conclusion))”"
    case .probed(_, let probe, let ran):
      return "the \(MarkdownEscaping.inline(probe)) probe \(ran ? "ran" : "was skipped")"
    }
  }

  /// A fact as words: the question's own wording of its answer, else `name: value`.
  func factWords(_ fact: Fact) -> String {
    if let id = fact.question, let question = knowledgeBase.questions[id] {
      return "\(shortAsk(question)) **\(answerMarkdown(question, fact.value, short: true))**"
    }
    let computed = knowledgeBase.computed.first { $0.id == fact.name }
    let value: String
    if case .number(let number) = fact.value {
      value = UnitPhrase.quantity(number, computed?.unit)
    } else {
      value = fact.value.display
    }
    if let computed {
      return
        "\(MarkdownEscaping.oneLine(render(computed.label))): **\(MarkdownEscaping.substituted(value))**"
    }
    return "`\(fact.name)` is \(MarkdownEscaping.substituted(value))"
  }

  /// The fact names a decision's taken branch reads.
  private func decisionFacts(_ decision: String, condition: String) -> [String] {
    guard case .decision(let node)? = knowledgeBase.nodes[decision],
      let branch = node.branches.first(where: { $0.text == condition })
    else { return [] }
    var seen: Set<String> = []
    return branch.condition.factNames.filter { seen.insert($0).inserted }
  }

  /// The report's three lines: what is wrong, what to do next, who must do it.
  public struct Summary: Sendable, Equatable {
    /// What is wrong, in words.
    public var wrong: String
    /// The next thing to do: the first step of the plan not done, or the question to answer.
    public var next: String
    /// Who must do it: the step's permission, or who can answer the question.
    public var who: String
  }

  /// The summary, as Markdown (knowledge-base Markdown kept, typed text escaped) or plain text.
  public func summary(markdown: Bool) -> Summary {
    func text(_ template: String) -> String {
      let filled = markdown ? render(template) : plain(template)
      return filled.trimmingCharacters(in: .whitespacesAndNewlines)
        .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: " ")
    }
    func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
    let ranked = diagnosis.ranked
    let wrong: String
    switch outcome {
    case .diagnosed:
      wrong =
        conclusion.map { text($0.title) } ?? ranked.first.map { text($0.cause.title) }
        ?? "see the diagnosis"
    case .inconclusive:
      let leading = ranked.prefix(2).map { "\(text($0.cause.title)) (\(percent($0.confidence)))" }
      wrong =
        "not settled"
        + (leading.isEmpty ? "" : ": most likely " + leading.joined(separator: " or "))
    case .incomplete:
      wrong =
        "not known yet: the triage stopped before a conclusion"
        + (ranked.first.map { "; leading so far: \(text($0.cause.title))" } ?? "")
    }
    if let pending = pendingQuestion {
      let ask = markdown ? shortAsk(pending) : MarkdownEscaping.oneLine(plain(pending.ask))
      return Summary(
        wrong: wrong, next: "answer “\(ask)”", who: pending.effort.permissionPhrase)
    }
    if let (index, entry) = plan.enumerated().first(where: { !$0.element.done }) {
      return Summary(
        wrong: wrong, next: "step \(index + 1) of the plan: \(text(entry.step.title))",
        who: text(entry.step.permission))
    }
    if !plan.isEmpty {
      return Summary(
        wrong: wrong, next: "nothing: every step of the plan is confirmed done", who: "nobody")
    }
    return Summary(
      wrong: wrong, next: "no step: the knowledge base has no plan for this outcome", who: "nobody")
  }
}
