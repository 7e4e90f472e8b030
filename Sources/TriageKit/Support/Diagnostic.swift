/// A problem found in a file, with where it is.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// How bad it is.
  public enum Severity: String, Sendable, Hashable {
    /// Makes the input unusable; exit 65.
    case error
    /// Worth fixing, does not stop anything.
    case warning
  }

  /// Where; `nil` when the problem is about the whole input.
  public var location: SourceLocation?
  /// Error or warning.
  public var severity: Severity
  /// Lowercase, no trailing period, values in single quotes.
  public var message: String

  /// A diagnostic.
  public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `file:line:column: error: message`.
  public var description: String {
    let prefix = location.map { "\($0): " } ?? ""
    return "\(prefix)\(severity.rawValue): \(message)"
  }
}
