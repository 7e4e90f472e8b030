/// What new facts changed between two walks of one session: the engine's account of an
/// observation (or any event), which the REPL only shows.
public struct Settlement: Sendable {
  /// Questions that had no value before (none, `unknown`, or a "not checked yet" a person gave)
  /// and have one now, from the facts.
  public var settled: [FactBase.Answered]
  /// Disagreements between evidence and a person's answer that are new.
  public var contradictions: [FactBase.Contradiction]

  /// The difference from `before` to `after`.
  public init(from before: Walk, to after: Walk) {
    let known = Dictionary(
      before.answers.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })
    settled = after.answers.filter { answer in
      guard answer.automatic, answer.value != .unknown else { return false }
      guard let earlier = known[answer.question] else { return true }
      // Evidence replaces a person's answer only when that answer said "not known yet".
      return earlier.value == .unknown || (!earlier.automatic && earlier.value != answer.value)
    }
    let old = Set(before.contradictions)
    contradictions = after.contradictions.filter { !old.contains($0) }
  }

  /// Nothing changed.
  public var isEmpty: Bool { settled.isEmpty && contradictions.isEmpty }
}
