/// One argument a probe takes from a knowledge-base probe step (`arguments:`), with its type.
public struct ProbeArgument: Hashable, Sendable {
  /// What an argument's value must be.
  public enum ValueType: String, Hashable, Sendable {
    /// Any non-empty text (a host name, a source address).
    case text
    /// A number (`3`, `0.5`).
    case number
    /// `host:port`, `[v6]:port`.
    case hostPort = "host:port"
    /// The path of a file.
    case file
  }

  /// The argument's name in `arguments:`.
  public var name: String
  /// Its type.
  public var type: ValueType
  /// Whether the probe cannot run without it.
  public var required: Bool
  /// One line: what it is for.
  public var meaning: String

  /// An argument called `name` of `type`, with what it is for.
  public init(_ name: String, _ type: ValueType, required: Bool = false, _ meaning: String) {
    self.name = name
    self.type = type
    self.required = required
    self.meaning = meaning
  }

  /// Why `value` is not of this argument's type, or `nil` when it is. A value that is one
  /// `{{fact}}` template is checked when the session fills it in, not here.
  public func problem(with value: String) -> String? {
    switch type {
    case .text, .file:
      return value.isEmpty ? "is empty" : nil
    case .number:
      return Double(value) == nil || Double(value)?.isFinite != true
        ? "must be a number, found '\(value)'" : nil
    case .hostPort:
      guard let colon = value.lastIndex(of: ":"), colon != value.startIndex,
        let port = Int(value[value.index(after: colon)...]), (1...65535).contains(port)
      else {
        return "must be 'host:port' with a port from 1 to 65535, found '\(value)'"
      }
      return nil
    }
  }
}
