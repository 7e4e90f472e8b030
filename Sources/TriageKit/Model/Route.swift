/// A way out of a node: the next node, with the support taking it adds.
public struct Route: Hashable, Sendable {
  /// The node it leads to.
  public var next: String
  /// Certainty factors it adds.
  public var support: Support
  /// Where `next` is written.
  public var location: SourceLocation

  /// A route.
  public init(next: String, support: Support = .none, location: SourceLocation) {
    self.next = next
    self.support = support
    self.location = location
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Route: Codable {}
