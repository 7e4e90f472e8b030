import TriageKit

/// An input an importer must accept, with the facts it gives; tests replay every example.
public struct ImporterExample: Sendable {
  /// What the example shows.
  public var name: String
  /// The input text.
  public var input: String
  /// Facts that must be in the result with these values (others may be there too).
  public var facts: [String: FactValue]

  public init(_ name: String, input: String, facts: [String: FactValue]) {
    self.name = name
    self.input = input
    self.facts = facts
  }
}
