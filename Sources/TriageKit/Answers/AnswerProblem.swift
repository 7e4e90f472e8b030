/// Why a value is not a valid answer to a question: a message naming what was expected.
public struct AnswerProblem: Error, Equatable, Sendable {
  /// Lowercase: what is wrong with the answer.
  public var message: String

  /// A problem with `message`.
  public init(_ message: String) {
    self.message = message
  }
}
