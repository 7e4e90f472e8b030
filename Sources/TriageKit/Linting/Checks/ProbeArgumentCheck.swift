import Foundation

/// A probe step's arguments must be the ones its probe declares, with the required ones given and
/// each value of the declared type: a literal is checked as written, a value that is one
/// `{{fact}}` template by the type of the fact (a number argument needs a number fact).
struct ProbeArgumentCheck: LintCheck {
  let name = "probe-argument"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    guard let vocabulary = kb.vocabulary else { return [] }
    var found: [Diagnostic] = []
    for id in kb.nodeOrder {
      guard case .probe(let step)? = kb.nodes[id], let probe = vocabulary.probe(step.probe) else {
        continue
      }
      for problem in probe.problems(with: step.arguments, filled: false) {
        found.append(Diagnostic(.error, "probe step '\(id)': \(problem)", at: step.location))
      }
      for (name, value) in step.arguments.sorted(by: { $0.key < $1.key }) {
        guard let argument = probe.argument(name), argument.type == .number,
          let fact = Self.soleTemplate(value), let type = Self.type(of: fact, in: kb),
          type != .number
        else { continue }
        found.append(
          Diagnostic(
            .error,
            "probe step '\(id)': argument '\(name)' of probe '\(probe.name)' must be a number, but fact '\(fact)' is \(type.rawValue)",
            at: step.location))
      }
    }
    return found
  }

  /// The fact of a value that is exactly one `{{fact}}` template.
  static func soleTemplate(_ value: String) -> String? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    let names = Template.factNames(in: trimmed)
    guard names.count == 1, trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}") else { return nil }
    return names[0]
  }

  /// The type of `fact`: its question's, a computed fact's (a number), or its declaration's.
  static func type(of fact: String, in kb: KnowledgeBase) -> FactType? {
    if let question = kb.questions.values.first(where: { $0.fact == fact }) {
      switch question.type {
      case .number: return .number
      case .yesNo: return .yesNo
      case .text, .choice, .multipleChoice: return .text
      }
    }
    if kb.computed.contains(where: { $0.id == fact }) { return .number }
    return kb.vocabulary?.declaration(of: fact)?.type
  }
}
