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
