/// A condition as the knowledge base writes it: parsed, with its text for messages and reports.
public struct WrittenCondition: Hashable, Sendable {
  /// The parsed condition.
  public var condition: Condition
  /// The text as written.
  public var text: String

  /// A condition and its text.
  public init(condition: Condition, text: String) {
    self.condition = condition
    self.text = text
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension WrittenCondition: Codable {}
