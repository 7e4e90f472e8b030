import Testing

@testable import TriageKit

/// The nesting and term limits of `when:` and `computed:` (docs/limits.md), at the limit and one
/// past it, and the hostile inputs that used to overflow the stack.
@Suite struct ConditionLimitTests {
  private static let depth = InputLimits.conditionDepth
  private static let terms = InputLimits.conditionTerms

  private static func parentheses(_ levels: Int) -> String {
    String(repeating: "(", count: levels) + "a" + String(repeating: ")", count: levels)
  }

  private static func chain(_ count: Int, _ keyword: String) -> String {
    (0..<count).map { "f\($0) > 1" }.joined(separator: " \(keyword) ")
  }

  private static func failure(_ text: String) -> ConditionParser.Failure? {
    do {
      _ = try ConditionParser.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func parenthesesUpToTheLimitParse() throws {
    let condition = try ConditionParser.parse(Self.parentheses(Self.depth))
    #expect(condition == .isTrue(fact: "a"))
  }

  @Test func oneParenthesisPastTheLimitFailsAtIt() throws {
    let failure = try #require(Self.failure(Self.parentheses(Self.depth + 1)))
    #expect(failure.column == Self.depth + 1)
    #expect(failure.message == "condition nests deeper than 32 levels of '(' and 'not'")
  }

  @Test func notsUpToTheLimitParse() throws {
    let text = String(repeating: "not ", count: Self.depth) + "a"
    let condition = try ConditionParser.parse(text)
    var expected = Condition.isTrue(fact: "a")
    for _ in 0..<Self.depth { expected = .not(expected) }
    #expect(condition == expected)
    #expect(condition.evaluate([:]) == false, "an even number of nots over a missing fact")
  }

  @Test func oneNotPastTheLimitFails() throws {
    let text = String(repeating: "not ", count: Self.depth + 1) + "a"
    let failure = try #require(Self.failure(text))
    #expect(failure.column == Self.depth * 4 + 1)
    #expect(failure.message.hasPrefix("condition nests deeper than"))
  }

  @Test(arguments: ["and", "or"])
  func chainsUpToTheTermLimitParseAndEvaluate(keyword: String) throws {
    let condition = try ConditionParser.parse(Self.chain(Self.terms, keyword))
    #expect(condition.factNames.count == Self.terms)
    #expect(condition.evaluate([:]) == false)
  }

  @Test(arguments: ["and", "or"])
  func oneTermPastTheLimitFailsAtThatTerm(keyword: String) throws {
    let text = Self.chain(Self.terms + 1, keyword)
    let failure = try #require(Self.failure(text))
    let lastTerm = try #require(text.range(of: "f\(Self.terms) > 1"))
    #expect(failure.column == text.distance(from: text.startIndex, to: lastTerm.lowerBound) + 1)
    #expect(failure.message == "condition has more than 256 terms (split the decision)")
  }

  /// The knowledge bases that crashed `kb lint` and `run` (issue 17): each is now a parse error.
  @Test(arguments: [
    parentheses(30_000),
    chain(45_000, "and"),
    chain(30_000, "or"),
    String(repeating: "not ", count: 100_000) + "a",
  ])
  func hostileConditionsFailInsteadOfOverflowing(text: String) {
    #expect(Self.failure(text) != nil)
  }

  // MARK: - computed: expressions

  private static func expressionFailure(_ text: String) -> ConditionParser.Failure? {
    do {
      _ = try ExpressionParser.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func expressionNestingUpToTheLimitEvaluates() throws {
    let expression = try ExpressionParser.parse(Self.parentheses(Self.depth))
    #expect(
      expression.evaluate(["a": Fact(name: "a", value: .number(3), provenance: Provenance(.user))])
        == 3)
    let minus = try ExpressionParser.parse(String(repeating: "-", count: Self.depth) + "2")
    #expect(minus.evaluate([:]) == 2)
  }

  @Test(arguments: [
    parentheses(depth + 1),
    String(repeating: "-", count: depth + 1) + "2",
    String(repeating: "ceil(", count: depth + 1) + "2" + String(repeating: ")", count: depth + 1),
    parentheses(30_000),
    String(repeating: "-", count: 100_000) + "2",
  ])
  func expressionNestingPastTheLimitFails(text: String) throws {
    let failure = try #require(Self.expressionFailure(text))
    #expect(failure.message.hasPrefix("expression nests deeper than 32 levels"))
  }

  @Test func expressionTermsUpToTheLimitAndOnePast() throws {
    let atLimit = Array(repeating: "1", count: Self.terms).joined(separator: " + ")
    #expect(try ExpressionParser.parse(atLimit).evaluate([:]) == Double(Self.terms))
    let past = Array(repeating: "1", count: Self.terms + 1).joined(separator: " + ")
    let failure = try #require(Self.expressionFailure(past))
    #expect(failure.column == Self.terms * 4 + 1)
    #expect(failure.message == "expression has more than 256 terms (split it)")
  }
}
