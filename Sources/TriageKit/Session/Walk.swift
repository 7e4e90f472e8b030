/// Where a session stands: the tree's path so far, every fact known, the differential, and what
/// the interview waits for — or the conclusion it came to.
public struct Walk: Sendable {
  /// How the walk ended.
  public enum End: Sendable {
    /// It waits for this input.
    case needsInput(InputRequest)
    /// It reached a conclusion.
    case concluded(ConclusionNode)
  }

  /// One piece of support, with the fact behind it.
  public struct Contribution: Hashable, Sendable {
    /// The ID of the cause it supports or speaks against.
    public var cause: String
    /// The certainty factor it adds, −1…1.
    public var factor: Double
    /// The answer or decision that gave it, as `.why` names it.
    public var step: PathStep
  }

  /// Node IDs of the tree's path, in the order visited: the knowledge base's own order of the
  /// interview, followed as far as the answers go.
  public var visited: [String]
  /// What happened at each node of the tree's path, in order.
  public var steps: [PathStep]
  /// Every fact known, by name.
  public var facts: [String: Fact]
  /// Support from every fact known, questions in the knowledge base's order, then decisions.
  public var contributions: [Contribution]
  /// Whether the walk waits for an answer or a probe, or came to a conclusion.
  public var end: End
  /// Every question with a value, the tree's path first, then in the knowledge base's order.
  public var answers: [FactBase.Answered] = []
  /// Where evidence disagrees with a person's answer; the answer stands until `.change`.
  public var contradictions: [FactBase.Contradiction] = []
  /// Why the interview asks what it waits on; `nil` once concluded.
  public var selection: Interview.Selection? = nil
  /// The questions that would still separate the leading causes, cheapest first: the plan of an
  /// inconclusive outcome.
  public var checks: [Interview.Candidate] = []
  /// Facts that could still turn out either way: not answered yet, or answered `unknown`.
  public var undetermined: Set<String> = []
  /// Every decision the facts decide, on the tree's path or not, in the knowledge base's order.
  public var decided: [PathStep] = []

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

  /// Every question answered, with value and source: those on the tree's path in path order, then
  /// the others (answered off the path, or settled by evidence) in the knowledge base's order.
  public var answeredSteps:
    [(question: String, value: FactValue, provenance: Provenance, automatic: Bool)]
  {
    answers.map { ($0.question, $0.value, $0.provenance, $0.automatic) }
  }
}

/// Builds the walk of a session: facts first, then the tree's path, the differential and the
/// interview's next step.
public enum Walker {
  /// The walk for the given answers and facts (evidence, probes) known up front.
  ///
  /// Pure: the same inputs give the same walk. Throws ``TriageError/cycle(node:)`` when the tree
  /// returns to a node it already passed.
  public static func walk(
    _ knowledgeBase: KnowledgeBase,
    answers: [String: GivenAnswer],
    reopened: Set<String> = [],
    facts initialFacts: [String: Fact] = [:],
    declined: Set<String> = [],
    observed: Set<String> = [],
    observedArguments: [String: [String: String]] = [:]
  ) throws(TriageError) -> Walk {
    let base = FactBase(
      knowledgeBase, answers: answers, reopened: reopened, observed: initialFacts)
    let tree = try treeWalk(
      knowledgeBase, base, declined: declined, observed: observed,
      observedArguments: observedArguments)
    let contributions = Differential.contributions(knowledgeBase, base)
    let interview = Interview(
      knowledgeBase: knowledgeBase, facts: base, contributions: contributions, tree: tree,
      reopened: reopened)
    var walk = tree
    walk.contributions = contributions
    walk.end = interview.end
    walk.selection = interview.selection
    walk.checks = interview.checks
    walk.contradictions = base.contradictions
    walk.undetermined = base.undetermined
    let index = knowledgeBase.index
    walk.decided = knowledgeBase.orderedDecisions.indices.compactMap { offset in
      Differential.taken(
        index.orderedDecisions[offset], index.orderedBranchConditions[offset], base.table,
        open: base.openFlags)?.step
    }
    let onPath = tree.steps.compactMap { step -> String? in
      if case .answered(let question, _, _, _) = step { return question }
      return nil
    }
    let pathSet = Set(onPath)
    walk.answers =
      onPath.compactMap { base.answered[$0] }
      + base.answeredInOrder(knowledgeBase).compactMap { question, answer in
        pathSet.contains(question.id) ? nil : answer
      }
    return walk
  }

  /// The tree's own path: from `start`, each question taking the route of its settled answer
  /// (`unknown` takes the `unknown` route), each decision its first branch that holds, up to the
  /// first question nobody answered, a probe step not run yet, or a conclusion. Its support is
  /// not gathered here (the differential counts every fact, on the path or not).
  public static func treeWalk(
    _ knowledgeBase: KnowledgeBase, _ base: FactBase, declined: Set<String> = [],
    observed: Set<String> = [], observedArguments: [String: [String: String]] = [:]
  ) throws(TriageError) -> Walk {
    try treeWalk(
      knowledgeBase, base, declined: declined, observed: observed,
      observedArguments: observedArguments, keepingFacts: true)
  }

  /// ``treeWalk(_:_:declined:observed:observedArguments:)``; without `keepingFacts` the walk's
  /// `facts` are left empty (the explorer reads the fact base's own).
  static func treeWalk(
    _ knowledgeBase: KnowledgeBase, _ base: FactBase, declined: Set<String> = [],
    observed: Set<String> = [], observedArguments: [String: [String: String]] = [:],
    keepingFacts: Bool
  ) throws(TriageError) -> Walk {
    // Questions are resolved from the fact base and decisions read its interned facts; the facts
    // by name, and the full context (every answer again, by ID), are built only when needed.
    var byName: [String: Fact]?
    func facts() -> [String: Fact] {
      if let byName { return byName }
      let built = base.facts
      byName = built
      return built
    }
    var fullContext: ResolutionContext?
    func context() -> ResolutionContext {
      if let fullContext { return fullContext }
      let built = ResolutionContext(
        facts: facts(),
        answers: base.answered.mapValues { GivenAnswer($0.value, $0.provenance) },
        reopened: [], declined: declined, observed: observed,
        automatic: Set(base.answered.values.filter(\.automatic).map(\.question)),
        observedArguments: observedArguments)
      fullContext = built
      return built
    }
    let index = knowledgeBase.index
    var visited: [String] = []
    var steps: [PathStep] = []
    var seen: Set<String> = []
    var current = knowledgeBase.start
    func finish(_ end: Walk.End) -> Walk {
      let answers = steps.compactMap { step -> FactBase.Answered? in
        if case .answered(let question, _, _, _) = step { return base.answered[question] }
        return nil
      }
      return Walk(
        visited: visited, steps: steps, facts: keepingFacts ? facts() : [:], contributions: [],
        end: end,
        answers: answers)
    }
    while true {
      guard let node = knowledgeBase.nodes[current] else {
        throw .invalidKnowledgeBase([
          Diagnostic(.error, "the walk reached unknown node '\(current)'", at: nil)
        ])
      }
      // The facts do not change along the path, so passing a node twice would repeat forever.
      guard seen.insert(current).inserted else { throw .cycle(node: current) }
      visited.append(current)
      let resolution: NodeResolution
      switch node {
      case .question(let question):
        // What `QuestionNode.resolve(in:)` gives: the settled answer's route, or a request.
        if let given = base.answered[question.id] {
          resolution = .advance(
            question.routeTaken(for: given.value),
            step: .answered(
              question: question.id, value: given.value, provenance: given.provenance,
              automatic: given.automatic))
        } else {
          resolution = .needsInput(.answer(question))
        }
      case .decision(let decision):
        // `DecisionNode.resolve(in:)`, over the interned facts.
        resolution = decision.resolve(base.table, conditions: index.branchConditions[decision.id])
      // What `ConclusionNode.resolve(in:)` gives.
      case .conclusion(let conclusion): resolution = .conclude(conclusion)
      case .probe(let probe): resolution = probe.resolve(in: context())
      }
      switch resolution {
      case .advance(let route, let step):
        steps.append(step)
        current = route.next
      case .needsInput(let request):
        return finish(.needsInput(request))
      case .conclude(let conclusion):
        steps.append(.concluded(conclusion: conclusion.id))
        return finish(.concluded(conclusion))
      }
    }
  }
}
