/// Why a name did not resolve.
public struct ResolveFailure: Error, Sendable, Equatable {
  /// Lowercase: `name or service not known`, `no answer within 3 s`.
  public var reason: String
}
