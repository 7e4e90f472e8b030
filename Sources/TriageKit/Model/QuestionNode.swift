import Foundation

/// A question to a person (or an answer file): single choice, yes-no, number or free text.
public struct QuestionNode: FlowNode, Hashable {
  /// The kind of answer a question takes.
  public enum AnswerType: String, Hashable, Sendable, CaseIterable {
    /// One of the listed choices.
    case choice
    /// Any number of the listed choices at once (the errors a caller saw); a single value is
    /// accepted as a list of one.
    case multipleChoice = "multiple-choice"
    /// Yes or no.
    case yesNo = "yes-no"
    /// A number, optionally bounded.
    case number
    /// Free text.
    case text
  }

  /// One listed answer.
  public struct Choice: Hashable, Sendable {
    /// The value the fact takes (a string; `yes`/`no` for yes-no questions).
    public var value: String
    /// What the person reads.
    public var label: String
    /// A few words shown under the label, optional.
    public var help: String?
    /// Where this answer leads and what it supports; `nil` next means the question's `next`.
    public var next: String?
    /// Certainty factors this answer adds.
    public var support: Support
    /// Where the choice is written.
    public var location: SourceLocation
    /// Former values (`aliases:`): answer files written before a rename keep meaning the same.
    public var aliases: [String] = []
    /// The answer says the fact is not known yet ("not checked yet", `not-known: true`): like
    /// `unknown`, evidence that arrives later settles it, and it never contradicts evidence.
    public var notKnown = false
  }

  /// The question's ID, unique across the knowledge base (kebab-case).
  public var id: String
  /// Where the question is written in the knowledge base.
  public var location: SourceLocation
  /// The answer type.
  public var type: AnswerType
  /// The question, Markdown.
  public var ask: String
  /// What the answer distinguishes (`.why`), Markdown.
  public var why: String
  /// The fact the answer sets.
  public var fact: String
  /// The listed answers: the knowledge base's for `choice`, yes and no for `yes-no`, none otherwise.
  public var choices: [Choice]
  /// Where answers go unless their choice says otherwise.
  public var next: Route?
  /// Where `unknown` goes and what it supports.
  public var unknown: Route
  /// The default value, for answer files with `missing: default`.
  public var defaultValue: FactValue?
  /// The smallest number a number question accepts (`min:`).
  public var minimum: Double?
  /// The largest number a number question accepts (`max:`).
  public var maximum: Double?
  /// The unit a number answer is in (`unit:`), shown with it.
  public var unit: String?
  /// Rules that answer it from observed facts (`infer:`), first match wins.
  public var inferences: [Inference] = []
  /// What answering it costs the caller; the interview weighs a question's value against it.
  public var effort: Effort = .caller
  /// When set (`ask-when:`), the interview asks the question off the tree's path only while this
  /// holds: a follow-up such as "does the full name resolve?" only after "non-existent domain".
  public var askWhen: WrittenCondition? = nil
  /// Former IDs (`aliases:`): answer files written before a rename keep loading.
  public var aliases: [String] = []

  /// Every way out of the question: `next`, each choice's own `next`, and `unknown`'s.
  public var routes: [Route] {
    var routes: [Route] = []
    if let next { routes.append(next) }
    for choice in choices {
      if let target = choice.next {
        routes.append(Route(next: target, support: choice.support, location: choice.location))
      }
    }
    routes.append(unknown)
    return routes
  }

  /// The answer the session already has for it (typed, from a file or settled by evidence) and
  /// where that leads, or a request for input.
  public func resolve(in context: ResolutionContext) -> NodeResolution {
    // The session's fact base has settled every question it can (answers, evidence, `infer:`).
    if let given = context.answers[id] {
      return advance(
        with: given.value, provenance: given.provenance,
        automatic: context.automatic.contains(id))
    }
    return .needsInput(.answer(self))
  }

  /// What the `infer:` rules settle from `facts`: the first rule that holds, with the provenance
  /// of the observation whose facts it read; `nil` when none holds.
  public func inferred(from facts: [String: Fact]) -> (value: FactValue, provenance: Provenance)? {
    if type == .multipleChoice {
      // Every rule that holds adds its choice: a log with 53 and 1203 settles both.
      let held = inferences.filter { $0.from == nil && $0.condition.evaluate(facts) }
      let values = choices.map(\.value).filter { value in
        held.contains { $0.value == .string(value) || $0.value == .list([value]) }
      }
      guard let first = held.first, !values.isEmpty else { return nil }
      let source = first.condition.factNames.lazy.compactMap { facts[$0]?.provenance }
        .first { $0.source == .evidence || $0.source == .probe }
      return (
        .list(values),
        source ?? Provenance(.evidence, detail: "inferred: \(first.text)")
      )
    }
    for rule in inferences where rule.condition.evaluate(facts) {
      var value = rule.value
      if let from = rule.from {
        guard let fact = facts[from]?.value, fact != .unknown else { continue }
        value = fact
      }
      let read = (rule.from.map { [$0] } ?? []) + rule.condition.factNames
      let source = read.lazy.compactMap { facts[$0]?.provenance }
        .first { $0.source == .evidence || $0.source == .probe }
      return (value, source ?? Provenance(.evidence, detail: "inferred: \(rule.text)"))
    }
    return nil
  }

  /// Whether the answer is picked from the listed choices (one, several, or yes-no).
  public var takesChoices: Bool { type == .choice || type == .multipleChoice || type == .yesNo }

  /// The route an answer takes: its first choice's own `next`, else the question's `next`, else
  /// `unknown`'s; the support of every choice it picks.
  public func route(for value: FactValue) -> Route {
    if value == .unknown { return unknown }
    let picked = choices(for: value)
    let support = Support(picked.flatMap(\.support.entries))
    if let choice = picked.first(where: { $0.next != nil }), let target = choice.next {
      return Route(next: target, support: support, location: choice.location)
    }
    if let next { return Route(next: next.next, support: support, location: next.location) }
    return Route(next: unknown.next, support: support, location: unknown.location)
  }

  /// Whether a value says only that the fact is not known: `unknown`, or a `not-known` choice.
  public func isNotKnown(_ value: FactValue) -> Bool {
    value == .unknown || choice(for: value)?.notKnown == true
  }

  /// The listed choice a value picks, if it picks exactly one.
  public func choice(for value: FactValue) -> Choice? {
    let picked = choices(for: value)
    return picked.count == 1 ? picked[0] : nil
  }

  /// The listed choices a value picks, in the question's order.
  public func choices(for value: FactValue) -> [Choice] {
    switch (type, value) {
    case (.choice, .string(let text)), (.multipleChoice, .string(let text)):
      return choices.filter { $0.value == text }
    case (.multipleChoice, .list(let values)):
      return choices.filter { values.contains($0.value) }
    case (.yesNo, .bool(let flag)): return choices.filter { $0.value == (flag ? "yes" : "no") }
    default: return []
    }
  }

  private func advance(with value: FactValue, provenance: Provenance, automatic: Bool)
    -> NodeResolution
  {
    .advance(
      route(for: value),
      step: .answered(question: id, value: value, provenance: provenance, automatic: automatic))
  }

  /// How a value reads for this question: a choice's label, a number with its unit.
  public func display(_ value: FactValue) -> String {
    if type == .choice || type == .multipleChoice {
      let picked = choices(for: value)
      if !picked.isEmpty { return picked.map(\.label).joined(separator: "; ") }
    }
    // "1 minute", never "1 minutes".
    if case .number(let number) = value, let unit {
      return "\(value.display) \(abs(number) == 1 ? UnitPhrase.singular(unit) : unit)"
    }
    return value.display
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension QuestionNode: Codable {}
extension QuestionNode.AnswerType: Codable {}
extension QuestionNode.Choice: Codable {}
