/// A fact the knowledge base computes from other facts: the capacity arithmetic (connect requests
/// per minute, concurrent connections ≈ rate × holding time, the Custom limit to request).
///
/// It has a value as soon as every fact its expression reads is a known number (or yes-no), and is
/// recomputed as answers change. The report shows each with its formula and the numbers put in.
public struct ComputedFact: Hashable, Sendable {
  /// The fact's name, kebab-case, in the knowledge base's one ID namespace.
  public var id: String
  /// What it is, for the report: "Connect requests in the busiest minute".
  public var label: String
  /// The arithmetic.
  public var expression: Expression
  /// The expression as written.
  public var formula: String
  /// The unit shown after the value: "per minute", "connections".
  public var unit: String?
  /// A sentence that puts the number in context, with templates: "ISA's default limit is 600".
  public var note: String?
  /// Known limits in the same unit the report's chart sets the value against (`limits:`).
  public var limits: [Limit]
  /// Where it is written.
  public var location: SourceLocation

  /// A computed fact as the loader reads it.
  public init(
    id: String, label: String, expression: Expression, formula: String, unit: String?,
    note: String?, limits: [Limit] = [], location: SourceLocation
  ) {
    self.id = id
    self.label = label
    self.expression = expression
    self.formula = formula
    self.unit = unit
    self.note = note
    self.limits = limits
    self.location = location
  }

  /// Sets every computed fact whose inputs are known, in written order (so one can use another),
  /// and removes those whose inputs are not (an answer was changed).
  public static func apply(_ computed: [ComputedFact], to facts: inout [String: Fact]) {
    // Written order first; a second pass settles one that reads a fact written after it.
    apply(computed, to: &facts, passes: 2)
  }

  /// ``apply(_:to:)`` with `passes` passes: one is enough when every computed fact reads only
  /// computed facts written before it (``KnowledgeBaseIndex/computedInWrittenOrder``).
  static func apply(_ computed: [ComputedFact], to facts: inout [String: Fact], passes: Int) {
    guard !computed.isEmpty else { return }
    for _ in 0..<passes { applyOnce(computed, to: &facts) }
  }

  private static func applyOnce(_ computed: [ComputedFact], to facts: inout [String: Fact]) {
    for fact in computed {
      if let value = fact.expression.evaluate(facts), value.isFinite {
        facts[fact.id] = Fact(
          name: fact.id, value: .number(value),
          provenance: Provenance(.computed, detail: fact.formula))
      } else if facts[fact.id]?.provenance.source == .computed {
        facts[fact.id] = nil
      }
    }
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension ComputedFact: Codable {}
