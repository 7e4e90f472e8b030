// swift-format-ignore-file: AllPublicDeclarationsHaveDocumentation

import Foundation

/// A question to a person (or an answer file): single choice, yes-no, number or free text.
public struct QuestionNode: FlowNode, Hashable {
  /// The kind of answer a question takes.
  public enum AnswerType: String, Hashable, Sendable, CaseIterable {
    /// One of the listed choices.
    case choice
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
  }

  public var id: String
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
  /// Bounds and unit for number questions.
  public var minimum: Double?
  public var maximum: Double?
  public var unit: String?
  /// Rules that answer it from observed facts (`infer:`), first match wins.
  public var inferences: [Inference] = []

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

  public func resolve(in context: ResolutionContext) -> NodeResolution {
    if let given = context.answers[id] {
      return advance(with: given.value, provenance: given.provenance, automatic: false)
    }
    if let known = context.facts[fact], !context.reopened.contains(id) {
      return advance(with: known.value, provenance: known.provenance, automatic: true)
    }
    if !context.reopened.contains(id) {
      for rule in inferences where rule.condition.evaluate(context.facts) {
        var value = rule.value
        if let from = rule.from {
          guard let fact = context.facts[from]?.value, fact != .unknown else { continue }
          value = fact
        }
        // The provenance of the observation whose facts the rule read.
        let read = (rule.from.map { [$0] } ?? []) + rule.condition.factNames
        let source = read.lazy.compactMap { context.facts[$0]?.provenance }
          .first { $0.source == .evidence || $0.source == .probe }
        let provenance = source ?? Provenance(.evidence, detail: "inferred: \(rule.text)")
        return advance(with: value, provenance: provenance, automatic: true)
      }
    }
    return .needsInput(.answer(self))
  }

  /// The route an answer takes: its choice's, else the question's `next`, else `unknown`'s.
  public func route(for value: FactValue) -> Route {
    if value == .unknown { return unknown }
    let support = choice(for: value)?.support ?? .none
    if let choice = choice(for: value), let target = choice.next {
      return Route(next: target, support: support, location: choice.location)
    }
    if let next { return Route(next: next.next, support: support, location: next.location) }
    return Route(next: unknown.next, support: support, location: unknown.location)
  }

  /// The listed choice a value picks, if any.
  public func choice(for value: FactValue) -> Choice? {
    switch (type, value) {
    case (.choice, .string(let text)): return choices.first { $0.value == text }
    case (.yesNo, .bool(let flag)): return choices.first { $0.value == (flag ? "yes" : "no") }
    default: return nil
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
    if let choice = choice(for: value), type == .choice { return choice.label }
    if case .number = value, let unit { return "\(value.display) \(unit)" }
    return value.display
  }
}
