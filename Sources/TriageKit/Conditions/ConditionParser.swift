/// Parses the condition language of `when:` (see docs/knowledge-base-format.md).
///
/// A hand-written recursive-descent parser: the language is small, and errors must name the column.
public struct ConditionParser {
  /// A parse failure: the column (from 1) in the condition text, and what was expected.
  public struct Failure: Error, Equatable, Sendable {
    /// Where it failed, from 1, in the condition's text.
    public var column: Int
    /// Lowercase: what was found and what was expected.
    public var message: String
  }

  private typealias Token = ConditionLexer.Token

  private let text: String
  private var tokens: [(token: Token, column: Int)] = []
  private var position = 0
  /// Open parentheses and `not`s around the current token, and terms read so far: bounded
  /// (``InputLimits``) so no knowledge base can make the parser, the linter or the evaluator recurse
  /// without end.
  private var depth = 0
  private var terms = 0

  /// Parses `text`; throws ``Failure`` with a column when it does not parse.
  public static func parse(_ text: String) throws(Failure) -> Condition {
    var parser = ConditionParser(text: text)
    parser.tokens = try ConditionLexer.tokens(
      of: text, symbols: ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ","],
      quotedStrings: true)
    let condition = try parser.parseOr()
    guard case .end = parser.current.token else {
      throw Failure(
        column: parser.current.column,
        message: "unexpected \(parser.describe(parser.current.token)) after a complete condition")
    }
    return condition
  }

  private init(text: String) {
    self.text = text
  }

  private var current: (token: Token, column: Int) { tokens[position] }

  private func describe(_ token: Token) -> String {
    switch token {
    case .name(let name): return "'\(name)'"
    case .number(let value): return "'\(FactValue.format(value))'"
    case .string(let value): return "'\"\(value)\"'"
    case .symbol(let symbol): return "'\(symbol)'"
    case .end: return "end of condition"
    }
  }

  private mutating func advance() { position += 1 }

  private func isKeyword(_ word: String) -> Bool {
    if case .name(let name) = current.token { return name == word }
    return false
  }

  private mutating func parseOr() throws(Failure) -> Condition {
    var condition = try parseAnd()
    while isKeyword("or") {
      advance()
      condition = .or(condition, try parseAnd())
    }
    return condition
  }

  private mutating func parseAnd() throws(Failure) -> Condition {
    var condition = try parseNot()
    while isKeyword("and") {
      advance()
      condition = .and(condition, try parseNot())
    }
    return condition
  }

  private mutating func parseNot() throws(Failure) -> Condition {
    if isKeyword("not") {
      try enterNesting()
      advance()
      defer { depth -= 1 }
      return .not(try parseNot())
    }
    return try parseComparison()
  }

  private static let reserved: Set<String> = [
    "and", "or", "not", "in", "true", "false", "unknown", "known", "missing",
  ]

  private mutating func enterNesting() throws(Failure) {
    depth += 1
    guard depth <= InputLimits.conditionDepth else {
      throw Failure(
        column: current.column,
        message:
          "condition nests deeper than \(InputLimits.conditionDepth) levels of '(' and 'not'")
    }
  }

  private mutating func parseComparison() throws(Failure) -> Condition {
    let start = current
    terms += 1
    guard terms <= InputLimits.conditionTerms else {
      throw Failure(
        column: start.column,
        message: "condition has more than \(InputLimits.conditionTerms) terms (split the decision)")
    }
    switch start.token {
    case .symbol("("):
      terms -= 1
      try enterNesting()
      advance()
      let inner = try parseOr()
      try expect(")")
      depth -= 1
      return inner
    case .name(let name) where name == "known" || name == "missing":
      advance()
      try expect("(")
      let fact = try expectFactName()
      try expect(")")
      return name == "known" ? .known(fact: fact) : .missing(fact: fact)
    case .name("true"):
      advance()
      return .constant(true)
    case .name("false"):
      advance()
      return .constant(false)
    case .name(let name) where !Self.reserved.contains(name):
      advance()
      if case .symbol(let symbol) = current.token,
        let comparison = Condition.Comparison(rawValue: symbol)
      {
        advance()
        return .compare(fact: name, comparison, try parseLiteral())
      }
      if isKeyword("in") {
        advance()
        return .member(fact: name, try parseList(), negated: false)
      }
      if isKeyword("not"), position + 1 < tokens.count, tokens[position + 1].token == .name("in") {
        advance()
        advance()
        return .member(fact: name, try parseList(), negated: true)
      }
      return .isTrue(fact: name)
    case .number, .string:
      // `300 <= hosts`: flip it so the fact is on the left.
      let literal = try parseLiteral()
      guard case .symbol(let symbol) = current.token,
        let comparison = Condition.Comparison(rawValue: symbol)
      else {
        throw Failure(
          column: current.column,
          message: "expected a comparison after a value, found \(describe(current.token))")
      }
      advance()
      let fact = try expectFactName()
      return .compare(fact: fact, comparison.flipped, literal)
    default:
      throw Failure(
        column: start.column,
        message: "expected a fact name, a value or '(', found \(describe(start.token))")
    }
  }

  private mutating func parseLiteral() throws(Failure) -> Condition.Literal {
    let token = current
    switch token.token {
    case .number(let value):
      advance()
      return .number(value)
    case .string(let value):
      advance()
      return .string(value)
    case .name("true"):
      advance()
      return .bool(true)
    case .name("false"):
      advance()
      return .bool(false)
    case .name("yes"):
      advance()
      return .bool(true)
    case .name("no"):
      advance()
      return .bool(false)
    case .name("unknown"):
      advance()
      return .unknown
    case .name(let name):
      throw Failure(
        column: token.column,
        message: "expected a value, found the name '\(name)' (quote text: \"\(name)\")")
    default:
      throw Failure(
        column: token.column, message: "expected a value, found \(describe(token.token))")
    }
  }

  private mutating func parseList() throws(Failure) -> [Condition.Literal] {
    try expect("[")
    var literals: [Condition.Literal] = []
    if current.token == .symbol("]") {
      advance()
      return literals
    }
    while true {
      literals.append(try parseLiteral())
      if current.token == .symbol(",") {
        advance()
        continue
      }
      try expect("]")
      return literals
    }
  }

  private mutating func expect(_ symbol: String) throws(Failure) {
    guard current.token == .symbol(symbol) else {
      throw Failure(
        column: current.column, message: "expected '\(symbol)', found \(describe(current.token))")
    }
    advance()
  }

  private mutating func expectFactName() throws(Failure) -> String {
    if case .name(let name) = current.token, !Self.reserved.contains(name) {
      advance()
      return name
    }
    throw Failure(
      column: current.column, message: "expected a fact name, found \(describe(current.token))")
  }
}

extension Condition.Comparison {
  /// The same comparison with its sides swapped.
  fileprivate var flipped: Self {
    switch self {
    case .equal, .notEqual: return self
    case .less: return .greater
    case .lessOrEqual: return .greaterOrEqual
    case .greater: return .less
    case .greaterOrEqual: return .lessOrEqual
    }
  }
}
