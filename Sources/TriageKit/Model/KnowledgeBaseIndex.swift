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
