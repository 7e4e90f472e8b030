/// The causes a walk supports, ranked, and those it rules out: the differential diagnosis.
public struct Diagnosis: Sendable {
  /// A cause with its combined certainty and what moved it.
  public struct RankedCause: Sendable {
    /// The cause as the knowledge base defines it.
    public var cause: Cause
    /// The combined certainty factor, −1…1.
    public var factor: Double
    /// The contributions, in path order.
    public var because: [Walk.Contribution]

    /// Confidence for the report: the factor when positive, else 0.
    public var confidence: Double { max(0, factor) }
  }

  /// Causes with a positive factor, best first.
  public var ranked: [RankedCause]
  /// Causes with a negative factor: what the answers speak against.
  public var ruledOut: [RankedCause]

  /// Combines a walk's contributions per cause (EMYCIN) and ranks them.
  ///
  /// Ties keep the order the conclusion lists its causes, then the knowledge base's order.
  public init(walk: Walk, knowledgeBase: KnowledgeBase) {
    var byCause: [String: [Walk.Contribution]] = [:]
    for contribution in walk.contributions {
      byCause[contribution.cause, default: []].append(contribution)
    }
    let conclusionOrder = walk.conclusion?.causes.map(\.cause) ?? []
    let order = conclusionOrder + knowledgeBase.causeOrder.filter { !conclusionOrder.contains($0) }
    var all: [RankedCause] = []
    for id in order {
      guard let contributions = byCause[id], let cause = knowledgeBase.causes[id] else { continue }
      let factor = CertaintyFactor.combine(contributions.map(\.factor))
      all.append(RankedCause(cause: cause, factor: factor, because: contributions))
    }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    ranked = all.filter { $0.factor > 0 }.sorted {
      ($0.factor, -position[$0.cause.id, default: .max]) > (
        $1.factor, -position[$1.cause.id, default: .max]
      )
    }
    ruledOut = all.filter { $0.factor < 0 }.sorted { $0.factor < $1.factor }
  }

  /// A cause is established when its factor reaches this…
  public static let establishedThreshold = 0.7
  /// …and is at least this far ahead of every rival.
  public static let leadMargin = 0.2

  /// What the facts establish: a cause, and the conclusion written for it when one is.
  public struct Establishment: Sendable {
    /// The best cause.
    public var cause: String
    /// A diagnosed conclusion of the knowledge base that names the cause first, or that names
    /// every cause close to it (its causes are then told apart by the ranking).
    public var conclusion: ConclusionNode?
  }

  /// The cause the factors establish, if one is.
  ///
  /// The best cause is established when its factor is at least ``establishedThreshold``, what it
  /// `requires:` holds, and it is ``leadMargin`` ahead of the next cause — or ahead of every cause
  /// that a diagnosed conclusion naming it does not name: a conclusion written for two causes
  /// ("the firewall's flood mitigation", rate or concurrent limit) is reached when those two lead
  /// together. Ties go to the knowledge base's order of causes.
  public static func established(
    _ factors: [String: Double], knowledgeBase: KnowledgeBase, facts: FactBase
  ) -> Establishment? {
    let ranked = knowledgeBase.causeOrder.enumerated().sorted { a, b in
      let (left, right) = (factors[a.element] ?? 0, factors[b.element] ?? 0)
      return left != right ? left > right : a.offset < b.offset
    }.map(\.element)
    guard let top = ranked.first, let best = factors[top], best >= establishedThreshold - 1e-9
    else { return nil }
    if let requirement = knowledgeBase.causes[top]?.requires,
      requirement.condition.truth(facts.facts, open: facts.open) != true
    {
      return nil
    }
    func ahead(of rivals: [String]) -> Bool {
      let next = rivals.map { max(0, factors[$0] ?? 0) }.max() ?? 0
      return best - next >= leadMargin - 1e-9
    }
    let conclusions = knowledgeBase.nodeOrder.compactMap { id -> ConclusionNode? in
      guard case .conclusion(let conclusion)? = knowledgeBase.nodes[id],
        conclusion.outcome == .diagnosed
      else { return nil }
      return conclusion
    }
    if ahead(of: Array(ranked.dropFirst())) {
      return Establishment(
        cause: top, conclusion: conclusions.first { $0.causes.first?.cause == top })
    }
    for conclusion in conclusions {
      let named = Set(conclusion.causes.map(\.cause))
      guard named.contains(top), ahead(of: ranked.filter { !named.contains($0) }) else { continue }
      return Establishment(cause: top, conclusion: conclusion)
    }
    return nil
  }

  /// How strong a cause the conclusion does not name must be for its steps to join the plan.
  public static let secondaryThreshold = 0.6

  /// The remediation plan of `walk`'s conclusion.
  ///
  /// Diagnosed: the steps of the causes the conclusion names, in rank order, then those of other
  /// causes the facts support strongly (≥ ``secondaryThreshold``). Inconclusive: the checks that
  /// would decide between the leading causes (the interview's questions, cheapest first), then the
  /// `confirm` steps of the causes the conclusion names. Either way each step once, a step whose
  /// `when:` is false for what is known left out (one that reads what nobody knows stays in),
  /// a step whose `done-when:` holds marked done, and the steps merged by phase, so no change comes
  /// after "apply" or "verify".
  public func plan(for walk: Walk, in knowledgeBase: KnowledgeBase) -> [PlanStep] {
    guard let conclusion = walk.conclusion else { return [] }
    let named = Set(conclusion.causes.map(\.cause))
    let inconclusive = conclusion.outcome == .inconclusive
    var entries: [PlanStep] = []
    var index: [String: Int] = [:]
    if inconclusive {
      for check in walk.checks {
        guard let question = knowledgeBase.questions[check.node] else { continue }
        index[question.id] = entries.count
        entries.append(PlanStep(check: question, separates: check.separates))
      }
    }
    // A computed fact without a value has none for good at the end: its inputs are not known.
    let undetermined = walk.undetermined.subtracting(knowledgeBase.computed.map(\.id))
    // Inconclusive: the leaders' confirm steps too, when the conclusion does not name them.
    let leaders = inconclusive ? self.leaders : []
    let leading = Set(leaders.map(\.cause.id))
    let primary = ranked.filter { named.contains($0.cause.id) || leading.contains($0.cause.id) }
    let secondary =
      inconclusive
      ? [] : ranked.filter { !named.contains($0.cause.id) && $0.factor >= Self.secondaryThreshold }
    for ranked in primary + secondary {
      for id in ranked.cause.plan {
        guard let step = knowledgeBase.steps[id], !inconclusive || step.phase == .confirm,
          step.condition?.truth(walk.facts, open: undetermined) ?? true
        else { continue }
        if let existing = index[id] {
          entries[existing].causes.append(ranked.cause.id)
          continue
        }
        index[id] = entries.count
        let done = step.done?.condition.evaluate(walk.facts) ?? false
        entries.append(PlanStep(step: step, causes: [ranked.cause.id], done: done))
      }
    }
    let ordered = Self.byPhase(entries)
    guard inconclusive else { return ordered }
    // What to do once the checks confirm one of the leading causes, after every check: its own
    // steps beyond confirming it, each marked as waiting for that confirmation.
    var remedies: [PlanStep] = []
    for leader in leaders {
      for id in leader.cause.plan where index[id] == nil {
        guard let step = knowledgeBase.steps[id], step.phase != .confirm,
          step.condition?.truth(walk.facts, open: undetermined) ?? true
        else { continue }
        index[id] = entries.count + remedies.count
        let done = step.done?.condition.evaluate(walk.facts) ?? false
        remedies.append(
          PlanStep(step: step, causes: [leader.cause.id], done: done, ifConfirmed: leader.cause.id))
      }
    }
    return ordered + Self.byPhase(remedies)
  }

  /// `steps` ordered by phase; stable, so within a phase the order they come in (rank, then the
  /// causes' own order).
  static func byPhase(_ steps: [PlanStep]) -> [PlanStep] {
    steps.enumerated().sorted {
      ($0.element.step.phase, $0.offset) < ($1.element.step.phase, $1.offset)
    }.map(\.element)
  }

  /// How strong a leading cause of an inconclusive ending must be for its remedies to join the
  /// plan, waiting for the checks to confirm it…
  public static let leaderThreshold = 0.4
  /// …and how many leading causes at most get their remedies planned.
  public static let plannedLeaders = 2

  /// The causes an inconclusive ending leads with clearly enough to plan their remedies: the best
  /// causes — at most ``plannedLeaders``, each at least ``leaderThreshold`` — when they are
  /// ``leadMargin`` ahead of every other cause (two only when neither is that far ahead of the
  /// other).
  public var leaders: [RankedCause] {
    for count in (1...Self.plannedLeaders).reversed() where ranked.count >= count {
      let group = Array(ranked.prefix(count))
      guard group.allSatisfy({ $0.factor >= Self.leaderThreshold - 1e-9 }) else { continue }
      let next = ranked.dropFirst(count).first.map { max(0, $0.factor) } ?? 0
      let weakest = group.map(\.factor).min() ?? 0
      // Two leaders only when neither is clearly ahead of the other.
      if count > 1, group[0].factor - group[1].factor >= Self.leadMargin - 1e-9 { continue }
      if weakest - next >= Self.leadMargin - 1e-9 { return group }
    }
    return []
  }
}
