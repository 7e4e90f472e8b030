/// Walks a knowledge base with generated answers: every answer of every question (`kb test
/// --exhaustive`) or seeded random walks (`kb test --random`), counting what each reaches.
public struct PathExplorer: Sendable {
  /// What the walks covered.
  public struct Coverage: Sendable {
    /// Walks played.
    public var walks = 0
    /// Visits per node ID.
    public var nodeHits: [String: Int] = [:]
    /// Hits per question answer, keyed `question=value`.
    public var answerHits: [String: Int] = [:]
    /// Hits per decision branch, keyed `decision: condition` (or `decision: otherwise`).
    public var branchHits: [String: Int] = [:]
    /// Walks ending at each conclusion.
    public var conclusionHits: [String: Int] = [:]
    /// Whether the exhaustive search stopped at its limit before trying everything.
    public var truncated = false
    /// Nothing covered yet.
    public init() {}

    /// For each finished exhaustive walk: the conclusion and the questions it answered.
    public var endings: [(conclusion: String, questions: [String])] = []
  }

  /// The knowledge base whose interviews are explored.
  public let knowledgeBase: KnowledgeBase

  /// An explorer of `knowledgeBase`'s interviews.
  public init(knowledgeBase: KnowledgeBase) {
    self.knowledgeBase = knowledgeBase
  }

  /// The answers to try for a question: its choices and `unknown`; for numbers, the values on both
  /// sides of every threshold the knowledge base compares the fact with.
  public func candidateAnswers(for question: QuestionNode) -> [FactValue] {
    switch question.type {
    case .yesNo: return [.bool(true), .bool(false), .unknown]
    case .choice: return question.choices.map { .string($0.value) } + [.unknown]
    case .multipleChoice: return question.choices.map { .list([$0.value]) } + [.unknown]
    case .text: return [.string("text"), .unknown]
    case .number:
      var values: Set<Double> = []
      for literal in thresholds(of: question.fact) {
        values.formUnion([literal - 1, literal, literal + 1])
      }
      if let minimum = question.minimum { values.insert(minimum) }
      if let maximum = question.maximum { values.insert(maximum) }
      if values.isEmpty { values.insert(question.minimum ?? 0) }
      let allowed = values.filter {
        $0 >= (question.minimum ?? -.infinity) && $0 <= (question.maximum ?? .infinity)
      }
      return allowed.sorted().map { FactValue.number($0) } + [.unknown]
    }
  }

  /// Every answer of every question, depth first, up to `limit` complete walks; `given` answers
  /// are fixed (`kb coverage` explores what an answer file leaves open).
  public func exhaustive(given: [String: GivenAnswer] = [:], limit: Int = 200_000)
    throws(TriageError)
    -> Coverage
  {
    var coverage = Coverage()
    // The tree's own walks (the interview's order is covered by `random` and `singleFacts`).
    // `base` is the fact base of the answers and facts when already built: the two futures of a
    // probe step share their parent's (declining or running a probe changes no fact).
    var stack:
      [(
        answers: [String: GivenAnswer], declined: Set<String>, observed: Set<String>,
        facts: [String: Fact], base: FactBase?
      )] = externalSeeds().reversed().map { (given, [], [], $0, nil) }
    // What lies ahead of a walk depends only on where it waits and on the facts that the nodes
    // reachable from there read; two partial walks alike in both have the same future, so one is
    // explored.
    let readFacts = factsAhead()
    // The same by interned ID, so the facts of a walk are read in place rather than by name.
    let symbols = knowledgeBase.index.symbols
    var readFlags: [String: FactFlags] = [:]
    for (question, names) in readFacts {
      var flags = FactFlags(count: symbols.count)
      for name in names {
        if let id = symbols.ids[name] { flags[id] = true }
      }
      readFlags[question] = flags
    }
    var expanded: Set<String> = []
    while let (answers, declined, observed, facts, known) = stack.popLast() {
      if coverage.walks >= limit {
        coverage.truncated = true
        break
      }
      let base = known ?? FactBase(knowledgeBase, answers: answers, observed: facts)
      let walk = try Walker.treeWalk(
        knowledgeBase, base, declined: declined, observed: observed, keepingFacts: false)
      if let probe = walk.pendingProbe {
        // Both futures of a probe step: it ran (observing nothing the explorer could know), or
        // the person declined it.
        recordSteps(walk, into: &coverage)
        stack.append((answers, declined.union([probe.id]), observed, facts, base))
        stack.append((answers, declined, observed.union([probe.id]), facts, base))
        continue
      }
      if let question = walk.pendingQuestion {
        // A pruned partial walk still reached what it went through.
        recordSteps(walk, into: &coverage)
        let ahead = readFacts[question.id] ?? []
        let aheadFlags = readFlags[question.id] ?? FactFlags(count: symbols.count)
        var relevant: [String] = []
        for (id, fact) in base.table.slots.enumerated() where aheadFlags[id] {
          if let fact { relevant.append("\(symbols.names[id])=\(fact.value.display)") }
        }
        for (name, fact) in base.table.others where ahead.contains(name) {
          relevant.append("\(name)=\(fact.value.display)")
        }
        let key = ([question.id] + relevant.sorted()).joined(separator: "\u{1F}")
        guard expanded.insert(key).inserted else { continue }
        for value in candidateAnswers(for: question).reversed() {
          var next = answers
          next[question.id] = GivenAnswer(value, Provenance(.default, detail: "explorer"))
          stack.append((next, declined, observed, facts, nil))
        }
      } else {
        record(walk, into: &coverage)
        coverage.endings.append((walk.conclusion?.id ?? "", walk.answeredSteps.map(\.question)))
      }
    }
    return coverage
  }

  /// The facts evidence and probes could give, as far as decisions test them: no facts, then one
  /// seed per value a decision compares an evidence or probe fact with, so the branches that read
  /// them are explored too (questions' `infer:` rules need none: their answers are explored anyway).
  func externalSeeds() -> [[String: Fact]] {
    var seeds: [[String: Fact]] = [[:]]
    var seen: Set<String> = []
    func seed(_ name: String, _ value: FactValue) {
      guard knowledgeBase.isExternalFact(name), seen.insert("\(name)=\(value.display)").inserted
      else {
        return
      }
      seeds.append([
        name: Fact(name: name, value: value, provenance: Provenance(.evidence, detail: "explorer"))
      ])
    }
    func literal(_ value: Condition.Literal) -> [FactValue] {
      switch value {
      case .number(let number): return [.number(number - 1), .number(number), .number(number + 1)]
      case .string(let text): return [.string(text)]
      case .bool(let flag): return [.bool(flag)]
      case .unknown: return []
      }
    }
    func collect(_ condition: Condition) {
      switch condition {
      case .compare(let name, _, let value):
        for candidate in literal(value) { seed(name, candidate) }
      case .member(let name, let values, _):
        for candidate in values.flatMap(literal) { seed(name, candidate) }
      case .isTrue(let name):
        seed(name, .bool(true))
        seed(name, .bool(false))
      case .known(let name), .missing(let name): seed(name, .number(1))
      case .constant: break
      case .not(let inner): collect(inner)
      case .and(let lhs, let rhs), .or(let lhs, let rhs):
        collect(lhs)
        collect(rhs)
      }
    }
    for id in knowledgeBase.nodeOrder {
      if case .decision(let decision)? = knowledgeBase.nodes[id] {
        for branch in decision.branches { collect(branch.condition) }
      }
    }
    return seeds
  }

  /// For each question, the facts that the nodes reachable from it read: decisions' conditions and
  /// questions' own facts (a known fact answers a question), with the inputs of computed facts among
  /// them, transitively. Only these can make two walks waiting there differ later.
  private func factsAhead() -> [String: Set<String>] {
    var reads: [String: Set<String>] = [:]
    for (id, node) in knowledgeBase.nodes {
      switch node {
      case .decision(let decision):
        reads[id] = Set(decision.branches.flatMap(\.condition.factNames))
      case .question(let question):
        reads[id] = [question.fact]
      case .conclusion:
        reads[id] = []
      case .probe(let probe):
        // What a probe observes can be any fact; its arguments are what make it runnable.
        reads[id] = Set(probe.argumentFacts)
      }
    }
    var result: [String: Set<String>] = [:]
    for question in knowledgeBase.questions.keys {
      var seen: Set<String> = [question]
      var pending = [question]
      var names: Set<String> = []
      while let id = pending.popLast() {
        names.formUnion(reads[id] ?? [])
        for route in knowledgeBase.nodes[id]?.flow.routes ?? []
        where seen.insert(route.next).inserted {
          pending.append(route.next)
        }
      }
      result[question] = withComputedInputs(names)
    }
    return result
  }

  private func withComputedInputs(_ start: Set<String>) -> Set<String> {
    var names = start
    let computed = Dictionary(
      knowledgeBase.computed.map { ($0.id, $0.expression.factNames) },
      uniquingKeysWith: { a, _ in a })
    var pending = Array(names)
    while let name = pending.popLast() {
      for input in computed[name] ?? [] where names.insert(input).inserted {
        pending.append(input)
      }
    }
    return names
  }

  /// What one interview with a single fact given and everything else `unknown` came to.
  public struct SingleFactEnding: Sendable {
    /// The question whose answer was the only fact given.
    public var question: String
    /// That answer.
    public var value: FactValue
    /// How the interview ended: diagnosed, inconclusive or incomplete.
    public var outcome: ConclusionNode.Outcome
    /// The established or leading cause, if any.
    public var cause: String?
    /// Questions the interview asked.
    public var asked: Int
  }

  /// Every answer of every question on its own, every question the interview then asks answered
  /// `unknown` and every probe declined: the walks where `unknown` is the normal answer. Each must
  /// end (no cycle, no endless interview), and shows what one fact alone concludes.
  public func singleFacts() throws(TriageError) -> (
    coverage: Coverage, endings: [SingleFactEnding]
  ) {
    var coverage = Coverage()
    var endings: [SingleFactEnding] = []
    for question in knowledgeBase.orderedQuestions {
      for value in candidateAnswers(for: question) where value != .unknown {
        var answers = [question.id: GivenAnswer(value, Provenance(.default, detail: "explorer"))]
        var declined: Set<String> = []
        var asked = 0
        var walk = try Walker.walk(knowledgeBase, answers: answers)
        // Each round answers or declines one more node, and there are finitely many.
        while asked <= knowledgeBase.nodes.count {
          if let probe = walk.pendingProbe {
            declined.insert(probe.id)
          } else if let pending = walk.pendingQuestion {
            answers[pending.id] = GivenAnswer(.unknown, Provenance(.default, detail: "explorer"))
            asked += 1
          } else {
            break
          }
          walk = try Walker.walk(knowledgeBase, answers: answers, declined: declined)
        }
        guard let conclusion = walk.conclusion else { throw .cycle(node: walk.pendingNode ?? "") }
        record(walk, into: &coverage)
        let ranked = Diagnosis(walk: walk, knowledgeBase: knowledgeBase).ranked
        endings.append(
          SingleFactEnding(
            question: question.id, value: value, outcome: conclusion.outcome,
            cause: ranked.first?.cause.id, asked: asked))
      }
    }
    return (coverage, endings)
  }

  /// `count` random walks from `seed`; the same seed plays the same walks.
  public func random(count: Int, seed: UInt64) throws(TriageError) -> Coverage {
    var coverage = Coverage()
    var generator = SplitMix64(seed: seed)
    for _ in 0..<count {
      var answers: [String: GivenAnswer] = [:]
      var declined: Set<String> = []
      var walk = try Walker.walk(knowledgeBase, answers: answers)
      while walk.pendingProbe != nil || walk.pendingQuestion != nil {
        if let probe = walk.pendingProbe {
          declined.insert(probe.id)
          walk = try Walker.walk(knowledgeBase, answers: answers, declined: declined)
          continue
        }
        guard let question = walk.pendingQuestion else { break }
        let candidates = candidateAnswers(for: question)
        let value = candidates[Int(generator.next() % UInt64(candidates.count))]
        answers[question.id] = GivenAnswer(value, Provenance(.default, detail: "random"))
        walk = try Walker.walk(knowledgeBase, answers: answers, declined: declined)
      }
      record(walk, into: &coverage)
    }
    return coverage
  }

  /// Records what a finished walk went through.
  public func record(_ walk: Walk, into coverage: inout Coverage) {
    coverage.walks += 1
    for id in walk.visited { coverage.nodeHits[id, default: 0] += 1 }
    // The interview may conclude before the tree's path reaches the conclusion it shows.
    if let conclusion = walk.conclusion, knowledgeBase.nodes[conclusion.id] != nil,
      walk.visited.last != conclusion.id
    {
      coverage.nodeHits[conclusion.id, default: 0] += 1
    }
    recordSteps(walk, into: &coverage)
  }

  private func recordSteps(_ walk: Walk, into coverage: inout Coverage) {
    // The tree's path, then what counted off it: every answer and every decided decision not
    // already on it. A question or decision is on the path once at most, and answers and decided
    // decisions name each once, so a step is counted when the path's step of the same node is not
    // the same step (found by the node's ID: hashing a whole step is dearer).
    var onPath: [String: PathStep] = [:]
    for step in walk.steps {
      switch step {
      case .answered(let question, _, _, _): onPath[question] = step
      case .decided(let decision, _): onPath[decision] = step
      default: break
      }
    }
    var steps = walk.steps
    for answer in walk.answers {
      let step = PathStep.answered(
        question: answer.question, value: answer.value, provenance: answer.provenance,
        automatic: answer.automatic)
      if onPath[answer.question] != step { steps.append(step) }
    }
    for step in walk.decided {
      guard case .decided(let decision, _) = step else { continue }
      if onPath[decision] != step { steps.append(step) }
    }
    if let conclusion = walk.conclusion, walk.visited.last != conclusion.id {
      steps.append(.concluded(conclusion: conclusion.id))
    }
    for step in steps {
      switch step {
      case .answered(let question, let value, _, _):
        coverage.answerHits[PathExplorer.answerKey(question, value), default: 0] += 1
      case .decided(let decision, let condition):
        coverage.branchHits[PathExplorer.branchKey(decision, condition), default: 0] += 1
      case .concluded(let conclusion):
        coverage.conclusionHits[conclusion, default: 0] += 1
      case .probed:
        break  // counted in nodeHits
      }
    }
  }

  /// Everything there is to cover: answers (choices and `unknown`), branches, conclusions.
  public func coverageTargets() -> (answers: [String], branches: [String], conclusions: [String]) {
    var answers: [String] = []
    var branches: [String] = []
    var conclusions: [String] = []
    for id in knowledgeBase.nodeOrder {
      switch knowledgeBase.nodes[id] {
      case .question(let question)?:
        if question.takesChoices {
          answers += candidateAnswers(for: question).map { PathExplorer.answerKey(id, $0) }
        } else {
          answers.append(PathExplorer.answerKey(id, .unknown))
        }
      case .decision(let decision)?:
        branches += decision.branches.map { PathExplorer.branchKey(id, $0.text) }
        branches.append(PathExplorer.branchKey(id, nil))
      case .conclusion?:
        conclusions.append(id)
      case .probe?, nil:
        break
      }
    }
    return (answers, branches, conclusions)
  }

  /// `question=value`.
  public static func answerKey(_ question: String, _ value: FactValue) -> String {
    "\(question)=\(value.display)"
  }

  /// `decision: condition`, or `decision: otherwise`.
  public static func branchKey(_ decision: String, _ condition: String?) -> String {
    "\(decision): \(condition ?? "otherwise")"
  }

  private func thresholds(of fact: String) -> [Double] {
    var found: [Double] = []
    func collect(_ condition: Condition) {
      switch condition {
      case .compare(let name, _, .number(let value)) where name == fact: found.append(value)
      case .member(let name, let literals, _) where name == fact:
        for case .number(let value) in literals { found.append(value) }
      case .not(let inner): collect(inner)
      case .and(let lhs, let rhs), .or(let lhs, let rhs):
        collect(lhs)
        collect(rhs)
      default: break
      }
    }
    for node in knowledgeBase.nodes.values {
      if case .decision(let decision) = node {
        for branch in decision.branches { collect(branch.condition) }
      }
    }
    return found
  }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives the
/// same walks on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose numbers are fixed by `seed` (`kb test --seed`).
  public init(seed: UInt64) {
    state = seed
  }

  /// The next number of the sequence.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
