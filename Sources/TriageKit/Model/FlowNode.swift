/// What a node does when the walk reaches it.
public enum NodeResolution: Sendable {
  /// Go on to another node; `reason` says why, for `.how` and the report.
  case advance(Route, step: PathStep)
  /// The walk stops here and waits for input of this kind.
  case needsInput(InputRequest)
  /// The walk has arrived.
  case conclude(ConclusionNode)
}

/// What the walk waits for. Probe steps and evidence requests add cases here, not a new engine.
public enum InputRequest: Sendable {
  /// An answer to a question.
  case answer(QuestionNode)
  /// The person's consent to run a probe (and then its result).
  case probe(ProbeNode)
}

/// What a node can read while it resolves: the facts known so far and the explicit answers given.
public struct ResolutionContext: Sendable {
  /// Facts established so far on the path, plus evidence and probe facts.
  public var facts: [String: Fact]
  /// Answers given to questions by ID (a person's, or an answer file's).
  public var answers: [String: GivenAnswer]
  /// Questions to ask even though their fact is known (`.change`).
  public var reopened: Set<String>
  /// Probe steps the person declined.
  public var declined: Set<String> = []
  /// Probe steps whose result is recorded.
  public var observed: Set<String> = []
  /// Questions in `answers` that a fact or an `infer:` rule answered rather than their own answer.
  public var automatic: Set<String> = []
  /// The arguments each recorded probe step ran with, where known: a step whose arguments now
  /// resolve differently is offered again.
  public var observedArguments: [String: [String: String]] = [:]
}

/// An answer given to a question.
public struct GivenAnswer: Hashable, Sendable {
  /// The value.
  public var value: FactValue
  /// Who gave it.
  public var provenance: Provenance

  /// An answer.
  public init(_ value: FactValue, _ provenance: Provenance) {
    self.value = value
    self.provenance = provenance
  }
}

/// A node of the decision tree, as the engine and the linter see every kind.
///
/// Each kind resolves itself against the facts; the walk only follows the resolutions. A new kind
/// (a probe step, an evidence request) is a new conforming type and a new `Node` case.
public protocol FlowNode: Sendable {
  /// The node's ID.
  var id: String { get }
  /// Where the node is written.
  var location: SourceLocation { get }
  /// Every node this one can lead to, for the linter and the graph.
  var routes: [Route] { get }
  /// What happens when the walk reaches this node.
  func resolve(in context: ResolutionContext) -> NodeResolution
}

/// One step of the path taken, as `.how` and the report tell it.
public enum PathStep: Hashable, Sendable {
  /// A question and its answer; `automatic` when a known fact answered it.
  case answered(question: String, value: FactValue, provenance: Provenance, automatic: Bool)
  /// A decision and the branch taken: the condition's text, or `nil` for `otherwise`.
  case decided(decision: String, condition: String?)
  /// The conclusion reached.
  case concluded(conclusion: String)
  /// A probe step: whether the probe ran, or was declined or could not run.
  case probed(node: String, probe: String, ran: Bool)
}
