/// A computed fact with its names interned (``FactSymbols``), as the engine settles it at every
/// step.
struct InternedComputedFact: Sendable {
  /// Its own fact's ID.
  let id: Int
  /// Its own fact's name.
  let name: String
  /// The arithmetic.
  let expression: InternedExpression
  /// The expression as written, the provenance's detail.
  let formula: String

  /// `computed` with its names interned in `symbols`.
  init(_ computed: ComputedFact, symbols: inout FactSymbols) {
    id = symbols.intern(computed.id)
    name = computed.id
    expression = InternedExpression(computed.expression, symbols: &symbols)
    formula = computed.formula
  }

  /// ``ComputedFact/apply(_:to:passes:)`` over interned facts.
  static func apply(_ computed: [InternedComputedFact], to facts: inout FactTable, passes: Int) {
    guard !computed.isEmpty else { return }
    for _ in 0..<passes {
      for fact in computed {
        if let value = fact.expression.evaluate(facts), value.isFinite {
          facts[fact.id] = Fact(
            name: fact.name, value: .number(value),
            provenance: Provenance(.computed, detail: fact.formula))
        } else if facts.slots[fact.id]?.provenance.source == .computed {
          facts[fact.id] = nil
        }
      }
    }
  }
}
