/// Everything a session knows at one moment: every answer (asked on the walked path or not), every
/// fact from evidence and probes, what `infer:` rules settle from them, and the computed facts.
///
/// The differential and the interview read this, never the path: a fact counts wherever it came
/// from and whenever it arrived. Precedence, per question: a person's or an answer file's answer;
/// else a fact another source already gives under the question's fact name; else the first
/// `infer:` rule that holds; else an explicit `unknown`. So evidence that arrives after a question
/// was answered `unknown` settles it, and evidence never overrides a person: a disagreement is
/// kept as a ``Contradiction`` for the person to resolve with `.change`.
public struct FactBase: Sendable {
  /// A question with a value, and where the value came from.
  public struct Answered: Hashable, Sendable {
    /// The question's ID.
    public var question: String
    /// The value: the answer, or what the facts settled.
    public var value: FactValue
    /// Who or what gave it.
    public var provenance: Provenance
    /// Answered by a fact or an `infer:` rule rather than by its own answer.
    public var automatic: Bool
  }

  /// Evidence that disagrees with a person's (or an answer file's) answer.
  public struct Contradiction: Hashable, Sendable {
    /// The question.
    public var question: String
    /// What the person answered.
    public var given: FactValue
    /// What the evidence says, and which evidence.
    public var observed: FactValue
    /// The evidence or probe that says so.
    public var observedBy: Provenance
  }

  /// Facts by name: evidence, probes, answers, inferences, computed.
  public var facts: [String: Fact] { table.dictionary }
  /// Questions with a value (including an explicit `unknown`), by ID.
  public var answered: [String: Answered]
  /// Where evidence disagrees with an answer, in the knowledge base's question order.
  public var contradictions: [Contradiction]
  /// Fact names with no value yet that a question could still give: conditions reading them are
  /// undecided rather than false.
  public var open: Set<String> { openFlags.names(table.symbols) }
  /// `open`, and the facts of questions answered `unknown`: what could still turn out either way,
  /// for where the tree may go, what may be asked and which steps a plan keeps.
  public var undetermined: Set<String> { undeterminedFlags.names(table.symbols) }
  /// `facts` by interned ID (``KnowledgeBaseIndex/symbols``), for the engine's inner loops.
  let table: FactTable
  /// `open` by interned ID.
  let openFlags: FactFlags
  /// `undetermined` by interned ID.
  let undeterminedFlags: FactFlags

  /// Builds the facts from the answers in force, the questions reopened with `.change` (asked
  /// again whatever the facts say) and the observed facts.
  public init(
    _ knowledgeBase: KnowledgeBase, answers: [String: GivenAnswer], reopened: Set<String> = [],
    observed: [String: Fact] = [:]
  ) {
    let index = knowledgeBase.index
    // Facts by interned ID: every lookup below is an array access, not a hash of the name.
    var facts = FactTable(observed, symbols: index.symbols)
    var answered: [String: Answered] = [:]
    let questions = index.orderedQuestions
    let factIDs = index.questionFactIDs
    // The questions answered, by place: every loop below goes in the knowledge base's order but
    // visits only the questions it can change, so a step costs what its answers and facts hold.
    var given = [Bool](repeating: false, count: questions.count)
    for id in answers.keys {
      if let offset = index.questionPosition[id] { given[offset] = true }
    }
    var computedDirty = true
    func applyComputed() {
      // Computed facts written in dependency order are settled by one pass, and stay settled
      // until a fact changes.
      guard computedDirty || !index.computedInWrittenOrder else { return }
      InternedComputedFact.apply(
        index.computedFacts, to: &facts, passes: index.computedInWrittenOrder ? 1 : 2)
      computedDirty = false
    }
    // A person's answers first: they win over everything and feed the rules of other questions.
    for offset in questions.indices where given[offset] {
      // Its ID and fact, read in place: a copy of the question would retain every field.
      let (id, fact) = (questions[offset].id, questions[offset].fact)
      guard let given = answers[id], !questions[offset].picksNotKnown(given.value) else { continue }
      answered[id] = Answered(
        question: id, value: given.value, provenance: given.provenance, automatic: false)
      facts[factIDs[offset]] = Fact(
        name: fact, value: given.value, provenance: given.provenance,
        question: id)
    }
    applyComputed()
    // Then what the facts settle; a settled answer can feed another question's rule, so repeat
    // until nothing changes (each pass settles at least one question or stops). Only a question
    // with `infer:` rules or whose fact some source gives can be settled.
    var changed = true
    while changed {
      changed = false
      var candidate = [Bool](repeating: false, count: questions.count)
      for offset in index.inferringQuestions { candidate[offset] = true }
      // Only interned names can be a question's fact.
      for factID in index.questionsByFactID.indices {
        guard let known = facts.value(factID), known != .unknown else { continue }
        for offset in index.questionsByFactID[factID] { candidate[offset] = true }
      }
      for offset in questions.indices where candidate[offset] {
        // Its ID and fact, read in place: a copy of the question would retain every field.
        let (id, fact, factID) = (questions[offset].id, questions[offset].fact, factIDs[offset])
        guard answered[id] == nil, !reopened.contains(id) else { continue }
        let settled: (value: FactValue, provenance: Provenance)?
        if let known = facts[factID], known.value != .unknown {
          settled = (known.value, known.provenance)
        } else {
          settled = questions[offset].inferred(from: facts, rules: index.inferenceRules[offset])
        }
        guard let settled else { continue }
        answered[id] = Answered(
          question: id, value: settled.value, provenance: settled.provenance,
          automatic: true)
        if !facts.contains(factID) || facts.value(factID) == .unknown {
          facts[factID] = Fact(
            name: fact, value: settled.value, provenance: settled.provenance,
            question: id)
          // Later questions of the same fact are settled by it in this pass.
          for later in index.questionsByFactID[factID] where later > offset {
            candidate[later] = true
          }
        }
        changed = true
      }
      if changed {
        computedDirty = true
        applyComputed()
      }
    }
    // What is left answered `unknown` (or "not checked yet") stays so: asked, and nobody knows.
    var notKnownFacts = FactFlags(count: index.symbols.count)
    for offset in questions.indices where given[offset] {
      // Its ID and fact, read in place: a copy of the question would retain every field.
      let (id, fact, factID) = (questions[offset].id, questions[offset].fact, factIDs[offset])
      guard answered[id] == nil, let given = answers[id],
        questions[offset].picksNotKnown(given.value)
      else { continue }
      answered[id] = Answered(
        question: id, value: given.value, provenance: given.provenance, automatic: false)
      if !facts.contains(factID) {
        facts[factID] = Fact(
          name: fact, value: given.value, provenance: given.provenance,
          question: id)
        computedDirty = true
      }
      notKnownFacts[factID] = true
    }
    applyComputed()
    var contradictions: [Contradiction] = []
    // Only a question with `infer:` rules can disagree with its answer.
    for offset in index.inferringQuestions {
      let id = questions[offset].id
      guard let given = answered[id], !given.automatic,
        !questions[offset].picksNotKnown(given.value),
        let rule = questions[offset].inferred(from: facts, rules: index.inferenceRules[offset]),
        rule.value != given.value,
        rule.provenance.source == .evidence || rule.provenance.source == .probe
      else { continue }
      contradictions.append(
        Contradiction(
          question: id, given: given.value, observed: rule.value,
          observedBy: rule.provenance))
    }
    // Every question's fact that has no value.
    var open = index.questionFactFlags
    for factID in index.questionsByFactID.indices where facts.contains(factID) {
      open[factID] = false
    }
    // A computed fact without a value may still get one while its inputs are open.
    for computed in index.computedFacts where !facts.contains(computed.id) {
      open[computed.id] = true
    }
    var undetermined = open
    undetermined.formUnion(notKnownFacts)
    for factID in index.questionsByFactID.indices
    where index.questionFactFlags[factID] && facts.value(factID) == .unknown {
      undetermined[factID] = true
    }
    self.undeterminedFlags = undetermined
    self.openFlags = open
    self.table = facts
    self.answered = answered
    self.contradictions = contradictions
  }
}
