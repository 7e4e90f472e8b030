import Foundation

/// What the engine looks up at every step of a session, worked out once per knowledge base.
///
/// A session walks the knowledge base after every event; the lists and maps here would otherwise be
/// rebuilt from `nodes` each time (the questions in written order, the tree's order, which
/// decisions read which fact), which made a session's cost grow with the square of the knowledge
/// base. Built on first use and dropped when the knowledge base's nodes or computed facts change.
final class KnowledgeBaseIndex: Sendable {
  /// What the interview needs to value one question.
  struct QuestionReach: Sendable {
    /// The question's fact and every computed fact derived from it.
    let reads: Set<String>
    /// The decisions that read one of `reads`, in written order.
    let decisions: [DecisionNode]
    /// Their IDs.
    let decisionIDs: Set<String>
    /// The answers the interview tries (``PathExplorer/candidateAnswers(for:)``), `unknown` left out.
    let answers: [FactValue]
    /// The question's fact, interned.
    var factID = 0
    /// The branch conditions of `decisions`, interned.
    var decisionConditions: [[InternedCondition]] = []
  }

  /// Questions in written order.
  let orderedQuestions: [QuestionNode]
  /// Decisions in written order.
  let orderedDecisions: [DecisionNode]
  /// Questions by ID.
  let questions: [String: QuestionNode]
  /// Each question's place in ``orderedQuestions``.
  let questionPosition: [String: Int]
  /// Places in ``orderedQuestions`` of the questions that set each fact.
  let questionsByFact: [String: [Int]]
  /// Places in ``orderedQuestions`` of the questions with `infer:` rules.
  let inferringQuestions: [Int]
  /// Every fact a question sets.
  let questionFacts: Set<String>
  /// Node IDs by their place in a depth-first walk from `start` (``Interview``'s tie-break).
  let treeOrder: [String: Int]
  /// The facts each computed fact reads.
  let computedInputs: [String: Set<String>]
  /// Every fact some decision reads.
  let decisionFacts: Set<String>
  /// Whether every computed fact reads only facts that are not computed or computed before it, so
  /// one pass in written order settles them all and a second changes nothing.
  let computedInWrittenOrder: Bool
  /// Per question ID: what valuing it involves.
  let reach: [String: QuestionReach]
  /// Every fact name the engine reads, interned.
  let symbols: FactSymbols
  /// Each question's fact ID, by place in ``orderedQuestions``.
  let questionFactIDs: [Int]
  /// Places in ``orderedQuestions`` of the questions that set each fact, by fact ID.
  let questionsByFactID: [[Int]]
  /// ``questionFacts`` by ID.
  let questionFactFlags: FactFlags
  /// Each question's `infer:` rules, interned, by place in ``orderedQuestions``.
  let inferenceRules: [[InternedInference]]
  /// Each question's `ask-when:`, interned, by place in ``orderedQuestions``.
  let askWhen: [InternedCondition?]
  /// Each decision's branch conditions, interned, by decision ID.
  let branchConditions: [String: [InternedCondition]]
  /// The same, by place in ``orderedDecisions``.
  let orderedBranchConditions: [[InternedCondition]]
  /// The computed facts, interned, in written order.
  let computedFacts: [InternedComputedFact]

  init(_ knowledgeBase: KnowledgeBase) {
    var orderedQuestions: [QuestionNode] = []
    var orderedDecisions: [DecisionNode] = []
    for id in knowledgeBase.nodeOrder {
      switch knowledgeBase.nodes[id] {
      case .question(let question)?: orderedQuestions.append(question)
      case .decision(let decision)?: orderedDecisions.append(decision)
      default: break
      }
    }
    self.orderedQuestions = orderedQuestions
    self.orderedDecisions = orderedDecisions
    var questions: [String: QuestionNode] = [:]
    for (id, node) in knowledgeBase.nodes {
      if case .question(let question) = node { questions[id] = question }
    }
    self.questions = questions
    var position: [String: Int] = [:]
    var byFact: [String: [Int]] = [:]
    var inferring: [Int] = []
    for (offset, question) in orderedQuestions.enumerated() {
      if position[question.id] == nil { position[question.id] = offset }
      byFact[question.fact, default: []].append(offset)
      if !question.inferences.isEmpty { inferring.append(offset) }
    }
    questionPosition = position
    questionsByFact = byFact
    inferringQuestions = inferring
    questionFacts = Set(orderedQuestions.map(\.fact))

    var order: [String: Int] = [:]
    var stack = [knowledgeBase.start]
    while let id = stack.popLast() {
      guard order[id] == nil else { continue }
      order[id] = order.count
      let routes = knowledgeBase.nodes[id]?.flow.routes.map(\.next) ?? []
      stack += routes.reversed().filter { order[$0] == nil }
    }
    for id in knowledgeBase.nodeOrder where order[id] == nil { order[id] = order.count }
    treeOrder = order

    var inputs: [String: Set<String>] = [:]
    var inWrittenOrder = true
    var computedSoFar: Set<String> = []
    let computedNames = Set(knowledgeBase.computed.map(\.id))
    for computed in knowledgeBase.computed {
      let names = Set(computed.expression.factNames)
      inputs[computed.id] = names
      computedSoFar.insert(computed.id)
      // A computed fact reading itself, one written after it, or a name computed twice needs the
      // second pass.
      if names.contains(where: { computedNames.contains($0) && !computedSoFar.contains($0) })
        || names.contains(computed.id)
      {
        inWrittenOrder = false
      }
    }
    if computedNames.count != knowledgeBase.computed.count { inWrittenOrder = false }
    computedInputs = inputs
    computedInWrittenOrder = inWrittenOrder

    var decisionsByFact: [String: [Int]] = [:]
    for (offset, decision) in orderedDecisions.enumerated() {
      for name in Set(decision.branches.flatMap(\.condition.factNames)) {
        decisionsByFact[name, default: []].append(offset)
      }
    }
    decisionFacts = Set(decisionsByFact.keys)

    let explorer = PathExplorer(knowledgeBase: knowledgeBase)
    var reach: [String: QuestionReach] = [:]
    var dependentsByFact: [String: Set<String>] = [:]
    for question in questions.values where reach[question.id] == nil {
      let reads: Set<String>
      if let known = dependentsByFact[question.fact] {
        reads = known
      } else {
        reads = Self.dependents(of: question.fact, inputs: inputs)
        dependentsByFact[question.fact] = reads
      }
      let places = Set(reads.flatMap { decisionsByFact[$0] ?? [] }).sorted()
      let decisions = places.map { orderedDecisions[$0] }
      reach[question.id] = QuestionReach(
        reads: reads, decisions: decisions, decisionIDs: Set(decisions.map(\.id)),
        answers: explorer.candidateAnswers(for: question).filter { $0 != .unknown })
    }

    // Question facts first, then computed facts, then whatever the conditions read.
    var symbols = FactSymbols()
    questionFactIDs = orderedQuestions.map { symbols.intern($0.fact) }
    computedFacts = knowledgeBase.computed.map { InternedComputedFact($0, symbols: &symbols) }
    inferenceRules = orderedQuestions.map { question in
      question.inferences.map { InternedInference($0, symbols: &symbols) }
    }
    askWhen = orderedQuestions.map { question in
      question.askWhen.map { InternedCondition($0.condition, symbols: &symbols) }
    }
    let orderedBranchConditions = orderedDecisions.map { decision in
      decision.branches.map { InternedCondition($0.condition, symbols: &symbols) }
    }
    self.orderedBranchConditions = orderedBranchConditions
    var branchConditions: [String: [InternedCondition]] = [:]
    for (decision, conditions) in zip(orderedDecisions, orderedBranchConditions)
    where branchConditions[decision.id] == nil {
      branchConditions[decision.id] = conditions
    }
    self.branchConditions = branchConditions
    var byFactID = [[Int]](repeating: [], count: symbols.count)
    var flags = FactFlags(count: symbols.count)
    for (offset, id) in questionFactIDs.enumerated() {
      byFactID[id].append(offset)
      flags[id] = true
    }
    questionsByFactID = byFactID
    questionFactFlags = flags
    self.symbols = symbols
    var decisionPosition: [String: Int] = [:]
    for (offset, decision) in orderedDecisions.enumerated()
    where decisionPosition[decision.id] == nil {
      decisionPosition[decision.id] = offset
    }
    for (id, question) in questions {
      guard var questionReach = reach[id] else { continue }
      questionReach.factID = symbols.ids[question.fact] ?? 0
      questionReach.decisionConditions = questionReach.decisions.map {
        orderedBranchConditions[decisionPosition[$0.id] ?? 0]
      }
      reach[id] = questionReach
    }
    self.reach = reach
  }

  /// `fact` and every computed fact derived from it.
  private static func dependents(of fact: String, inputs: [String: Set<String>]) -> Set<String> {
    var names: Set<String> = [fact]
    var changed = true
    while changed {
      changed = false
      for (computed, reads) in inputs
      where !names.contains(computed) && !reads.isDisjoint(with: names) {
        names.insert(computed)
        changed = true
      }
    }
    return names
  }
}
