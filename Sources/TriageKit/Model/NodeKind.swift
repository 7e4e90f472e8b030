/// The kinds of node a knowledge base can hold, as the YAML writes them in `kind:`.
public enum NodeKind: String, Hashable, Sendable, CaseIterable {
  /// Asks the person (or an answer file) for a fact.
  case question
  /// Picks a branch by the first condition that holds.
  case decision
  /// Ends a path with an outcome and the causes it points to.
  case conclusion
  /// Runs a live probe on this machine, with the person's consent.
  case probe
}
