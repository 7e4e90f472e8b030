/// A named value with where it came from.
public struct Fact: Hashable, Sendable {
  /// The fact's name (kebab-case, as conditions and templates use it).
  public var name: String
  /// The value.
  public var value: FactValue
  /// Where it came from.
  public var provenance: Provenance
  /// The question whose answer set it, if a question did.
  public var question: String?

  /// A fact.
  public init(name: String, value: FactValue, provenance: Provenance, question: String? = nil) {
    self.name = name
    self.value = value
    self.provenance = provenance
    self.question = question
  }
}
