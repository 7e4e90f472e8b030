/// A rule that answers a question from observed facts (`infer:` on a question): when the condition
/// holds, the question takes the value, with the observation's provenance, unless a person or an
/// answer file answered it.
public struct Inference: Hashable, Sendable {
  /// When it applies.
  public var condition: Condition
  /// The condition as written.
  public var text: String
  /// The answer it gives.
  public var value: FactValue
  /// When set (`from: FACT`), the answer is that fact's value instead (`station-ip` from
  /// `ipconfig.ipv4`).
  public var from: String?
  /// Where it is written.
  public var location: SourceLocation

  /// A rule as the loader reads it.
  public init(
    condition: Condition, text: String, value: FactValue, from: String? = nil,
    location: SourceLocation
  ) {
    self.condition = condition
    self.text = text
    self.value = value
    self.from = from
    self.location = location
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Inference: Codable {}
