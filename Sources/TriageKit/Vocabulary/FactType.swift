/// The type of a fact's value, as evidence importers and probes declare it.
public enum FactType: String, Hashable, Sendable, CaseIterable {
  /// A number (`.number`).
  case number
  /// Text (`.string`).
  case text
  /// Yes or no (`.bool`).
  case yesNo = "yes-no"

  /// Whether `value` is of this type; `unknown` is of every type.
  public func admits(_ value: FactValue) -> Bool {
    switch (self, value) {
    case (_, .unknown), (.number, .number), (.text, .string), (.text, .list), (.yesNo, .bool):
      return true
    default: return false
    }
  }

  /// The type of `value`; `nil` for `unknown`.
  public init?(of value: FactValue) {
    switch value {
    case .number: self = .number
    case .string: self = .text
    case .bool: self = .yesNo
    case .list: self = .text
    case .unknown: return nil
    }
  }
}
