extension KnowledgeBase {
  /// Whether `fact` comes from outside the knowledge base (evidence or a probe): no question sets
  /// it and it is not a computed fact.
  public func isExternalFact(_ fact: String) -> Bool {
    !questions.values.contains { $0.fact == fact } && !computed.contains { $0.id == fact }
  }
}
