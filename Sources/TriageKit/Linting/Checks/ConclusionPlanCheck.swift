/// A diagnosed conclusion must lead to something to do: at least one of its causes has a plan.
struct ConclusionPlanCheck: LintCheck {
  let name = "conclusion-plan"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for id in kb.nodeOrder {
      guard case .conclusion(let conclusion)? = kb.nodes[id] else { continue }
      let hasPlan = conclusion.causes.contains { !(kb.causes[$0.cause]?.plan.isEmpty ?? true) }
      if conclusion.outcome == .diagnosed, !hasPlan {
        found.append(
          Diagnostic(
            .error, "diagnosed conclusion '\(id)' has no plan (none of its causes lists steps)",
            at: conclusion.location))
      }
    }
    for id in kb.causeOrder {
      if let cause = kb.causes[id], cause.plan.isEmpty {
        found.append(Diagnostic(.warning, "cause '\(id)' has an empty plan", at: cause.location))
      }
    }
    return found
  }
}
