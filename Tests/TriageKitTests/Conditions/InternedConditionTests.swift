import Testing

@testable import TriageKit

/// Conditions and expressions with interned fact names (what the engine evaluates) decide exactly
/// as the conditions and expressions they come from, over the same facts.
@Suite struct InternedConditionTests {
  private static let conditions = [
    "hosts >= 300", "hosts == 53", "hosts != 300", "hosts < unknown", "hosts == unknown",
    "hosts != unknown", "os in [\"xp\", \"2003\"]", "os not in [\"xp\"]", "os == \"xp\"",
    "os > \"a\"", "alone", "known(hosts)", "missing(os)", "not alone", "true", "false",
    "alone and hosts >= 300", "alone or os == \"xp\"", "not (alone or known(os))",
    "ports == \"53\"", "ports != \"80\"", "ports in [\"53\"]", "ports == 53", "os == 53",
  ]

  private static let values: [[String: FactValue]] = [
    [:],
    ["hosts": .number(500), "os": .string("xp"), "alone": .bool(true)],
    ["hosts": .number(10), "os": .string("2008"), "alone": .bool(false)],
    ["hosts": .unknown, "os": .unknown, "alone": .unknown, "ports": .unknown],
    ["hosts": .string("300"), "ports": .list(["53", "1203"]), "os": .number(53)],
    ["ports": .list([]), "alone": .number(1), "unrelated": .string("x")],
  ]

  private static let opens: [Set<String>] = [[], ["hosts", "os", "alone", "ports"], ["os"]]

  private static func facts(_ values: [String: FactValue]) -> [String: Fact] {
    values.mapValues { Fact(name: "x", value: $0, provenance: Provenance(.user)) }
  }

  @Test(arguments: conditions)
  func decidesAsTheWrittenCondition(_ text: String) throws {
    let condition = try ConditionParser.parse(text)
    var symbols = FactSymbols()
    // An interned name the condition does not read, so IDs and names differ.
    _ = symbols.intern("first")
    let interned = InternedCondition(condition, symbols: &symbols)
    #expect(interned.factIDs.map { symbols.names[$0] } == condition.factNames)
    for values in Self.values {
      let facts = Self.facts(values)
      let table = FactTable(facts, symbols: symbols)
      #expect(table.dictionary == facts)
      #expect(interned.evaluate(table) == condition.evaluate(facts), "\(text) \(values)")
      for open in Self.opens {
        var flags = FactFlags(count: symbols.count)
        for name in open {
          if let id = symbols.ids[name] { flags[id] = true }
        }
        // Names the condition does not read have no ID and cannot change its truth.
        let read = open.intersection(symbols.names)
        #expect(flags.names(symbols) == read)
        #expect(
          interned.truth(table, open: flags) == condition.truth(facts, open: read),
          "\(text) \(values) \(open)")
      }
    }
  }

  @Test(arguments: [
    "hosts * 2 + alone", "min(hosts, 3, alone) / (hosts - 10)", "-hosts", "ceil(hosts / 7)",
    "floor(hosts / 7) + round(hosts / 3) + max(1, 2)", "os + 1", "hosts / 0",
  ])
  func computesAsTheWrittenExpression(_ text: String) throws {
    let expression = try ExpressionParser.parse(text)
    var symbols = FactSymbols()
    let interned = InternedExpression(expression, symbols: &symbols)
    for values in Self.values {
      let facts = Self.facts(values)
      #expect(
        interned.evaluate(FactTable(facts, symbols: symbols)) == expression.evaluate(facts),
        "\(text) \(values)")
    }
  }
}
