/// What new facts changed between two walks of one session: the engine's account of an
/// observation (or any event), which the REPL only shows.
public struct Settlement: Sendable {
  /// Questions that had no value (or `unknown`) before and have one now, from the facts.
  public var settled: [FactBase.Answered]
  /// Disagreements between evidence and a person's answer that are new.
  public var contradictions: [FactBase.Contradiction]

  /// The difference from `before` to `after`.
  public init(from before: Walk, to after: Walk) {
    let known = Dictionary(
      before.answers.map { ($0.question, $0.value) }, uniquingKeysWith: { first, _ in first })
    settled = after.answers.filter { answer in
      answer.automatic && answer.value != .unknown
        && (known[answer.question] == nil || known[answer.question] == .unknown)
    }
    let old = Set(before.contradictions)
    contradictions = after.contradictions.filter { !old.contains($0) }
  }

  /// Nothing changed.
  public var isEmpty: Bool { settled.isEmpty && contradictions.isEmpty }
}
