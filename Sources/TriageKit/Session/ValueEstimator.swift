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
  private let index: KnowledgeBaseIndex
  private let decisionFacts: Set<String>
  /// Each cause's contributions, in the differential's order.
  private let contributionsByCause: [String: [Walk.Contribution]]
  /// Questions and decisions that contribute now: valuing any other question keeps every
  /// contribution, so its causes start from their factors now.
  private let contributingQuestions: Set<String>
  private let contributingDecisions: Set<String>

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
    index = knowledgeBase.index
    decisionFacts = index.decisionFacts
    var byCause: [String: [Walk.Contribution]] = [:]
    var questions: Set<String> = []
    var decisions: Set<String> = []
    for contribution in contributions {
      byCause[contribution.cause, default: []].append(contribution)
      switch contribution.step {
      case .answered(let id, _, _, _): questions.insert(id)
      case .decided(let id, _): decisions.insert(id)
      default: break
      }
    }
    contributionsByCause = byCause
    contributingQuestions = questions
    contributingDecisions = decisions
  }

  /// The question's value and the two causes its best answer moves apart most.
  func value(of question: QuestionNode) -> (value: Double, separates: [String]) {
    guard let reach = index.reach[question.id] else { return (0, []) }
    let reads = reach.reads
    if reads.isDisjoint(with: decisionFacts),
      question.choices.allSatisfy({ $0.support.entries.isEmpty })
    {
      return (0, [])
    }
    // With fewer than two leading causes no answer moves two apart.
    guard leaders.count >= 2 else { return (0, []) }
    let decisions = reach.decisions
    let affected = reach.decisionIDs
    // The leaders' factors without this question's support and that of the decisions reading its
    // fact, combined in the differential's order as `Differential.factors` does.
    let touched =
      contributingQuestions.contains(question.id)
      || !affected.isDisjoint(with: contributingDecisions)
    let kept = leaders.map { leader -> Double in
      guard touched else { return factors[leader] ?? 0 }
      let own = (contributionsByCause[leader] ?? []).filter { contribution in
        switch contribution.step {
        case .answered(let id, _, _, _): return id != question.id
        case .decided(let id, _): return !affected.contains(id)
        default: return true
        }
      }
      return CertaintyFactor.combine(own.map(\.factor))
    }
    var best = 0.0
    var pair: [String] = []
    for answer in reach.answers {
      var added = Differential.answerContributions(
        question,
        FactBase.Answered(
          question: question.id, value: answer, provenance: Provenance(.default), automatic: false))
      if !decisions.isEmpty {
        var known = facts.table
        let factID = reach.factID
        known[factID] = Fact(
          name: question.fact, value: answer, provenance: Provenance(.default),
          question: question.id)
        // One pass settles them when they are written in dependency order (as in the fact base).
        InternedComputedFact.apply(
          index.computedFacts, to: &known, passes: index.computedInWrittenOrder ? 1 : 2)
        // What is still open: the open facts now known are the question's own and computed ones
        // (every other known fact was known already, so never open).
        var open = facts.openFlags
        open[factID] = false
        for computed in index.computedFacts where known.contains(computed.id) {
          open[computed.id] = false
        }
        for (decision, conditions) in zip(decisions, reach.decisionConditions) {
          added += Differential.decisionContributions(decision, conditions, known, open: open)
        }
      }
      var deltas: [(String, Double)] = []
      deltas.reserveCapacity(leaders.count)
      for (offset, leader) in leaders.enumerated() {
        var factor = kept[offset]
        for contribution in added where contribution.cause == leader {
          factor = CertaintyFactor.combine(factor, contribution.factor)
        }
        deltas.append((leader, factor - (factors[leader] ?? 0)))
      }
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
}
