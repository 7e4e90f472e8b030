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
