/// What the walk waits for. Probe steps and evidence requests add cases here, not a new engine.
public enum InputRequest: Sendable {
  /// An answer to a question.
  case answer(QuestionNode)
  /// The person's consent to run a probe (and then its result).
  case probe(ProbeNode)
}
