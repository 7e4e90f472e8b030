/// Where a fact came from: the report shows it beside every answer.
public struct Provenance: Hashable, Sendable, Codable {
  /// The kinds of source, as the report JSON names them.
  public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
    /// Typed by a person at the prompt.
    case user
    /// Read from an answer file.
    case answerFile = "answer-file"
    /// Read from pasted or attached evidence.
    case evidence
    /// Observed by a probe on this machine.
    case probe
    /// A question's default, taken because an answer file said `missing: default`.
    case `default`
    /// Computed by the knowledge base from other facts (`computed:`); the detail is the formula.
    case computed
  }

  /// The kind of source.
  public var source: Source
  /// A few words on which one: the file, the question whose answer also set this fact.
  public var detail: String?

  /// A provenance.
  public init(_ source: Source, detail: String? = nil) {
    self.source = source
    self.detail = detail
  }

  /// `user`, or `answer-file: answers.yaml`.
  public var display: String {
    detail.map { "\(source.rawValue): \($0)" } ?? source.rawValue
  }
}
