/// Certainty factors that an answer, a branch or a conclusion adds to causes.
public struct Support: Hashable, Sendable {
  /// Cause ID and factor, in the order the knowledge base wrote them.
  public var factors: [(cause: String, factor: Double)] {
    entries.map { ($0.cause, $0.factor) }
  }

  /// One cause's factor, with where it was written.
  public struct Entry: Hashable, Sendable {
    /// The cause's ID.
    public var cause: String
    /// The certainty factor, −1…1.
    public var factor: Double
    /// Where the entry is written.
    public var location: SourceLocation
  }

  /// The entries.
  public var entries: [Entry]

  /// Support with these entries.
  public init(_ entries: [Entry] = []) {
    self.entries = entries
  }

  /// No support either way.
  public static let none = Support()
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Support: Codable {}
extension Support.Entry: Codable {}
