/// Why a probe could not be built from a probe step's arguments (a missing or mistyped argument, a
/// targets file that cannot be read); the step's observation is then `not-run` with the message.
public struct ProbeSetupError: Error, Equatable, Sendable {
  /// Lowercase, what is wrong.
  public var message: String

  public init(message: String) {
    self.message = message
  }
}
