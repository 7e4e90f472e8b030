/// A branch on a condition over facts; the first branch whose condition holds is taken.
public struct DecisionNode: FlowNode, Hashable {
  /// A condition and where it leads.
  public struct Branch: Hashable, Sendable {
    /// The parsed condition.
    public var condition: Condition
    /// The condition as written.
    public var text: String
    /// Where it leads and what it supports.
    public var route: Route
  }

  /// The node's ID.
  public var id: String
  /// Where it is written.
  public var location: SourceLocation
  /// The branches, tried in order.
  public var branches: [Branch]
  /// Taken when no branch holds.
  public var otherwise: Route

  /// Every branch's route, then `otherwise`.
  public var routes: [Route] { branches.map(\.route) + [otherwise] }

  /// Takes the first branch whose condition holds, else `otherwise`.
  public func resolve(in context: ResolutionContext) -> NodeResolution {
    for branch in branches where branch.condition.evaluate(context.facts) {
      return .advance(branch.route, step: .decided(decision: id, condition: branch.text))
    }
    return .advance(otherwise, step: .decided(decision: id, condition: nil))
  }

  /// ``resolve(in:)`` over interned facts; `conditions` are the branches' conditions, interned
  /// (``KnowledgeBaseIndex/branchConditions``; `nil`: not this knowledge base's, read by name).
  func resolve(_ facts: FactTable, conditions: [InternedCondition]?) -> NodeResolution {
    guard let conditions, conditions.count == branches.count else {
      return resolve(in: ResolutionContext(facts: facts.dictionary, answers: [:], reopened: []))
    }
    for (branch, condition) in zip(branches, conditions) where condition.evaluate(facts) {
      return .advance(branch.route, step: .decided(decision: id, condition: branch.text))
    }
    return .advance(otherwise, step: .decided(decision: id, condition: nil))
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension DecisionNode: Codable {}
extension DecisionNode.Branch: Codable {}
