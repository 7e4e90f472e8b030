/// Templates that could show a fact nobody gave: every `{{fact}}` in a text people read needs a
/// wording for when the fact has no value (`{{fact|…}}`), unless the text only appears when the
/// fact has one — a step or its `done:` text whose `when:` / `done-when:` compares the fact (or
/// requires `known(…)` of a computed fact, which never holds `unknown`).
///
/// In the differential any question may be unanswered or answered `unknown` when a conclusion
/// or a plan is shown, so a bare `{{fact}}` would print "(unknown)" in a report.
struct UnfilledTemplateCheck: LintCheck {
  let name = "unfilled-template"

  func check(_ knowledgeBase: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    let computed = Set(knowledgeBase.computed.map(\.id))
    let inputs = Dictionary(
      knowledgeBase.computed.map { ($0.id, Set($0.expression.factNames)) },
      uniquingKeysWith: { first, _ in first })
    // A computed fact has a value only when every input does, so its inputs come with it, and a
    // computed fact whose inputs all have values has one too.
    func closure(_ start: Set<String>) -> Set<String> {
      var names = start
      var changed = true
      while changed {
        changed = false
        for (id, reads) in inputs {
          if names.contains(id), !reads.isSubset(of: names) {
            names.formUnion(reads)
            changed = true
          }
          if !names.contains(id), !reads.isEmpty, reads.isSubset(of: names) {
            names.insert(id)
            changed = true
          }
        }
      }
      return names
    }
    func look(
      _ texts: [String], in owner: String, at location: SourceLocation,
      guaranteed: Set<String> = []
    ) {
      for text in texts {
        for placeholder in Template.placeholders(in: text)
        where placeholder.fallback == nil && !guaranteed.contains(placeholder.name) {
          found.append(
            Diagnostic(
              .error,
              "'{{\(placeholder.name)}}' in \(owner) may have no value when shown: give it a "
                + "wording for that ('{{\(placeholder.name)|…}}') or a 'when:' that requires it",
              at: location))
        }
      }
    }
    for id in knowledgeBase.nodeOrder {
      switch knowledgeBase.nodes[id] {
      case .question(let question)?:
        look([question.ask, question.why], in: "question '\(id)'", at: question.location)
      case .conclusion(let conclusion)?:
        look(
          [conclusion.title, conclusion.text], in: "conclusion '\(id)'", at: conclusion.location)
      case .probe(let probe)?:
        // Shown only once its arguments resolve; `why` is shown before.
        look(
          [probe.why], in: "probe step '\(id)'", at: probe.location,
          guaranteed: Set(probe.argumentFacts))
      case .decision?, nil:
        break
      }
    }
    for id in knowledgeBase.causeOrder {
      guard let cause = knowledgeBase.causes[id] else { continue }
      look([cause.title, cause.summary], in: "cause '\(id)'", at: cause.location)
    }
    for step in knowledgeBase.steps.values.sorted(by: { $0.id < $1.id }) {
      let guaranteed = closure(Self.guaranteed(by: step.condition, computed: computed))
      look(
        [step.title, step.text, step.permission, step.verify, step.rollback],
        in: "step '\(step.id)'", at: step.location, guaranteed: guaranteed)
      if let done = step.doneText {
        look(
          [done], in: "the 'done' text of step '\(step.id)'", at: step.location,
          guaranteed: closure(
            guaranteed.union(Self.guaranteed(by: step.done?.condition, computed: computed))))
      }
    }
    return found
  }

  /// The facts a condition requires to have a value when it holds: those its top-level `and`
  /// terms compare (a comparison with a fact that has none is false), and computed facts it
  /// requires `known(…)`.
  static func guaranteed(by condition: Condition?, computed: Set<String>) -> Set<String> {
    switch condition {
    case .and(let lhs, let rhs)?:
      return guaranteed(by: lhs, computed: computed).union(guaranteed(by: rhs, computed: computed))
    case .compare(let fact, let comparison, let literal)?
    where literal != .unknown || comparison == .notEqual:
      return [fact]
    case .member(let fact, _, false)?, .isTrue(let fact)?:
      return [fact]
    case .known(let fact)? where computed.contains(fact):
      return [fact]
    default:
      return []
    }
  }
}
