/// How far a fan-out has got, for a progress bar.
public struct FanoutProgress: Sendable, Equatable {
  /// Targets in the file.
  public var total: Int
  /// Attempts started.
  public var attempted: Int
  /// Attempts that connected.
  public var connected: Int
  /// Attempts that failed (any way).
  public var failed: Int
  /// Connections open (held) now.
  public var open: Int
  /// Whether the fan-out is over.
  public var finished: Bool
}
