import TriageKit

/// Why evidence could not be read; the command line exits 65 with it.
public struct EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The broad reason, for callers that react differently.
  public enum Reason: String, Sendable, Equatable {
    /// A line that is not what the format needs at that place.
    case garbled
    /// The input stops before the format is complete.
    case truncated
    /// No importer recognises the input.
    case unrecognised
    /// Output of a Windows in another language than English.
    case unsupportedLanguage = "unsupported-language"
    /// Larger than ``EvidenceText/maximumSize``.
    case tooLarge = "too-large"
    /// Nothing but white space.
    case empty
  }

  /// The input's name (path, `stdin`, `pasted`).
  public var source: String
  /// The line, from 1, when one line is at fault.
  public var line: Int?
  /// The column, from 1, when known.
  public var column: Int?
  /// Lowercase, what was found and what was expected.
  public var message: String
  /// The broad reason.
  public var reason: Reason

  public init(
    source: String, line: Int?, column: Int? = nil, message: String, reason: Reason = .garbled
  ) {
    self.source = source
    self.line = line
    self.column = column
    self.message = message
    self.reason = reason
  }

  /// `source:line:column: error: message`.
  public var description: String { triageError.description }

  /// The error as the command line reports it (``TriageError/invalidEvidence(source:line:column:message:)``).
  public var triageError: TriageError {
    .invalidEvidence(source: source, line: line, column: column, message: message)
  }
}
