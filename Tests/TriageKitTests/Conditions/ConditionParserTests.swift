import Testing

@testable import TriageKit

@Suite struct ConditionParserTests {
  @Test(arguments: [
    ("hosts >= 300", Condition.compare(fact: "hosts", .greaterOrEqual, .number(300))),
    ("hosts > 300", .compare(fact: "hosts", .greater, .number(300))),
    ("hosts <= 300", .compare(fact: "hosts", .lessOrEqual, .number(300))),
    ("hosts < 300", .compare(fact: "hosts", .less, .number(300))),
    ("hosts == 300", .compare(fact: "hosts", .equal, .number(300))),
    ("hosts != 300", .compare(fact: "hosts", .notEqual, .number(300))),
    ("hosts>=300", .compare(fact: "hosts", .greaterOrEqual, .number(300))),
    ("hosts >= 1_000", .compare(fact: "hosts", .greaterOrEqual, .number(1000))),
    ("delta == -1.5", .compare(fact: "delta", .equal, .number(-1.5))),
    ("delta > -2", .compare(fact: "delta", .greater, .number(-2))),
    ("\thosts\n>=\r\n300 ", .compare(fact: "hosts", .greaterOrEqual, .number(300))),
  ])
  func comparisonWithTheFactOnTheLeft(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    ("300 <= hosts", Condition.compare(fact: "hosts", .greaterOrEqual, .number(300))),
    ("300 < hosts", .compare(fact: "hosts", .greater, .number(300))),
    ("300 >= hosts", .compare(fact: "hosts", .lessOrEqual, .number(300))),
    ("300 > hosts", .compare(fact: "hosts", .less, .number(300))),
    ("300 == hosts", .compare(fact: "hosts", .equal, .number(300))),
    ("300 != hosts", .compare(fact: "hosts", .notEqual, .number(300))),
    ("\"53\" == error-code", .compare(fact: "error-code", .equal, .string("53"))),
  ])
  func comparisonWithTheValueOnTheLeftIsFlipped(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    ("error-code == \"53\"", Condition.compare(fact: "error-code", .equal, .string("53"))),
    ("error-code == '53'", .compare(fact: "error-code", .equal, .string("53"))),
    ("name == \"say \\\"hi\\\"\"", .compare(fact: "name", .equal, .string("say \"hi\""))),
    ("name == 'it\\'s'", .compare(fact: "name", .equal, .string("it's"))),
    ("name == \"a b = c\"", .compare(fact: "name", .equal, .string("a b = c"))),
    ("name == \"\"", .compare(fact: "name", .equal, .string(""))),
    ("flag == true", .compare(fact: "flag", .equal, .bool(true))),
    ("flag == false", .compare(fact: "flag", .equal, .bool(false))),
    ("flag == yes", .compare(fact: "flag", .equal, .bool(true))),
    ("flag != no", .compare(fact: "flag", .notEqual, .bool(false))),
    ("x == unknown", .compare(fact: "x", .equal, .unknown)),
    ("x != unknown", .compare(fact: "x", .notEqual, .unknown)),
  ])
  func literals(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    (
      "error-code in [\"53\", \"1203\"]",
      Condition.member(fact: "error-code", [.string("53"), .string("1203")], negated: false)
    ),
    (
      "error-code in [53,1203]",
      .member(fact: "error-code", [.number(53), .number(1203)], negated: false)
    ),
    ("error-code not in ['53']", .member(fact: "error-code", [.string("53")], negated: true)),
    ("x in []", .member(fact: "x", [], negated: false)),
    ("x in [true, unknown]", .member(fact: "x", [.bool(true), .unknown], negated: false)),
  ])
  func membership(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    ("only-this-machine", Condition.isTrue(fact: "only-this-machine")),
    ("known(error-code)", .known(fact: "error-code")),
    ("missing( error-code )", .missing(fact: "error-code")),
    ("true", .constant(true)),
    ("false", .constant(false)),
    ("(a)", .isTrue(fact: "a")),
    ("((a))", .isTrue(fact: "a")),
  ])
  func atoms(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    (
      "a and b or c", Condition.or(.and(.isTrue(fact: "a"), .isTrue(fact: "b")), .isTrue(fact: "c"))
    ),
    ("a or b and c", .or(.isTrue(fact: "a"), .and(.isTrue(fact: "b"), .isTrue(fact: "c")))),
    ("(a or b) and c", .and(.or(.isTrue(fact: "a"), .isTrue(fact: "b")), .isTrue(fact: "c"))),
    ("a and b and c", .and(.and(.isTrue(fact: "a"), .isTrue(fact: "b")), .isTrue(fact: "c"))),
    ("a or b or c", .or(.or(.isTrue(fact: "a"), .isTrue(fact: "b")), .isTrue(fact: "c"))),
    ("not a and b", .and(.not(.isTrue(fact: "a")), .isTrue(fact: "b"))),
    ("not (a or b)", .not(.or(.isTrue(fact: "a"), .isTrue(fact: "b")))),
    ("not not a", .not(.not(.isTrue(fact: "a")))),
    ("not x in [1]", .not(.member(fact: "x", [.number(1)], negated: false))),
    (
      "hosts >= 300 and only-this-machine",
      .and(
        .compare(fact: "hosts", .greaterOrEqual, .number(300)), .isTrue(fact: "only-this-machine"))
    ),
  ])
  func logicAndPrecedence(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  /// `-` inside a name is part of it; a name never ends in `-`.
  @Test(arguments: [
    (
      "hosts-per-sweep>=300",
      Condition.compare(fact: "hosts-per-sweep", .greaterOrEqual, .number(300))
    ),
    ("a-1 == 2", .compare(fact: "a-1", .equal, .number(2))),
    ("net.ipv4-limit < 5", .compare(fact: "net.ipv4-limit", .less, .number(5))),
    ("snake_case", .isTrue(fact: "snake_case")),
    ("android", .isTrue(fact: "android")),
    ("notice or order", .or(.isTrue(fact: "notice"), .isTrue(fact: "order"))),
    ("known-hosts", .isTrue(fact: "known-hosts")),
  ])
  func kebabNames(text: String, condition: Condition) throws {
    #expect(try ConditionParser.parse(text) == condition)
  }

  @Test(arguments: [
    ("hosts = 300", 7, "'=' is not an operator (did you mean '=='?)"),
    ("error-code == \"53", 15, "string is not closed (expected \")"),
    ("error-code == '53", 15, "string is not closed (expected ')"),
    ("hosts >= 300 300", 14, "unexpected '300' after a complete condition"),
    ("a b", 3, "unexpected 'b' after a complete condition"),
    ("x == \"a\" \"b\"", 10, "unexpected '\"b\"' after a complete condition"),
    ("(a or b))", 9, "unexpected ')' after a complete condition"),
    ("hosts >= many", 10, "expected a value, found the name 'many' (quote text: \"many\")"),
    ("error-code in [53, dns]", 20, "expected a value, found the name 'dns' (quote text: \"dns\")"),
    ("hosts >=", 9, "expected a value, found end of condition"),
    ("hosts >= (", 10, "expected a value, found '('"),
    ("", 1, "expected a fact name, a value or '(', found end of condition"),
    ("a and", 6, "expected a fact name, a value or '(', found end of condition"),
    ("in", 1, "expected a fact name, a value or '(', found 'in'"),
    ("== 3", 1, "expected a fact name, a value or '(', found '=='"),
    ("(a or b", 8, "expected ')', found end of condition"),
    ("known x", 7, "expected '(', found 'x'"),
    ("known(and)", 7, "expected a fact name, found 'and'"),
    ("missing(x", 10, "expected ')', found end of condition"),
    ("x in [1, 2", 11, "expected ']', found end of condition"),
    ("x in 1", 6, "expected '[', found '1'"),
    ("x not 1", 3, "unexpected 'not' after a complete condition"),
    ("300 hosts", 5, "expected a comparison after a value, found 'hosts'"),
    ("300 <= 400", 8, "expected a fact name, found '400'"),
    ("300 <= unknown", 8, "expected a fact name, found 'unknown'"),
    ("hosts >= 1.2.3", 10, "'1.2.3' is not a number"),
    ("hosts & x", 7, "unexpected character '&'"),
    ("hosts- >= 3", 6, "unexpected character '-'"),
    ("é == 1", 1, "unexpected character 'é'"),
    ("x == 'é' = 1", 10, "'=' is not an operator (did you mean '=='?)"),
  ])
  func failureNamesTheColumn(text: String, column: Int, message: String) {
    #expect(throws: ConditionParser.Failure(column: column, message: message)) {
      try ConditionParser.parse(text)
    }
  }
}
