/// Every `next`, cause, step and reference named must exist.
struct DanglingReferenceCheck: LintCheck {
  let name = "dangling-reference"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    func missing(
      _ kind: String, _ id: String, among candidates: [String], at location: SourceLocation
    ) {
      var message = "unknown \(kind) '\(id)'"
      if let suggestion = NearestMatch.suggestion(for: id, among: candidates) {
        message += " (did you mean '\(suggestion)'?)"
      }
      // A route and its choice, or a defaulted `unknown` and `next`, name the same place: once.
      let diagnostic = Diagnostic(.error, message, at: location)
      if !found.contains(diagnostic) { found.append(diagnostic) }
    }
    let nodeIDs = kb.nodeOrder
    if kb.nodes[kb.start] == nil {
      missing("start node", kb.start, among: nodeIDs, at: kb.startLocation)
    }
    for id in kb.nodeOrder {
      guard let node = kb.nodes[id] else { continue }
      for route in node.flow.routes {
        if kb.nodes[route.next] == nil {
          missing("node", route.next, among: nodeIDs, at: route.location)
        }
        for entry in route.support.entries where kb.causes[entry.cause] == nil {
          missing("cause", entry.cause, among: kb.causeOrder, at: entry.location)
        }
      }
      if case .question(let question) = node {
        for choice in question.choices {
          for entry in choice.support.entries where kb.causes[entry.cause] == nil {
            missing("cause", entry.cause, among: kb.causeOrder, at: entry.location)
          }
        }
      }
      if case .conclusion(let conclusion) = node {
        for link in conclusion.causes where kb.causes[link.cause] == nil {
          missing("cause", link.cause, among: kb.causeOrder, at: link.location)
        }
      }
    }
    for id in kb.causeOrder {
      guard let cause = kb.causes[id] else { continue }
      for step in cause.plan where kb.steps[step] == nil {
        missing("step", step, among: kb.steps.keys.sorted(), at: cause.location)
      }
      for reference in cause.references where kb.references[reference] == nil {
        missing("reference", reference, among: kb.references.keys.sorted(), at: cause.location)
      }
    }
    for step in kb.steps.values {
      for reference in step.references where kb.references[reference] == nil {
        missing("reference", reference, among: kb.references.keys.sorted(), at: step.location)
      }
    }
    return found
  }
}
