/// A source the knowledge base cites.
public struct Reference: Hashable, Sendable {
  /// The reference's ID.
  public var id: String
  /// Its title as cited.
  public var title: String
  /// Where to read it, when it is online.
  public var url: String?
  /// Where it is written.
  public var location: SourceLocation
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Reference: Codable {}
