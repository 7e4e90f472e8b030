// swift-format-ignore-file: AllPublicDeclarationsHaveDocumentation

/// The causes a walk supports, ranked, and those it rules out: the differential diagnosis.
public struct Diagnosis: Sendable {
  /// A cause with its combined certainty and what moved it.
  public struct RankedCause: Sendable {
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

  /// How strong a cause the conclusion does not name must be for its steps to join the plan.
  public static let secondaryThreshold = 0.6

  /// The remediation plan: the steps of the causes the conclusion names, in rank order, then those
  /// of other causes the answers support strongly (≥ ``secondaryThreshold``), each step once. A step
  /// with a `when:` is in only when it holds for `facts`.
  public func plan(
    for conclusion: ConclusionNode?, in knowledgeBase: KnowledgeBase, facts: [String: Fact] = [:]
  ) -> [(step: RemediationStep, causes: [String])] {
    guard let conclusion else { return [] }
    let named = Set(conclusion.causes.map(\.cause))
    var order: [String] = []
    var causesByStep: [String: [String]] = [:]
    let primary = ranked.filter { named.contains($0.cause.id) }
    let secondary = ranked.filter {
      !named.contains($0.cause.id) && $0.factor >= Self.secondaryThreshold
    }
    for ranked in primary + secondary {
      for step in ranked.cause.plan {
        guard let definition = knowledgeBase.steps[step],
          definition.condition?.evaluate(facts) ?? true
        else { continue }
        if causesByStep[step] == nil { order.append(step) }
        causesByStep[step, default: []].append(ranked.cause.id)
      }
    }
    return order.compactMap { id in knowledgeBase.steps[id].map { ($0, causesByStep[id] ?? []) } }
  }
}
