/// Every node must lie on some path from `start`; every cause, step and reference must be used.
struct UnreachableNodeCheck: LintCheck {
  let name = "unreachable"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    let reachable = KnowledgeBaseLinter.reachable(kb)
    var found: [Diagnostic] = []
    for id in kb.nodeOrder where !reachable.contains(id) {
      found.append(
        Diagnostic(
          .error, "node '\(id)' is unreachable from start '\(kb.start)'",
          at: kb.nodes[id]?.flow.location))
    }
    var usedCauses: Set<String> = []
    var usedSteps: Set<String> = []
    var usedReferences: Set<String> = []
    for node in kb.nodes.values {
      for route in node.flow.routes { usedCauses.formUnion(route.support.entries.map(\.cause)) }
      if case .question(let question) = node {
        for choice in question.choices { usedCauses.formUnion(choice.support.entries.map(\.cause)) }
      }
      if case .conclusion(let conclusion) = node {
        usedCauses.formUnion(conclusion.causes.map(\.cause))
      }
    }
    for cause in kb.causes.values {
      usedSteps.formUnion(cause.plan)
      usedReferences.formUnion(cause.references)
    }
    for step in kb.steps.values { usedReferences.formUnion(step.references) }
    for id in kb.causeOrder where !usedCauses.contains(id) {
      found.append(
        Diagnostic(
          .warning, "cause '\(id)' is named by no conclusion or support",
          at: kb.causes[id]?.location))
    }
    for step in kb.steps.values where !usedSteps.contains(step.id) {
      found.append(
        Diagnostic(.warning, "step '\(step.id)' is in no cause's plan", at: step.location))
    }
    for reference in kb.references.values where !usedReferences.contains(reference.id) {
      found.append(
        Diagnostic(.warning, "reference '\(reference.id)' is cited nowhere", at: reference.location)
      )
    }
    return found
  }
}
