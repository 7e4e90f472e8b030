/// A loop made only of decisions asks nothing and runs no probe, so the facts cannot change inside
/// it: once the walk goes all the way round, it takes the same branches for ever. `run` used to stop
/// on such a loop with no place; lint names it (issue 17). Loops through a question or a probe are
/// the cycle check's business.
struct DecisionLoopCheck: LintCheck {
  let name = "decision-loop"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var successors: [String: [String]] = [:]
    var predecessors: [String: [String]] = [:]
    for id in kb.nodeOrder {
      guard case .decision(let decision)? = kb.nodes[id] else { continue }
      for route in decision.routes {
        guard case .decision? = kb.nodes[route.next] else { continue }
        successors[id, default: []].append(route.next)
        predecessors[route.next, default: []].append(id)
      }
    }
    // Peel off decisions nothing leads into, then decisions that lead nowhere: what is left lies
    // on a loop of decisions (or between two). Linear in nodes and routes.
    var remaining = Set(successors.keys).union(predecessors.keys)
    func peel(_ edges: [String: [String]], _ reverse: [String: [String]]) {
      var count = [String: Int]()
      for id in remaining { count[id] = (reverse[id] ?? []).filter(remaining.contains).count }
      var queue = Array(remaining.filter { count[$0] == 0 })
      while let id = queue.popLast() {
        guard remaining.remove(id) != nil else { continue }
        for next in edges[id] ?? [] where remaining.contains(next) {
          count[next, default: 0] -= 1
          if count[next] == 0 { queue.append(next) }
        }
      }
    }
    peel(successors, predecessors)
    peel(predecessors, successors)
    guard !remaining.isEmpty else { return [] }
    let members = kb.nodeOrder.filter(remaining.contains)
    let names = members.map { "'\($0)'" }.joined(separator: ", ")
    return [
      Diagnostic(
        .error,
        "decisions \(names) route in a loop that asks nothing: once the walk goes round it, it never leaves",
        at: kb.nodes[members[0]]?.flow.location)
    ]
  }
}
