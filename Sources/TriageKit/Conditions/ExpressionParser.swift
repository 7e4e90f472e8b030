/// Parses the arithmetic of `computed:` facts.
public struct ExpressionParser {
  private typealias Token = ConditionLexer.Token

  private var tokens: [(token: Token, column: Int)] = []
  private var position = 0
  /// Levels of parentheses, calls and unary minus around the current token, and terms read so far:
  /// bounded (``InputLimits``) so evaluation never recurses without end.
  private var depth = 0
  private var terms = 0

  /// Parses `text`; throws ``ConditionParser/Failure`` with a column when it does not parse.
  public static func parse(_ text: String) throws(ConditionParser.Failure) -> Expression {
    var parser = ExpressionParser()
    parser.tokens = try ConditionLexer.tokens(
      of: text, symbols: ["+", "-", "*", "/", "(", ")", ","], quotedStrings: false)
    let expression = try parser.parseSum()
    guard case .end = parser.current.token else {
      throw ConditionParser.Failure(
        column: parser.current.column,
        message: "unexpected \(parser.describe(parser.current.token)) after a complete expression")
    }
    return expression
  }

  private var current: (token: Token, column: Int) { tokens[position] }

  private func describe(_ token: Token) -> String {
    switch token {
    case .name(let name): return "'\(name)'"
    case .number(let value): return "'\(FactValue.format(value))'"
    case .string(let value): return "'\"\(value)\"'"
    case .symbol(let symbol): return "'\(symbol)'"
    case .end: return "end of expression"
    }
  }

  private mutating func parseSum() throws(ConditionParser.Failure) -> Expression {
    var lhs = try parseProduct()
    while case .symbol(let symbol) = current.token, symbol == "+" || symbol == "-" {
      position += 1
      let rhs = try parseProduct()
      lhs = .binary(lhs, symbol == "+" ? .add : .subtract, rhs)
    }
    return lhs
  }

  private mutating func parseProduct() throws(ConditionParser.Failure) -> Expression {
    var lhs = try parseUnary()
    while case .symbol(let symbol) = current.token, symbol == "*" || symbol == "/" {
      position += 1
      let rhs = try parseUnary()
      lhs = .binary(lhs, symbol == "*" ? .multiply : .divide, rhs)
    }
    return lhs
  }

  private mutating func parseUnary() throws(ConditionParser.Failure) -> Expression {
    if case .symbol("-") = current.token {
      try enterNesting()
      position += 1
      defer { depth -= 1 }
      return .negate(try parseUnary())
    }
    return try parsePrimary()
  }

  private mutating func enterNesting() throws(ConditionParser.Failure) {
    depth += 1
    guard depth <= InputLimits.conditionDepth else {
      throw ConditionParser.Failure(
        column: current.column,
        message:
          "expression nests deeper than \(InputLimits.conditionDepth) levels of '(', calls and '-'")
    }
  }

  private mutating func parsePrimary() throws(ConditionParser.Failure) -> Expression {
    let (token, column) = current
    if case .number = token { terms += 1 }
    if case .name = token { terms += 1 }
    guard terms <= InputLimits.conditionTerms else {
      throw ConditionParser.Failure(
        column: column,
        message: "expression has more than \(InputLimits.conditionTerms) terms (split it)")
    }
    switch token {
    case .number(let value):
      position += 1
      return .number(value)
    case .name(let name):
      position += 1
      guard case .symbol("(") = current.token else { return .fact(name) }
      try enterNesting()
      defer { depth -= 1 }
      guard let function = Expression.Function(rawValue: name) else {
        let known = Expression.Function.allCases.map(\.rawValue).joined(separator: ", ")
        throw ConditionParser.Failure(
          column: column, message: "unknown function '\(name)' (known: \(known))")
      }
      position += 1
      var arguments = [try parseSum()]
      while case .symbol(",") = current.token {
        position += 1
        arguments.append(try parseSum())
      }
      guard case .symbol(")") = current.token else {
        throw ConditionParser.Failure(
          column: current.column, message: "expected ',' or ')', found \(describe(current.token))")
      }
      position += 1
      guard function.arity.contains(arguments.count) else {
        throw ConditionParser.Failure(
          column: column,
          message:
            "'\(name)' takes \(function.arity.lowerBound == function.arity.upperBound ? "1 argument" : "2 or more arguments"), found \(arguments.count)"
        )
      }
      return .call(function, arguments)
    case .symbol("("):
      try enterNesting()
      position += 1
      let inner = try parseSum()
      guard case .symbol(")") = current.token else {
        throw ConditionParser.Failure(
          column: current.column, message: "expected ')', found \(describe(current.token))")
      }
      position += 1
      depth -= 1
      return inner
    default:
      throw ConditionParser.Failure(
        column: column, message: "expected a number, a fact or '(', found \(describe(token))")
    }
  }
}
