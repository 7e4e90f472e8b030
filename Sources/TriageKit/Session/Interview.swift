/// The interview: which question to ask next, and when to stop.
///
/// Decision-theoretic troubleshooting (Heckerman, Breese and Rommelse, CACM 1995), kept simple
/// enough for a knowledge-base author to predict:
/// - **Candidates** are the questions nobody has answered that the tree can still reach: from
///   `start`, an answered question takes its answer's route, while a question not answered or
///   answered `unknown`, a decision the facts cannot decide yet, and a probe step not run yet open
///   every way out. So `unknown` at a gate never ends the interview: both sides stay open.
/// - A question's **value** is the most that one of its answers would move two leading causes
///   apart: for each answer (each choice; numbers on both sides of every threshold the knowledge
///   base compares them with), the change in support of each leading cause (its own support and
///   that of the decisions reading its fact), and the largest difference between two of those
///   changes. The leading causes are those within ``leaderWindow`` of the best (at least two).
/// - It asks the candidate with the best value for its ``Effort``; ties go to the tree's own next
///   step, then to the tree's order. The tree's next step is always a candidate (its probes and
///   details are the author's order); any other question needs a value of at least
///   ``minimumValue``.
/// - It **stops** when a cause is established (``Diagnosis/establishedThreshold``, clearly ahead of
///   the next by ``Diagnosis/leadMargin``) — after asking what the plan of that cause needs to
///   choose its steps (a step's `when:` that reads an unanswered question) — or when no candidate
///   is left.
public struct Interview: Sendable {
  /// A question (or probe step) the interview could ask, with what it is worth.
  public struct Candidate: Hashable, Sendable {
    /// The question's or probe step's ID.
    public var node: String
    /// The most one answer would move two leading causes apart (0…2).
    public var value: Double
    /// What answering it costs.
    public var effort: Effort
    /// The two causes that answer moves apart most, best first; empty when it moves none.
    public var separates: [String]

    /// Value for effort.
    public var score: Double { value / effort.cost }
  }

  /// Why the interview asks what it asks.
  public struct Selection: Hashable, Sendable {
    /// The kinds of reason.
    public enum Reason: String, Hashable, Sendable {
      /// `.change` asked for it.
      case reopened
      /// It separates the leading causes best for its effort.
      case separates
      /// It is the tree's own next step and nothing else is worth more.
      case treeOrder = "tree-order"
      /// A cause is established; its plan needs this to choose its steps.
      case planDetail = "plan-detail"
    }

    /// Why it was chosen.
    public var reason: Reason
    /// The question (or probe step) and what it is worth.
    public var candidate: Candidate
    /// The leading causes when it was chosen, best first.
    public var leaders: [String]
  }

  /// Below this value a question off the tree's path is not worth asking.
  public static let minimumValue = 0.1
  /// Causes within this of the best one lead.
  public static let leaderWindow = 0.5

  /// What the walk ends with: the input to wait for, or the conclusion.
  public private(set) var end: Walk.End
  /// Why the interview asks what it waits on; `nil` once concluded.
  public private(set) var selection: Selection?
  /// When no cause is established: the questions that would decide, cheapest first.
  public private(set) var checks: [Candidate] = []
  /// How many checks an inconclusive plan lists at most.
  public static let checksInPlan = 6

  /// Decides the next step for a session whose facts are `facts`, whose tree path is `tree`, and
  /// whose differential is `contributions`.
  public init(
    knowledgeBase: KnowledgeBase, facts: FactBase, contributions: [Walk.Contribution],
    tree: Walk, reopened: Set<String>
  ) {
    let order = Self.treeOrder(knowledgeBase)
    let position = { (id: String) in order[id] ?? Int.max }
    // `.change` comes first, whatever it is worth.
    if let question = reopened.filter({ facts.answered[$0] == nil })
      .compactMap({ knowledgeBase.questions[$0] }).min(by: { position($0.id) < position($1.id) })
    {
      end = .needsInput(.answer(question))
      selection = Selection(
        reason: .reopened,
        candidate: Candidate(node: question.id, value: 0, effort: question.effort, separates: []),
        leaders: [])
      return
    }
    let estimator = ValueEstimator(
      knowledgeBase: knowledgeBase, facts: facts, contributions: contributions)
    let leaders = estimator.leaders
    // What an inconclusive conclusion names: the leading causes some fact speaks for.
    let supported = leaders.filter { (estimator.factors[$0] ?? 0) > 0 }
    let treeNext = tree.pendingNode
    if let established = Diagnosis.established(
      estimator.factors, knowledgeBase: knowledgeBase, facts: facts)
    {
      // Before concluding, what the cause's plan needs to choose between its steps.
      if let detail = Self.planDetail(
        for: established.cause, knowledgeBase: knowledgeBase, facts: facts, position: position)
      {
        end = .needsInput(.answer(detail))
        selection = Selection(
          reason: .planDetail,
          candidate: Candidate(node: detail.id, value: 0, effort: detail.effort, separates: []),
          leaders: leaders)
        return
      }
      end = .concluded(
        Self.conclusion(
          diagnosed: established, knowledgeBase: knowledgeBase, tree: tree, leaders: supported))
      return
    }
    let reachable = Self.reachable(knowledgeBase, facts: facts, tree: tree)
    var candidates: [Candidate] = []
    var unknownAnswered: [Candidate] = []
    let index = knowledgeBase.index
    for offset in index.orderedQuestions.indices
    where reachable.contains(index.orderedQuestions[offset].id) {
      let question = index.orderedQuestions[offset]
      let answered = facts.answered[question.id]
      let allowed =
        index.askWhen[offset].map {
          $0.truth(facts.table, open: facts.undeterminedFlags) == true
        } ?? true
      let notKnown = answered.map { question.picksNotKnown($0.value) } ?? false
      guard answered == nil || notKnown, allowed || question.id == treeNext
      else { continue }
      let (value, separates) = estimator.value(of: question)
      let candidate = Candidate(
        node: question.id, value: value, effort: question.effort, separates: separates)
      if answered == nil {
        if value >= Self.minimumValue || question.id == treeNext { candidates.append(candidate) }
      } else if value >= Self.minimumValue {
        unknownAnswered.append(candidate)
      }
    }
    if let probe = tree.pendingProbe {
      // A probe is worth what the question right after it is worth: the author puts a probe
      // before the question its result settles (a census before "which state stands out").
      var worth = (value: 0.0, separates: [String]())
      if case .question(let settled)? = knowledgeBase.nodes[probe.next.next],
        facts.answered[settled.id] == nil
      {
        worth = estimator.value(of: settled)
      }
      candidates.append(
        Candidate(node: probe.id, value: worth.value, effort: .station, separates: worth.separates)
      )
    }
    func better(_ a: Candidate, _ b: Candidate) -> Bool {
      let (left, right) = ((a.score * 1e9).rounded(), (b.score * 1e9).rounded())
      if left != right { return left > right }
      if (a.node == treeNext) != (b.node == treeNext) { return a.node == treeNext }
      return position(a.node) < position(b.node)
    }
    // The checks an inconclusive plan lists: the most telling for their effort, then cheapest
    // first — a plan of every open question would bury the few that decide.
    checks = (candidates.filter { $0.value >= Self.minimumValue } + unknownAnswered)
      .sorted(by: better).prefix(Self.checksInPlan).sorted {
        ($0.effort.cost, -$0.value, position($0.node)) < (
          $1.effort.cost, -$1.value, position($1.node)
        )
      }
    guard let best = candidates.min(by: better) else {
      end = .concluded(
        Self.conclusion(
          diagnosed: nil, knowledgeBase: knowledgeBase, tree: tree, leaders: supported))
      return
    }
    checks = []
    selection = Selection(
      reason: best.value >= Self.minimumValue ? .separates : .treeOrder, candidate: best,
      leaders: leaders)
    if case .probe(let probe)? = knowledgeBase.nodes[best.node] {
      end = .needsInput(.probe(probe))
    } else if let question = knowledgeBase.questions[best.node] {
      end = .needsInput(.answer(question))
    } else {
      end = tree.end
    }
  }

  /// The nodes the tree can still reach from `start` with what is known (see the type's summary).
  static func reachable(_ knowledgeBase: KnowledgeBase, facts: FactBase, tree: Walk) -> Set<String>
  {
    let index = knowledgeBase.index
    var seen: Set<String> = [knowledgeBase.start]
    var pending = [knowledgeBase.start]
    let ran = Set(
      tree.steps.compactMap { step -> String? in
        if case .probed(let node, _, true) = step { return node }
        return nil
      })
    while let id = pending.popLast() {
      var next: [String] = []
      switch knowledgeBase.nodes[id] {
      case .question(let question)?:
        if let answer = facts.answered[question.id], !question.picksNotKnown(answer.value) {
          next = [question.routeTaken(for: answer.value).next]
        } else {
          next = question.routes.map(\.next)
        }
      case .decision(let decision)?:
        var decided = false
        let conditions = index.branchConditions[decision.id] ?? []
        for (branch, condition) in zip(decision.branches, conditions) {
          switch condition.truth(facts.table, open: facts.undeterminedFlags) {
          case true?:
            next.append(branch.route.next)
            decided = true
          case nil: next.append(branch.route.next)
          case false?: continue
          }
          if decided { break }
        }
        if !decided { next.append(decision.otherwise.next) }
      case .probe(let probe)?:
        next = ran.contains(probe.id) ? [probe.next.next] : probe.routes.map(\.next)
      case .conclusion?, nil:
        break
      }
      for target in next where seen.insert(target).inserted {
        pending.append(target)
      }
    }
    return seen
  }

  /// Node IDs by their place in a depth-first walk of the tree from `start`, routes in written
  /// order: the order an author reads the interview in.
  static func treeOrder(_ knowledgeBase: KnowledgeBase) -> [String: Int] {
    knowledgeBase.index.treeOrder
  }

  /// An unanswered question whose fact a step of `cause`'s plan reads in an undecided `when:`.
  static func planDetail(
    for cause: String, knowledgeBase: KnowledgeBase, facts: FactBase,
    position: (String) -> Int
  ) -> QuestionNode? {
    var wanted: Set<String> = []
    let (open, undetermined) = (facts.open, facts.undetermined)
    for id in knowledgeBase.causes[cause]?.plan ?? [] {
      guard let condition = knowledgeBase.steps[id]?.condition,
        condition.truth(facts.facts, open: undetermined) == nil
      else { continue }
      wanted.formUnion(condition.factNames.filter { open.contains($0) })
    }
    return knowledgeBase.orderedQuestions.filter {
      wanted.contains($0.fact) && facts.answered[$0.id] == nil
    }.min { ($0.effort.cost, position($0.id)) < ($1.effort.cost, position($1.id)) }
  }

  /// The conclusion to show: the tree's own when it agrees with the differential, else the
  /// conclusion written for the established cause, else one made from the cause (diagnosed) or
  /// from the leading candidates (inconclusive).
  static func conclusion(
    diagnosed established: Diagnosis.Establishment?, knowledgeBase: KnowledgeBase, tree: Walk,
    leaders: [String]
  ) -> ConclusionNode {
    if let established {
      let cause = established.cause
      if let reached = tree.conclusion, reached.outcome == .diagnosed,
        reached.causes.first?.cause == cause || reached.id == established.conclusion?.id
      {
        return reached
      }
      if let written = established.conclusion { return written }
      let definition = knowledgeBase.causes[cause]
      return ConclusionNode(
        id: "most-likely-cause", location: definition?.location ?? knowledgeBase.startLocation,
        outcome: .diagnosed, title: definition?.title ?? cause,
        text: definition?.summary ?? "",
        causes: [.init(cause: cause, certainty: 0, location: knowledgeBase.startLocation)])
    }
    // The tree's own inconclusive ending speaks of the answers that led there; it fits only when
    // none of them was `unknown`.
    let definite = !tree.answers.contains { $0.value == .unknown }
    if let reached = tree.conclusion, reached.outcome == .inconclusive, definite {
      return reached
    }
    return ConclusionNode(
      id: "no-cause-established", location: knowledgeBase.startLocation, outcome: .inconclusive,
      title: "No single cause is established yet",
      text: """
        The facts so far do not settle on one cause. The candidates are ranked below with what \
        speaks for and against each; the plan lists the checks that would decide between them, \
        cheapest first.
        """,
      causes: leaders.prefix(3).map {
        .init(cause: $0, certainty: 0, location: knowledgeBase.startLocation)
      })
  }
}

extension Interview.Selection {
  /// Why this question now, in a sentence for `.why` and the report.
  public var explanation: String {
    switch reason {
    case .reopened:
      return "Asked again because you asked for it (.change)."
    case .planDetail:
      return "A cause is established; asked because its plan depends on the answer."
    case .treeOrder:
      return "The knowledge base's next question; no other question would separate the leading "
        + "causes more."
    case .separates:
      let pair = candidate.separates.map { "'\($0)'" }
      let what =
        pair.count == 2 ? "separates \(pair[0]) from \(pair[1])" : "moves the leading causes apart"
      return "Asked because it \(what) the most for its effort (\(candidate.effort.phrase); "
        + "value \(String(format: "%.2f", candidate.value)))."
    }
  }
}
