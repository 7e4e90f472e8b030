/// The tokens of the `when:` condition language and of `computed:` expressions: one lexer, so both
/// read names, numbers (`12`, `-5`, `.5`, `1_000`), strings and symbols the same way.
struct ConditionLexer {
  /// A token.
  enum Token: Equatable {
    case name(String)
    case number(Double)
    case string(String)
    case symbol(String)
    case end
  }

  /// The tokens of `text` with their columns (from 1), ending in `.end`; `symbols` are the
  /// operators and punctuation the language has, `quotedStrings` whether it has `"…"` strings.
  ///
  /// A `-` before a digit is a number's sign where an operand may begin (at the start, after an
  /// operator or an opening bracket), and the operator `-` after an operand (`a -5` is `a - 5`).
  static func tokens(of text: String, symbols: [String], quotedStrings: Bool) throws(ConditionParser
    .Failure) -> [(token: Token, column: Int)]
  {
    let scalars = Array(text.unicodeScalars)
    var tokens: [(token: Token, column: Int)] = []
    var index = 0
    func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
      (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
    }
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
    func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
      isNameStart(scalar) || isDigit(scalar) || scalar == "-" || scalar == "."
    }
    func digitAt(_ at: Int) -> Bool { at < scalars.count && isDigit(scalars[at]) }
    func startsNumber(_ at: Int) -> Bool {
      digitAt(at) || (scalars[at] == "." && digitAt(at + 1))
    }
    var operandMayBegin: Bool {
      switch tokens.last?.token {
      case nil: return true
      case .symbol(let symbol)?: return symbol != ")" && symbol != "]"
      default: return false
      }
    }
    let ordered = symbols.sorted { $0.count > $1.count }
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
      } else if startsNumber(index)
        || (scalar == "-" && operandMayBegin && index + 1 < scalars.count
          && startsNumber(index + 1))
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
          throw ConditionParser.Failure(column: column, message: "'\(raw)' is not a number")
        }
        tokens.append((.number(value), column))
        index = end
      } else if quotedStrings, scalar == "\"" || scalar == "'" {
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
          throw ConditionParser.Failure(
            column: column, message: "string is not closed (expected \(scalar))")
        }
        tokens.append((.string(value), column))
        index = end + 1
      } else if let symbol = ordered.first(where: { matches($0, scalars, at: index) }) {
        tokens.append((.symbol(symbol), column))
        index += symbol.unicodeScalars.count
      } else if scalar == "=", symbols.contains("==") {
        throw ConditionParser.Failure(
          column: column, message: "'=' is not an operator (did you mean '=='?)")
      } else {
        throw ConditionParser.Failure(column: column, message: "unexpected character '\(scalar)'")
      }
    }
    tokens.append((.end, scalars.count + 1))
    return tokens
  }

  private static func matches(_ symbol: String, _ scalars: [Unicode.Scalar], at index: Int) -> Bool
  {
    let wanted = Array(symbol.unicodeScalars)
    guard index + wanted.count <= scalars.count else { return false }
    return Array(scalars[index..<index + wanted.count]) == wanted
  }
}
