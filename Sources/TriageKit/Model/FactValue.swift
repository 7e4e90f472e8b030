import Foundation

/// The value of a fact: what an answer, a piece of evidence or a probe established.
public enum FactValue: Hashable, Sendable {
  /// A yes-no answer.
  case bool(Bool)
  /// A number.
  case number(Double)
  /// A choice's value or free text.
  case string(String)
  /// The person (or file) said they do not know; a valid answer to every question.
  case unknown
  /// Several choices' values at once (a `multiple-choice` question), in the question's order.
  case list([String])

  /// The value as a person reads it: `yes`, `500`, `12.5`, `unknown`.
  public var display: String {
    switch self {
    case .bool(let value): return value ? "yes" : "no"
    case .number(let value): return FactValue.format(value)
    case .string(let value): return value
    case .unknown: return "unknown"
    case .list(let values): return values.joined(separator: ", ")
    }
  }

  /// A whole number for people, thousands separated by commas: `1214` → `1,214`. Every figure in
  /// reports, evidence and probe output uses it.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = value < 0 ? "-" : ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }

  /// Numbers print without a trailing `.0` when whole, so `500` stays `500`.
  public static func format(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < 1e15 {
      return String(Int64(value))
    }
    return String(value)
  }
}

extension FactValue: Codable {
  // JSON form: true/false, a number, a string; `unknown` is the string "unknown", which no real
  // answer can be because `unknown` is reserved in every question.
  /// Decodes a JSON boolean, number, string or `null` (unknown).
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let values = try? container.decode([String].self) {
      self = .list(values)
    } else {
      let text = try container.decode(String.self)
      self = text == "unknown" ? .unknown : .string(text)
    }
  }

  /// Encodes as a JSON boolean, number, string or `null` (unknown).
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .bool(let value): try container.encode(value)
    case .number(let value):
      if value.rounded() == value, abs(value) < 1e15 {
        try container.encode(Int64(value))
      } else {
        try container.encode(value)
      }
    case .string(let value): try container.encode(value)
    case .unknown: try container.encode("unknown")
    case .list(let values): try container.encode(values)
    }
  }
}
