/// A cause of the fault, referenced by conclusions and by support.
public struct Cause: Hashable, Sendable {
  /// Stable ID, named by reports.
  public var id: String
  /// The headline.
  public var title: String
  /// The mechanism in plain words, Markdown.
  public var summary: String
  /// Remediation step IDs, in order.
  public var plan: [String]
  /// Reference IDs.
  public var references: [String]
  /// Where it is written.
  public var location: SourceLocation
  /// What must hold for the cause to be established (`requires:`): while it is undecided or
  /// false the cause may lead the differential but is not diagnosed — an ISA limit needs an ISA
  /// on the path.
  public var requires: WrittenCondition? = nil
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Cause: Codable {}
