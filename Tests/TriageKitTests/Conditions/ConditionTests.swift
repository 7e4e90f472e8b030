import Testing

@testable import TriageKit

@Suite struct ConditionTests {
  private static func facts(_ values: [String: FactValue]) -> [String: Fact] {
    values.reduce(into: [:]) { facts, entry in
      facts[entry.key] = Fact(name: entry.key, value: entry.value, provenance: Provenance(.user))
    }
  }

  private static func holds(_ text: String, _ values: [String: FactValue]) throws -> Bool {
    try ConditionParser.parse(text).evaluate(facts(values))
  }

  @Test(arguments: [
    ("hosts >= 300", 300.0, true),
    ("hosts >= 300", 299, false),
    ("hosts > 300", 300, false),
    ("hosts > 300", 301, true),
    ("hosts <= 300", 300, true),
    ("hosts < 300", 300, false),
    ("hosts == 300", 300, true),
    ("hosts != 300", 300, false),
    ("hosts != 300", 12.5, true),
    ("300 <= hosts", 300, true),
    ("300 <= hosts", 299, false),
    ("300 > hosts", 299, true),
    ("300 > hosts", 300, false),
    ("delta > -1.5", -1, true),
    ("delta > -1.5", -2, false),
  ])
  func numericComparisons(text: String, value: Double, expected: Bool) throws {
    let fact = text.contains("delta") ? "delta" : "hosts"
    #expect(try Self.holds(text, [fact: .number(value)]) == expected)
  }

  @Test(arguments: [
    "hosts >= 300", "hosts < 300", "hosts == 300", "hosts != 300", "300 <= hosts",
    "hosts == \"300\"", "hosts in [300]", "hosts not in [300]", "hosts", "hosts == true",
  ])
  func missingFactMakesEveryComparisonFalse(text: String) throws {
    #expect(try Self.holds(text, [:]) == false)
    #expect(try Self.holds(text, ["other": .number(300)]) == false)
  }

  @Test(arguments: [
    "hosts >= 300", "hosts < 300", "hosts == 300", "hosts != 300", "300 <= hosts",
    "hosts == \"300\"", "hosts != \"x\"", "hosts in [300]", "hosts not in [300]", "hosts",
    "hosts == true", "hosts != false",
  ])
  func unknownFactMakesEveryComparisonFalse(text: String) throws {
    #expect(try Self.holds(text, ["hosts": .unknown]) == false)
  }

  @Test func negatingAComparisonWithAMissingFactIsTrue() throws {
    #expect(try Self.holds("not hosts >= 300", [:]))
    #expect(try Self.holds("not hosts < 300", ["hosts": .unknown]))
  }

  @Test func unknownLiteralMatchesOnlyAnUnknownAnswer() throws {
    #expect(try Self.holds("x == unknown", ["x": .unknown]))
    #expect(try Self.holds("x == unknown", ["x": .number(1)]) == false)
    #expect(try Self.holds("x == unknown", [:]) == false)
    #expect(try Self.holds("x != unknown", ["x": .number(1)]))
    #expect(try Self.holds("x != unknown", ["x": .unknown]) == false)
    #expect(try Self.holds("x != unknown", [:]) == false)
    #expect(try Self.holds("x > unknown", ["x": .unknown]) == false)
  }

  @Test func knownAndMissing() throws {
    #expect(try Self.holds("known(x)", ["x": .number(1)]))
    #expect(try Self.holds("known(x)", ["x": .unknown]), "unknown counts as known")
    #expect(try Self.holds("known(x)", [:]) == false)
    #expect(try Self.holds("missing(x)", [:]))
    #expect(try Self.holds("missing(x)", ["x": .unknown]) == false)
    #expect(try Self.holds("missing(x)", ["x": .bool(false)]) == false)
  }

  @Test func bareYesNoFactIsTrueOnlyForYes() throws {
    #expect(try Self.holds("only-this-machine", ["only-this-machine": .bool(true)]))
    #expect(try Self.holds("only-this-machine", ["only-this-machine": .bool(false)]) == false)
    #expect(try Self.holds("only-this-machine", ["only-this-machine": .string("yes")]) == false)
    #expect(try Self.holds("only-this-machine", ["only-this-machine": .number(1)]) == false)
    #expect(try Self.holds("not only-this-machine", ["only-this-machine": .bool(false)]))
  }

  @Test func booleanComparisons() throws {
    let yes: [String: FactValue] = ["flag": .bool(true)]
    #expect(try Self.holds("flag == true", yes))
    #expect(try Self.holds("flag == yes", yes))
    #expect(try Self.holds("flag != no", yes))
    #expect(try Self.holds("flag == false", yes) == false)
    #expect(try Self.holds("flag > false", yes) == false)
    #expect(try Self.holds("flag == no", ["flag": .bool(false)]))
  }

  /// Choice values are strings; a numeral compares with a number literal by value.
  @Test(arguments: [
    ("error-code == 53", "53", true),
    ("error-code == 53", "053", true),
    ("error-code == 53", "1203", false),
    ("error-code != 53", "53", false),
    ("error-code != 53", "1203", true),
    ("error-code > 100", "1203", true),
    ("error-code < 100", "1203", false),
    ("53 == error-code", "53", true),
    ("error-code == \"53\"", "53", true),
    ("error-code == \"053\"", "53", false),
    ("error-code in [53, 1203]", "1203", true),
    ("error-code in [\"53\", \"1203\"]", "53", true),
    ("error-code in [\"53\", \"1203\"]", "64", false),
    ("error-code not in [\"53\", \"1203\"]", "64", true),
    ("error-code not in [\"53\", \"1203\"]", "53", false),
    ("error-code not in [53, 1203]", "53", false),
    ("error-code in []", "53", false),
    ("error-code not in []", "53", true),
    ("error-code == 53", "timeout", false),
    ("error-code != 53", "timeout", true),
    ("error-code < 53", "timeout", false),
  ])
  func choiceValuesComparedWithNumbersAndStrings(text: String, value: String, expected: Bool)
    throws
  {
    #expect(try Self.holds(text, ["error-code": .string(value)]) == expected)
  }

  @Test func stringsCompareByText() throws {
    #expect(try Self.holds("name == \"MGMT-01\"", ["name": .string("MGMT-01")]))
    #expect(try Self.holds("name == \"mgmt-01\"", ["name": .string("MGMT-01")]) == false)
    #expect(try Self.holds("name < \"b\"", ["name": .string("a")]))
    #expect(try Self.holds("name >= \"b\"", ["name": .string("a")]) == false)
  }

  /// A known value of another type is simply different.
  @Test func valuesOfAnotherTypeAreDifferent() throws {
    #expect(try Self.holds("hosts == \"300\"", ["hosts": .number(300)]) == false)
    #expect(try Self.holds("hosts != \"300\"", ["hosts": .number(300)]))
    #expect(try Self.holds("hosts < \"300\"", ["hosts": .number(3)]) == false)
    #expect(try Self.holds("flag == 1", ["flag": .bool(true)]) == false)
    #expect(try Self.holds("flag != 1", ["flag": .bool(true)]))
    #expect(try Self.holds("name == true", ["name": .string("true")]) == false)
  }

  @Test func andBindsTighterThanOr() throws {
    let values: [String: FactValue] = ["a": .bool(true), "b": .bool(false), "c": .bool(false)]
    // a or (b and c) holds; (a or b) and c would not.
    #expect(try Self.holds("a or b and c", values))
    #expect(try Self.holds("(a or b) and c", values) == false)
    // (c and b) or a holds; c and (b or a) would not.
    #expect(try Self.holds("c and b or a", values))
    #expect(try Self.holds("c and (b or a)", values) == false)
  }

  @Test func notBindsTighterThanAnd() throws {
    let values: [String: FactValue] = ["a": .bool(false), "b": .bool(false)]
    // (not a) and b is false; not (a and b) would be true.
    #expect(try Self.holds("not a and b", values) == false)
    #expect(try Self.holds("not (a and b)", values))
    #expect(try Self.holds("not not a", values) == false)
  }

  @Test func constants() throws {
    #expect(try Self.holds("true", [:]))
    #expect(try Self.holds("false", [:]) == false)
    #expect(try Self.holds("false or true", [:]))
  }

  @Test func factNamesInOrderOfAppearance() throws {
    let condition = try ConditionParser.parse(
      "hosts >= 300 and (only-this-machine or not known(error-code)) and x in [1] or 5 < hosts")
    #expect(condition.factNames == ["hosts", "only-this-machine", "error-code", "x", "hosts"])
    #expect(try ConditionParser.parse("true or false").factNames == [])
    #expect(try ConditionParser.parse("missing(a) and b == unknown").factNames == ["a", "b"])
  }
}
