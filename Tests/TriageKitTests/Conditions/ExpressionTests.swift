import Testing

@testable import TriageKit

@Suite struct ExpressionTests {
  private static func facts(_ values: [String: FactValue]) -> [String: Fact] {
    values.mapValues { Fact(name: "", value: $0, provenance: Provenance(.user)) }
  }

  @Test func precedenceAndKebabNames() throws {
    let expression = try ExpressionParser.parse(
      "hosts-per-sweep * (1 + netbios) / max(sweep-minutes, 1)")
    #expect(expression.factNames == ["hosts-per-sweep", "netbios", "sweep-minutes"])
    let value = expression.evaluate(
      Self.facts([
        "hosts-per-sweep": .number(500), "netbios": .bool(true), "sweep-minutes": .number(0.5),
      ]))
    #expect(value == 1000)
  }

  @Test func binaryMinusNeedsSpacesBecauseNamesHoldDashes() throws {
    #expect(try ExpressionParser.parse("a-b") == .fact("a-b"))
    #expect(try ExpressionParser.parse("a - b") == .binary(.fact("a"), .subtract, .fact("b")))
    #expect(try ExpressionParser.parse("-a") == .negate(.fact("a")))
    #expect(try ExpressionParser.parse("10 - 2 - 3").evaluate([:]) == 5)
  }

  @Test func functions() throws {
    #expect(
      try ExpressionParser.parse("ceil(1.2) + floor(1.8) + round(2.5) + min(4, 2, 3)").evaluate([:])
        == 8)
  }

  @Test func missingUnknownTextOrDivisionByZeroGiveNoValue() throws {
    let expression = try ExpressionParser.parse("a / b")
    #expect(expression.evaluate(Self.facts(["a": .number(1)])) == nil)
    #expect(expression.evaluate(Self.facts(["a": .number(1), "b": .unknown])) == nil)
    #expect(expression.evaluate(Self.facts(["a": .string("x"), "b": .number(1)])) == nil)
    #expect(expression.evaluate(Self.facts(["a": .number(1), "b": .number(0)])) == nil)
  }

  @Test func errorsNameTheColumn() {
    #expect(
      throws: ConditionParser.Failure(
        column: 5, message: "expected a number, a fact or '(', found end of expression")
    ) {
      try ExpressionParser.parse("a + ")
    }
    #expect(
      throws: ConditionParser.Failure(
        column: 1, message: "unknown function 'sqrt' (known: min, max, ceil, floor, round)")
    ) {
      try ExpressionParser.parse("sqrt(4)")
    }
    #expect(throws: ConditionParser.Failure(column: 3, message: "unexpected character '%'")) {
      try ExpressionParser.parse("a % b")
    }
    #expect(throws: ConditionParser.Failure(column: 1, message: "'ceil' takes 1 argument, found 2"))
    {
      try ExpressionParser.parse("ceil(1, 2)")
    }
  }

  @Test func describesWithNamesAndWithNumbers() throws {
    let expression = try ExpressionParser.parse("a * (b + c) / (d - e)")
    #expect(expression.describe() == "a × (b + c) ÷ (d − e)")
    #expect(expression.describe { "[\($0)]" } == "[a] × ([b] + [c]) ÷ ([d] − [e])")
    #expect(try ExpressionParser.parse("a - (b - c)").describe() == "a − (b − c)")
    #expect(try ExpressionParser.parse("(a - b) - c").describe() == "a − b − c")
  }
}
