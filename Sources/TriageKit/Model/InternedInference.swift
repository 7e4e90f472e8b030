/// An `infer:` rule with its fact names interned (``FactSymbols``), as the fact base applies it.
struct InternedInference: Sendable {
  /// When it applies.
  let condition: InternedCondition
  /// The ID of its `from:` fact.
  let from: Int?
  /// The facts the condition reads, in ``Condition/factNames`` order.
  let conditionReads: [Int]

  /// `rule` with its names interned in `symbols`.
  init(_ rule: Inference, symbols: inout FactSymbols) {
    condition = InternedCondition(rule.condition, symbols: &symbols)
    from = rule.from.map { symbols.intern($0) }
    conditionReads = condition.factIDs
  }
}

extension QuestionNode {
  /// ``inferred(from:)`` over interned facts; `rules` are this question's `inferences`, interned
  /// (``KnowledgeBaseIndex/inferenceRules``).
  func inferred(from facts: FactTable, rules: [InternedInference]) -> (
    value: FactValue, provenance: Provenance
  )? {
    func observedSource(_ read: [Int]) -> Provenance? {
      read.lazy.compactMap { facts.slots[$0]?.provenance }
        .first { $0.source == .evidence || $0.source == .probe }
    }
    if type == .multipleChoice {
      // Every rule that holds adds its choice: a log with 53 and 1203 settles both.
      let held = inferences.indices.filter {
        inferences[$0].from == nil && rules[$0].condition.evaluate(facts)
      }
      let values = choices.map(\.value).filter { value in
        held.contains {
          inferences[$0].value == .string(value) || inferences[$0].value == .list([value])
        }
      }
      guard let first = held.first, !values.isEmpty else { return nil }
      return (
        .list(values),
        observedSource(rules[first].conditionReads)
          ?? Provenance(.evidence, detail: "inferred: \(inferences[first].text)")
      )
    }
    for offset in inferences.indices where rules[offset].condition.evaluate(facts) {
      let rule = inferences[offset]
      var value = rule.value
      if let from = rules[offset].from {
        guard let fact = facts.value(from), fact != .unknown else { continue }
        value = fact
      }
      let read = (rules[offset].from.map { [$0] } ?? []) + rules[offset].conditionReads
      return (
        value, observedSource(read) ?? Provenance(.evidence, detail: "inferred: \(rule.text)")
      )
    }
    return nil
  }
}
