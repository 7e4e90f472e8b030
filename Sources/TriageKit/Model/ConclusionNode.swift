/// The end of a path: an outcome, a text, and the causes it points to.
public struct ConclusionNode: FlowNode, Hashable {
  /// How a session that ends here is classified (and its exit code).
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// A cause was found; exit 0.
    case diagnosed
    /// The path ends without a cause; exit 1.
    case inconclusive
  }

  /// A cause this conclusion points to, with the certainty reaching it adds.
  public struct CauseLink: Hashable, Sendable {
    /// The cause's ID.
    public var cause: String
    /// The certainty factor reaching this conclusion adds to it.
    public var certainty: Double
    /// Where it is written.
    public var location: SourceLocation
  }

  /// The node's ID.
  public var id: String
  /// Where it is written.
  public var location: SourceLocation
  /// Diagnosed or inconclusive.
  public var outcome: Outcome
  /// The headline.
  public var title: String
  /// The explanation, Markdown with templates.
  public var text: String
  /// The causes, in the order written.
  public var causes: [CauseLink]

  /// None: the walk ends here.
  public var routes: [Route] { [] }

  /// Ends the walk with this conclusion.
  public func resolve(in context: ResolutionContext) -> NodeResolution {
    .conclude(self)
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension ConclusionNode: Codable {}
extension ConclusionNode.CauseLink: Codable {}
