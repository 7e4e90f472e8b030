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

/// A named value with where it came from.
public struct Fact: Hashable, Sendable {
  /// The fact's name (kebab-case, as conditions and templates use it).
  public var name: String
  /// The value.
  public var value: FactValue
  /// Where it came from.
  public var provenance: Provenance
  /// The question whose answer set it, if a question did.
  public var question: String?

  /// A fact.
  public init(name: String, value: FactValue, provenance: Provenance, question: String? = nil) {
    self.name = name
    self.value = value
    self.provenance = provenance
    self.question = question
  }
}
