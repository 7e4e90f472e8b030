/// Runs every lint check over a loaded knowledge base.
public enum KnowledgeBaseLinter {
  /// Every check, in the order they report. A test keeps this list complete.
  public static let checks: [any LintCheck] = [
    DanglingReferenceCheck(),
    UnreachableNodeCheck(),
    CycleWithoutExitCheck(),
    DecisionLoopCheck(),
    ConclusionPlanCheck(),
    UnknownFactCheck(),
    UnfilledTemplateCheck(),
    AliasCheck(),
    NumericThresholdCheck(),
    ProbeArgumentCheck(),
  ]

  /// Every diagnostic, sorted by place.
  public static func lint(_ knowledgeBase: KnowledgeBase) -> [Diagnostic] {
    // A question's `unknown` route defaults to its `next`: one mistake, reported once.
    var seen: Set<Diagnostic> = []
    let unique = checks.flatMap { $0.check(knowledgeBase) }.filter { seen.insert($0).inserted }
    return unique.sorted { lhs, rhs in
      let l = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
      let r = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
      return (l.file, l.line, l.column, lhs.message) < (r.file, r.line, r.column, rhs.message)
    }
  }

  /// The nodes reachable from `start`, following every route.
  static func reachable(_ knowledgeBase: KnowledgeBase) -> Set<String> {
    var seen: Set<String> = []
    var queue = [knowledgeBase.start]
    while let id = queue.popLast() {
      guard let node = knowledgeBase.nodes[id], seen.insert(id).inserted else { continue }
      queue += node.flow.routes.map(\.next)
    }
    return seen
  }
}
