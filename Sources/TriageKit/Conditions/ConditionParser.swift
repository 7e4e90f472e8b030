/// Parses the condition language of `when:` (see docs/knowledge-base-format.md).
///
/// A hand-written recursive-descent parser: the language is small, and errors must name the column.
public struct ConditionParser {
  /// A parse failure: the column (from 1) in the condition text, and what was expected.
  public struct Failure: Error, Equatable, Sendable {
    public var column: Int
    public var message: String
  }

  private enum Token: Equatable {
    case name(String)
    case number(Double)
    case string(String)
    case symbol(String)
    case end
  }

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
    try parser.tokenize()
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

  private mutating func tokenize() throws(Failure) {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
      (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
    }
    func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
      isNameStart(scalar) || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "."
    }
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
    while index < scalars.count {
      let scalar = scalars[index]
      let column = index + 1
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        index += 1
      } else if isNameStart(scalar) {
        var end = index
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        // A name never ends in '-' or '.': `hosts-` is a typo, not a name.
        while end > index + 1, scalars[end - 1] == "-" || scalars[end - 1] == "." { end -= 1 }
        tokens.append((.name(String(String.UnicodeScalarView(scalars[index..<end]))), column))
        index = end
      } else if isDigit(scalar)
        || (scalar == "-" && index + 1 < scalars.count && isDigit(scalars[index + 1]))
      {
        var end = index + 1
        while end < scalars.count,
          isDigit(scalars[end]) || scalars[end] == "." || scalars[end] == "_"
        {
          end += 1
        }
        let raw = String(String.UnicodeScalarView(scalars[index..<end])).replacingOccurrences(
          of: "_", with: "")
        guard let value = Double(raw) else {
          throw Failure(column: column, message: "'\(raw)' is not a number")
        }
        tokens.append((.number(value), column))
        index = end
      } else if scalar == "\"" || scalar == "'" {
        var end = index + 1
        var value = ""
        while end < scalars.count, scalars[end] != scalar {
          if scalars[end] == "\\", end + 1 < scalars.count {
            end += 1
          }
          value.unicodeScalars.append(scalars[end])
          end += 1
        }
        guard end < scalars.count else {
          throw Failure(column: column, message: "string is not closed (expected \(scalar))")
        }
        tokens.append((.string(value), column))
        index = end + 1
      } else {
        let two = index + 1 < scalars.count ? String(scalar) + String(scalars[index + 1]) : ""
        if ["==", "!=", "<=", ">="].contains(two) {
          tokens.append((.symbol(two), column))
          index += 2
        } else if "<>()[],".unicodeScalars.contains(scalar) {
          tokens.append((.symbol(String(scalar)), column))
          index += 1
        } else if scalar == "=" {
          throw Failure(column: column, message: "'=' is not an operator (did you mean '=='?)")
        } else {
          throw Failure(column: column, message: "unexpected character '\(scalar)'")
        }
      }
    }
    tokens.append((.end, scalars.count + 1))
  }

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
