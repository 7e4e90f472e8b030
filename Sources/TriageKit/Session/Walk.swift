// swift-format-ignore-file: AllPublicDeclarationsHaveDocumentation

/// Where a walk through the knowledge base stands: the path so far, the facts it established, the
/// support it gathered, and whether it waits for input or has arrived.
public struct Walk: Sendable {
  /// How the walk ended.
  public enum End: Sendable {
    /// It waits for this input.
    case needsInput(InputRequest)
    /// It reached a conclusion.
    case concluded(ConclusionNode)
  }

  /// One piece of support gathered on the path, with why.
  public struct Contribution: Hashable, Sendable {
    public var cause: String
    public var factor: Double
    public var step: PathStep
  }

  /// Node IDs in the order visited.
  public var visited: [String]
  /// What happened at each node, in order.
  public var steps: [PathStep]
  /// Facts known at the end of the walk, by name.
  public var facts: [String: Fact]
  /// Support gathered, in path order.
  public var contributions: [Contribution]
  public var end: End

  /// The question the walk waits on, if it waits on one.
  public var pendingQuestion: QuestionNode? {
    if case .needsInput(.answer(let question)) = end { return question }
    return nil
  }

  /// The probe step the walk waits on, if it waits on one.
  public var pendingProbe: ProbeNode? {
    if case .needsInput(.probe(let probe)) = end { return probe }
    return nil
  }

  /// The ID of the node the walk waits on.
  public var pendingNode: String? {
    switch end {
    case .needsInput(.answer(let question)): return question.id
    case .needsInput(.probe(let probe)): return probe.id
    case .concluded: return nil
    }
  }

  /// The conclusion reached, if any.
  public var conclusion: ConclusionNode? {
    if case .concluded(let conclusion) = end { return conclusion }
    return nil
  }

  /// The questions answered along the path, in order, with value and source.
  public var answeredSteps:
    [(question: String, value: FactValue, provenance: Provenance, automatic: Bool)]
  {
    steps.compactMap { step in
      if case .answered(let question, let value, let provenance, let automatic) = step {
        return (question, value, provenance, automatic)
      }
      return nil
    }
  }
}

/// Walks a knowledge base from `start`, as far as the facts and answers allow.
public enum Walker {
  /// Walks `knowledgeBase` with the given answers and facts (evidence, probes) known up front.
  ///
  /// Pure: the same inputs give the same walk. Throws ``TriageError/cycle(node:)`` when the walk
  /// returns to a node without learning anything new.
  ///
  /// `resuming` continues a walk that waited on a question `answers` now answers, instead of
  /// replaying it from the start: the same result, in time proportional to the new part only
  /// (the path explorer's walks). The earlier path cannot change, because its questions' answers
  /// are the same.
  public static func walk(
    _ knowledgeBase: KnowledgeBase,
    answers: [String: GivenAnswer],
    reopened: Set<String> = [],
    facts initialFacts: [String: Fact] = [:],
    declined: Set<String> = [],
    observed: Set<String> = [],
    resuming partial: Walk? = nil
  ) throws(TriageError) -> Walk {
    var context = ResolutionContext(
      facts: initialFacts, answers: answers, reopened: reopened, declined: declined,
      observed: observed)
    var visited: [String] = []
    var steps: [PathStep] = []
    var contributions: [Walk.Contribution] = []
    var current = knowledgeBase.start
    var resumed = false
    if let partial, let pending = partial.pendingNode, partial.visited.last == pending {
      resumed = true
      context.facts = partial.facts
      visited = Array(partial.visited.dropLast())
      steps = partial.steps
      contributions = partial.contributions
      current = pending
    }
    func finish(_ end: Walk.End) -> Walk {
      Walk(
        visited: visited, steps: steps, facts: context.facts, contributions: contributions, end: end
      )
    }
    // Observed and given facts may already feed computed ones (a resumed walk has them applied).
    if !resumed { ComputedFact.apply(knowledgeBase.computed, to: &context.facts) }
    var seen: Set<VisitKey> = []
    while true {
      guard let node = knowledgeBase.nodes[current] else {
        throw .invalidKnowledgeBase([
          Diagnostic(.error, "the walk reached unknown node '\(current)'", at: nil)
        ])
      }
      guard seen.insert(VisitKey(node: current, facts: context.facts.count)).inserted else {
        throw .cycle(node: current)
      }
      visited.append(current)
      switch node.flow.resolve(in: context) {
      case .advance(let route, let step):
        if case .answered(let questionID, let value, let provenance, _) = step,
          case .question(let question) = node
        {
          context.facts[question.fact] = Fact(
            name: question.fact, value: value, provenance: provenance, question: questionID)
          // Only an answer changes the facts mid-walk: recompute what derives from them.
          ComputedFact.apply(knowledgeBase.computed, to: &context.facts)
          // An explicit answer is used once; a later question with the same fact sees the fact.
          context.reopened.remove(questionID)
        }
        steps.append(step)
        contributions += route.support.entries.map {
          Walk.Contribution(cause: $0.cause, factor: $0.factor, step: step)
        }
        current = route.next
      case .needsInput(let request):
        return finish(.needsInput(request))
      case .conclude(let conclusion):
        let step = PathStep.concluded(conclusion: conclusion.id)
        steps.append(step)
        contributions += conclusion.causes.map {
          Walk.Contribution(cause: $0.cause, factor: $0.certainty, step: step)
        }
        return finish(.concluded(conclusion))
      }
    }
  }

  private struct VisitKey: Hashable {
    var node: String
    var facts: Int
  }
}
