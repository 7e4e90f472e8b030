/// How much answering a question could move the leading causes apart: the interview's value.
///
/// Works on the differential incrementally: a hypothetical answer changes its own question's
/// support and the decisions that read its fact (or a computed fact derived from it), nothing else.
struct ValueEstimator {
  let knowledgeBase: KnowledgeBase
  let facts: FactBase
  let contributions: [Walk.Contribution]
  /// Each cause's combined factor now.
  let factors: [String: Double]
  /// The causes within ``Interview/leaderWindow`` of the best, at least two, best first.
  let leaders: [String]
  private let explorer: PathExplorer
  private let computedInputs: [String: Set<String>]
  private let decisions: [DecisionNode]
  /// Every fact some decision reads: a question whose answers carry no support and whose fact no
  /// decision reads is worth nothing, without trying its answers.
  private let decisionFacts: Set<String>

  init(knowledgeBase: KnowledgeBase, facts: FactBase, contributions: [Walk.Contribution]) {
    self.knowledgeBase = knowledgeBase
    self.facts = facts
    self.contributions = contributions
    let factors = Differential.factors(contributions)
    self.factors = factors
    let ranked = knowledgeBase.causeOrder.enumerated().sorted { a, b in
      let (left, right) = (factors[a.element] ?? 0, factors[b.element] ?? 0)
      return left != right ? left > right : a.offset < b.offset
    }.map(\.element)
    let best = ranked.first.map { factors[$0] ?? 0 } ?? 0
    var leaders = ranked.filter { (factors[$0] ?? 0) >= best - Interview.leaderWindow }
    if leaders.count < 2 { leaders = Array(ranked.prefix(2)) }
    self.leaders = leaders
    explorer = PathExplorer(knowledgeBase: knowledgeBase)
    var inputs: [String: Set<String>] = [:]
    for computed in knowledgeBase.computed {
      inputs[computed.id] = Set(computed.expression.factNames)
    }
    computedInputs = inputs
    decisions = knowledgeBase.orderedDecisions
    decisionFacts = Set(decisions.flatMap { $0.branches.flatMap(\.condition.factNames) })
  }

  /// The question's value and the two causes its best answer moves apart most.
  func value(of question: QuestionNode) -> (value: Double, separates: [String]) {
    let reads = dependents(of: question.fact)
    if reads.isDisjoint(with: decisionFacts),
      question.choices.allSatisfy({ $0.support.entries.isEmpty })
    {
      return (0, [])
    }
    let decisions = decisions.filter {
      $0.branches.contains { !reads.isDisjoint(with: $0.condition.factNames) }
    }
    let affected = Set(decisions.map(\.id))
    let kept = contributions.filter { contribution in
      switch contribution.step {
      case .answered(let id, _, _, _): return id != question.id
      case .decided(let id, _): return !affected.contains(id)
      default: return true
      }
    }
    var best = 0.0
    var pair: [String] = []
    for answer in explorer.candidateAnswers(for: question) where answer != .unknown {
      var known = facts.facts
      known[question.fact] = Fact(
        name: question.fact, value: answer, provenance: Provenance(.default), question: question.id)
      ComputedFact.apply(knowledgeBase.computed, to: &known)
      let open = facts.open.filter { known[$0] == nil }
      var hypothetical = kept
      hypothetical += Differential.answerContributions(
        question,
        FactBase.Answered(
          question: question.id, value: answer, provenance: Provenance(.default), automatic: false))
      for decision in decisions {
        hypothetical += Differential.decisionContributions(decision, known, open: open)
      }
      let changed = Differential.factors(hypothetical)
      let deltas = leaders.map { ($0, (changed[$0] ?? 0) - (factors[$0] ?? 0)) }
      guard let high = deltas.max(by: { $0.1 < $1.1 }), let low = deltas.min(by: { $0.1 < $1.1 })
      else { continue }
      let spread = high.1 - low.1
      if spread > best + 1e-12 {
        best = spread
        pair = [high.0, low.0]
      }
    }
    return (best, pair)
  }

  /// The fact and every computed fact derived from it.
  private func dependents(of fact: String) -> Set<String> {
    var names: Set<String> = [fact]
    var changed = true
    while changed {
      changed = false
      for (computed, inputs) in computedInputs
      where !names.contains(computed) && !inputs.isDisjoint(with: names) {
        names.insert(computed)
        changed = true
      }
    }
    return names
  }
}
