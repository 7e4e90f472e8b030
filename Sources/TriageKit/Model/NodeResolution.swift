/// What a node does when the walk reaches it.
public enum NodeResolution: Sendable {
  /// Go on to another node; `reason` says why, for `.how` and the report.
  case advance(Route, step: PathStep)
  /// The walk stops here and waits for input of this kind.
  case needsInput(InputRequest)
  /// The walk has arrived.
  case conclude(ConclusionNode)
}
