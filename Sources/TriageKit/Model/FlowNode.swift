/// A node of the decision tree, as the engine and the linter see every kind.
///
/// Each kind resolves itself against the facts; the walk only follows the resolutions. A new kind
/// (a probe step, an evidence request) is a new conforming type and a new `Node` case.
public protocol FlowNode: Sendable {
  /// The node's ID.
  var id: String { get }
  /// Where the node is written.
  var location: SourceLocation { get }
  /// Every node this one can lead to, for the linter and the graph.
  var routes: [Route] { get }
  /// What happens when the walk reaches this node.
  func resolve(in context: ResolutionContext) -> NodeResolution
}
