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
