import Foundation

/// One entry of a session's journal. The session is the fold of its events.
public struct SessionEvent: Hashable, Sendable {
  /// What happened.
  public enum Kind: Hashable, Sendable {
    /// A question was put to the person.
    case asked(question: String)
    /// A question was answered.
    case answered(question: String, value: FactValue, provenance: Provenance)
    /// A question was answered by a fact already known; recorded for the audit trail.
    case autoAnswered(question: String, value: FactValue, provenance: Provenance)
    /// A note for the report.
    case noted(text: String)
    /// An earlier `answered` event, by sequence number, no longer counts (`.back`, `.change`).
    case undone(sequence: Int)
    /// A question to ask again even though its fact is known (`.change`).
    case reopened(question: String)
    /// Every answer so far no longer counts (`.restart`); notes stay.
    case restarted
    /// The walk reached a conclusion.
    case concluded(conclusion: String, outcome: ConclusionNode.Outcome)
    /// Evidence was read or a probe ran: its facts join the session's.
    case observed(Observation)
    /// The person declined a probe step (or an answer file said `probes: skip`).
    case declined(node: String)
  }

  /// Position in the journal, from 1.
  public var sequence: Int
  /// When it happened (from the injected clock).
  public var time: Date
  /// What happened.
  public var kind: Kind

  /// The event `kind` at journal position `sequence`, stamped `time`.
  public init(sequence: Int, time: Date, kind: Kind) {
    self.sequence = sequence
    self.time = time
    self.kind = kind
  }

  /// Whether the event changes what the session knows (the others are its record).
  public var isInput: Bool {
    switch kind {
    case .answered, .noted, .undone, .reopened, .restarted, .observed, .declined: return true
    case .asked, .autoAnswered, .concluded: return false
    }
  }
}

extension SessionEvent: Codable {
  private enum CodingKeys: String, CodingKey {
    case sequence = "seq"
    case time = "at"
    case type, question, value, source, detail, text, target, conclusion, outcome, observation, node
  }

  /// Reads an event from its journal form: `seq`, `at`, `type` and the fields of its kind.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    sequence = try container.decode(Int.self, forKey: .sequence)
    let stamp = try container.decode(String.self, forKey: .time)
    guard let time = Date(iso8601: stamp) else {
      throw DecodingError.dataCorruptedError(
        forKey: .time, in: container, debugDescription: "not an ISO 8601 time")
    }
    self.time = time
    let type = try container.decode(String.self, forKey: .type)
    func provenance() throws -> Provenance {
      Provenance(
        try container.decode(Provenance.Source.self, forKey: .source),
        detail: try container.decodeIfPresent(String.self, forKey: .detail))
    }
    switch type {
    case "asked":
      kind = .asked(question: try container.decode(String.self, forKey: .question))
    case "answered", "auto-answered":
      let question = try container.decode(String.self, forKey: .question)
      let value = try container.decode(FactValue.self, forKey: .value)
      kind =
        type == "answered"
        ? .answered(question: question, value: value, provenance: try provenance())
        : .autoAnswered(question: question, value: value, provenance: try provenance())
    case "noted":
      kind = .noted(text: try container.decode(String.self, forKey: .text))
    case "undone":
      kind = .undone(sequence: try container.decode(Int.self, forKey: .target))
    case "reopened":
      kind = .reopened(question: try container.decode(String.self, forKey: .question))
    case "restarted":
      kind = .restarted
    case "observed":
      kind = .observed(try container.decode(Observation.self, forKey: .observation))
    case "declined":
      kind = .declined(node: try container.decode(String.self, forKey: .node))
    case "concluded":
      kind = .concluded(
        conclusion: try container.decode(String.self, forKey: .conclusion),
        outcome: try container.decode(ConclusionNode.Outcome.self, forKey: .outcome))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown event type '\(type)'")
    }
  }

  /// Writes the event in its journal form, `at` as ISO 8601, only the fields its kind has.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(sequence, forKey: .sequence)
    try container.encode(time.iso8601, forKey: .time)
    switch kind {
    case .asked(let question):
      try container.encode("asked", forKey: .type)
      try container.encode(question, forKey: .question)
    case .answered(let question, let value, let provenance),
      .autoAnswered(let question, let value, let provenance):
      if case .answered = kind {
        try container.encode("answered", forKey: .type)
      } else {
        try container.encode("auto-answered", forKey: .type)
      }
      try container.encode(question, forKey: .question)
      try container.encode(value, forKey: .value)
      try container.encode(provenance.source, forKey: .source)
      try container.encodeIfPresent(provenance.detail, forKey: .detail)
    case .noted(let text):
      try container.encode("noted", forKey: .type)
      try container.encode(text, forKey: .text)
    case .undone(let target):
      try container.encode("undone", forKey: .type)
      try container.encode(target, forKey: .target)
    case .reopened(let question):
      try container.encode("reopened", forKey: .type)
      try container.encode(question, forKey: .question)
    case .restarted:
      try container.encode("restarted", forKey: .type)
    case .observed(let observation):
      try container.encode("observed", forKey: .type)
      try container.encode(observation, forKey: .observation)
    case .declined(let node):
      try container.encode("declined", forKey: .type)
      try container.encode(node, forKey: .node)
    case .concluded(let conclusion, let outcome):
      try container.encode("concluded", forKey: .type)
      try container.encode(conclusion, forKey: .conclusion)
      try container.encode(outcome, forKey: .outcome)
    }
  }
}

extension ConclusionNode.Outcome: Codable {}
