import Testing

@testable import TriageKit

/// One lexer reads numbers the same way in conditions and in computed expressions.
@Suite struct ConditionLexerTests {
  private static func facts(_ values: [String: FactValue]) -> [String: Fact] {
    values.mapValues { Fact(name: "", value: $0, provenance: Provenance(.user)) }
  }

  @Test(arguments: ["-5", ".5", "-.5", "1_000", "0.25"])
  func conditionsAndExpressionsReadTheSameNumbers(_ literal: String) throws {
    let expected = try #require(Double(literal.replacingOccurrences(of: "_", with: "")))
    #expect(try ExpressionParser.parse(literal).evaluate([:]) == expected)
    let condition = try ConditionParser.parse("x == \(literal)")
    #expect(condition.evaluate(Self.facts(["x": .number(expected)])))
    #expect(!condition.evaluate(Self.facts(["x": .number(expected + 1)])))
  }

  @Test func aMinusAfterAnOperandIsTheOperator() throws {
    #expect(try ExpressionParser.parse("a -5") == .binary(.fact("a"), .subtract, .number(5)))
    #expect(try ExpressionParser.parse("(2) -5").evaluate([:]) == -3)
    #expect(try ExpressionParser.parse("2 * -5").evaluate([:]) == -10)
    #expect(try ExpressionParser.parse("max(-1, -.5)").evaluate([:]) == -0.5)
  }

  @Test func symbolsOutsideTheLanguageAreRefusedWhereTheyStand() {
    #expect(throws: ConditionParser.Failure(column: 3, message: "unexpected character '<'")) {
      try ExpressionParser.parse("a < b")
    }
    #expect(throws: ConditionParser.Failure(column: 3, message: "unexpected character '+'")) {
      try ConditionParser.parse("a + 1 > 2")
    }
    #expect(
      throws: ConditionParser.Failure(
        column: 3, message: "'=' is not an operator (did you mean '=='?)")
    ) {
      try ConditionParser.parse("a = 1")
    }
  }
}
