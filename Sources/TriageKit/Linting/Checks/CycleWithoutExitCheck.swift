/// A loop in the tree is fine while some branch leaves it (ask until a fact is known); a loop with
/// no way out would walk forever, and a node from which no conclusion can be reached is a dead end.
struct CycleWithoutExitCheck: LintCheck {
  let name = "cycle-without-exit"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    var inReportedCycle: Set<String> = []
    for component in stronglyConnectedComponents(kb) {
      let members = Set(component)
      let isCycle =
        component.count > 1
        || kb.nodes[component[0]]?.flow.routes.contains { $0.next == component[0] } == true
      guard isCycle else { continue }
      let leaves = component.contains { id in
        kb.nodes[id]?.flow.routes.contains { !members.contains($0.next) } == true
      }
      if !leaves {
        inReportedCycle.formUnion(members)
        let first = kb.nodeOrder.first { members.contains($0) } ?? component[0]
        let names = kb.nodeOrder.filter { members.contains($0) }.map { "'\($0)'" }.joined(
          separator: " → ")
        found.append(
          Diagnostic(
            .error, "cycle without an exit: \(names) never reaches a conclusion",
            at: kb.nodes[first]?.flow.location))
      }
    }
    // Dead ends outside cycles: nodes with no route to any conclusion. A dangling route is the
    // dangling-reference check's error; counting it as a way out keeps one mistake one message.
    var reachesConclusion: Set<String> = Set(
      kb.nodeOrder.filter { id in
        switch kb.nodes[id] {
        case .conclusion?: return true
        case let node?: return node.flow.routes.contains { kb.nodes[$0.next] == nil }
        case nil: return false
        }
      }
    ).union(inReportedCycle)
    // Backwards from the conclusions over reversed routes: each node and route once, so a long
    // chain lints in linear time (a pass per node made 8,000 questions take half a minute).
    var predecessors: [String: [String]] = [:]
    for id in kb.nodeOrder {
      for route in kb.nodes[id]?.flow.routes ?? [] {
        predecessors[route.next, default: []].append(id)
      }
    }
    var queue = Array(reachesConclusion)
    while let id = queue.popLast() {
      for predecessor in predecessors[id] ?? [] where reachesConclusion.insert(predecessor).inserted
      {
        queue.append(predecessor)
      }
    }
    for id in kb.nodeOrder where !reachesConclusion.contains(id) {
      guard let location = kb.nodes[id]?.flow.location else { continue }
      found.append(
        Diagnostic(.error, "no conclusion can be reached from node '\(id)'", at: location))
    }
    return found
  }

  /// Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  private func stronglyConnectedComponents(_ kb: KnowledgeBase) -> [[String]] {
    var index = 0
    var indices: [String: Int] = [:]
    var lowLinks: [String: Int] = [:]
    var onStack: Set<String> = []
    var stack: [String] = []
    var components: [[String]] = []
    for root in kb.nodeOrder where indices[root] == nil {
      var work: [(node: String, successor: Int)] = [(root, 0)]
      indices[root] = index
      lowLinks[root] = index
      index += 1
      stack.append(root)
      onStack.insert(root)
      while let (node, position) = work.last {
        let successors = (kb.nodes[node]?.flow.routes.map(\.next) ?? []).filter {
          kb.nodes[$0] != nil
        }
        if position < successors.count {
          work[work.count - 1].successor += 1
          let next = successors[position]
          if indices[next] == nil {
            indices[next] = index
            lowLinks[next] = index
            index += 1
            stack.append(next)
            onStack.insert(next)
            work.append((next, 0))
          } else if onStack.contains(next) {
            lowLinks[node] = min(lowLinks[node]!, indices[next]!)
          }
          continue
        }
        work.removeLast()
        if let parent = work.last {
          lowLinks[parent.node] = min(lowLinks[parent.node]!, lowLinks[node]!)
        }
        if lowLinks[node] == indices[node] {
          var component: [String] = []
          while let member = stack.popLast() {
            onStack.remove(member)
            component.append(member)
            if member == node { break }
          }
          components.append(component)
        }
      }
    }
    return components
  }
}
