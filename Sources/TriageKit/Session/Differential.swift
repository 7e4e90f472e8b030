/// The differential: what every fact the session knows says for and against each cause.
///
/// Every answered question adds its answer's `support`, wherever the question stands in the tree
/// and whenever it was answered; every decision adds the support of its first branch whose
/// condition holds (or of `otherwise` when every branch is false). A decision whose conditions are
/// undecided — they read a question not answered yet, or answered `unknown` — adds nothing, and so
/// does an answer `unknown`: confidence comes only from facts, never from reaching a node.
public enum Differential {
  /// The contributions of `facts`, questions first in the knowledge base's order, then decisions.
  public static func contributions(_ knowledgeBase: KnowledgeBase, _ facts: FactBase)
    -> [Walk.Contribution]
  {
    var contributions: [Walk.Contribution] = []
    for (question, answer) in facts.answeredInOrder(knowledgeBase) where answer.value != .unknown {
      contributions += answerContributions(question, answer)
    }
    let index = knowledgeBase.index
    for (decision, conditions) in zip(index.orderedDecisions, index.orderedBranchConditions) {
      contributions += decisionContributions(
        decision, conditions, facts.table, open: facts.openFlags)
    }
    return contributions
  }

  /// What one answer adds.
  static func answerContributions(_ question: QuestionNode, _ answer: FactBase.Answered)
    -> [Walk.Contribution]
  {
    let step = PathStep.answered(
      question: question.id, value: answer.value, provenance: answer.provenance,
      automatic: answer.automatic)
    return question.routeTaken(for: answer.value).support.entries.map {
      Walk.Contribution(cause: $0.cause, factor: $0.factor, step: step)
    }
  }

  /// What one decision adds for these facts: its first branch that holds, `otherwise` when all
  /// are false, nothing while a branch before the one that holds is undecided.
  static func decisionContributions(
    _ decision: DecisionNode, _ facts: [String: Fact], open: Set<String>
  ) -> [Walk.Contribution] {
    guard let (route, step) = taken(decision, facts, open: open) else { return [] }
    return route.support.entries.map {
      Walk.Contribution(cause: $0.cause, factor: $0.factor, step: step)
    }
  }

  /// ``decisionContributions(_:_:open:)`` over interned facts; `conditions` are the decision's
  /// branch conditions, interned.
  static func decisionContributions(
    _ decision: DecisionNode, _ conditions: [InternedCondition], _ facts: FactTable,
    open: FactFlags
  ) -> [Walk.Contribution] {
    guard let (route, step) = taken(decision, conditions, facts, open: open) else { return [] }
    return route.support.entries.map {
      Walk.Contribution(cause: $0.cause, factor: $0.factor, step: step)
    }
  }

  /// ``taken(_:_:open:)`` over interned facts; `conditions` are the decision's branch conditions,
  /// interned.
  static func taken(
    _ decision: DecisionNode, _ conditions: [InternedCondition], _ facts: FactTable,
    open: FactFlags
  ) -> (route: Route, step: PathStep)? {
    var readUnknown = false
    for (branch, condition) in zip(decision.branches, conditions) {
      switch condition.truth(facts, open: open) {
      case true?:
        return (branch.route, .decided(decision: decision.id, condition: branch.text))
      case false?:
        readUnknown = readUnknown || condition.factIDs.contains { facts.value($0) == .unknown }
      case nil: return nil
      }
    }
    guard !readUnknown else { return nil }
    return (decision.otherwise, .decided(decision: decision.id, condition: nil))
  }

  /// The branch of `decision` the facts decide, as a path step; `nil` while undecided.
  ///
  /// A branch that reads an answer `unknown` is false (as the tree takes it), so a later branch
  /// that holds still counts; but `otherwise` is not taken on the strength of `unknown`: "none of
  /// these" is not known when one of them read what nobody knows.
  public static func taken(_ decision: DecisionNode, _ facts: [String: Fact], open: Set<String>)
    -> (route: Route, step: PathStep)?
  {
    var readUnknown = false
    for branch in decision.branches {
      switch branch.condition.truth(facts, open: open) {
      case true?:
        return (branch.route, .decided(decision: decision.id, condition: branch.text))
      case false?:
        readUnknown =
          readUnknown || branch.condition.factNames.contains { facts[$0]?.value == .unknown }
      case nil: return nil
      }
    }
    guard !readUnknown else { return nil }
    return (decision.otherwise, .decided(decision: decision.id, condition: nil))
  }

  /// Each cause's combined certainty factor (EMYCIN), for the causes the contributions name.
  public static func factors(_ contributions: [Walk.Contribution]) -> [String: Double] {
    var grouped: [String: [Double]] = [:]
    for contribution in contributions {
      grouped[contribution.cause, default: []].append(contribution.factor)
    }
    return grouped.mapValues { CertaintyFactor.combine($0) }
  }
}
