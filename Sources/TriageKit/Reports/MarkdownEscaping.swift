/// Puts text someone typed into Markdown so it reads as the same text and can never open a code
/// fence, a table cell, a link or an HTML element.
public enum MarkdownEscaping {
  /// Escapes one line of user text for running Markdown.
  public static func inline(_ text: String) -> String {
    var result = ""
    var atLineStart = true
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">":
        // Only a line-start '>' opens a quote; '<' alone can open HTML.
        result += atLineStart ? "\\>" : ">"
      case "\\", "`", "*", "_", "{", "}", "[", "]", "#", "|", "~", "$", "!":
        result += "\\" + String(scalar)
      case "-", "+", "=":
        // At the start of a line these begin a list or underline a heading.
        result += atLineStart ? "\\" + String(scalar) : String(scalar)
      case ".", ")":
        // "1." or "1)" at the start of a line would begin a list.
        let followedBySpace =
          index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t"
        let opensList =
          index > 0 && followedBySpace && isDigitRunFromLineStart(scalars, before: index)
        result += opensList ? "\\" + String(scalar) : String(scalar)
      case "\r":
        continue
      case "\n":
        result += "\n"
        atLineStart = true
        continue
      default:
        if VisibleText.needsEscape(scalar) {
          // A control or bidi character from input is shown, never obeyed (`\u{1B}`).
          result += inline(VisibleText.escape(scalar))
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
      if scalar != " " { atLineStart = false }
    }
    return result
  }

  /// Escapes text for a table cell: line breaks become `<br>`.
  public static func cell(_ text: String) -> String {
    normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
      .map { inline(String($0)) }.joined(separator: "<br>")
  }

  /// User text for a `{{fact}}` template, escaped and on one line: line breaks, blank lines and
  /// indentation fold into ` / `, so a text answer substituted into a plan step or a list item can
  /// never end it, open a code block or start a new paragraph.
  public static func substituted(_ text: String) -> String {
    inline(oneLine(text))
  }

  /// The text's lines, trimmed, without blank ones, joined by ` / `.
  static func oneLine(_ text: String) -> String {
    guard text.contains(where: \.isNewline) else { return text }
    return normalizingLineEnds(text).split(separator: "\n")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .joined(separator: " / ")
  }

  /// Puts the knowledge base's own Markdown into a table cell: its formatting stays, but a pipe
  /// cannot split the cell and a line break cannot end the row.
  public static func markdownCell(_ markdown: String) -> String {
    markdown.trimmingCharacters(in: .whitespacesAndNewlines)
      .replacingOccurrences(of: "|", with: "\\|")
      .split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// Quotes multi-line user text as a block quote, line by line.
  /// Text shown verbatim in a fenced code block whose fence is longer than any run of backticks in
  /// it, so nothing in the text can close the block; control and format characters other than tab
  /// are shown as escapes (``VisibleText``).
  public static func codeBlock(_ text: String, language: String = "text") -> String {
    var longest = 0
    var run = 0
    var cleaned = ""
    cleaned.reserveCapacity(text.utf8.count)
    for scalar in normalizingLineEnds(text).unicodeScalars {
      if scalar == "`" {
        run += 1
        longest = max(longest, run)
      } else {
        run = 0
      }
      if VisibleText.needsEscape(scalar) {
        cleaned += VisibleText.escape(scalar)
      } else {
        cleaned.unicodeScalars.append(scalar)
      }
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = cleaned.hasSuffix("\n") ? cleaned : cleaned + "\n"
    return "\(fence)\(language)\n\(body)\(fence)"
  }

  /// Text for HTML content (`<summary>`): `&`, `<`, `>` and `"` escaped.
  public static func html(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n", "\r", "\r\n": out += " "
      default:
        for scalar in character.unicodeScalars {
          out += VisibleText.needsEscape(scalar) ? VisibleText.escape(scalar) : String(scalar)
        }
      }
    }
    return out
  }

  /// `text` as a Markdown block quote, every line prefixed with `> `.
  public static func blockQuote(_ text: String) -> String {
    normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let escaped = inline(String(line))
      return escaped.isEmpty ? ">" : "> \(escaped)"
    }.joined(separator: "\n")
  }

  /// CRLF and lone CR as LF: Swift counts "\r\n" as one Character, so splitting on "\n" misses it.
  static func normalizingLineEnds(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
  }

  private static func isDigitRunFromLineStart(_ scalars: [Unicode.Scalar], before index: Int)
    -> Bool
  {
    var position = index - 1
    var sawDigit = false
    while position >= 0, scalars[position] >= "0", scalars[position] <= "9" {
      sawDigit = true
      position -= 1
    }
    while position >= 0, scalars[position] == " " { position -= 1 }
    return sawDigit && (position < 0 || scalars[position] == "\n")
  }

  /// Text for a Mermaid label: anything but plain letters, digits and a few marks becomes an entity
  /// code (`#35;`), so neither quotes nor backticks can end the label or the fence.
  public static func mermaidLabel(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      let isSafe =
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        || (scalar >= "0" && scalar <= "9")
        || " .,:/-+?=%()'".unicodeScalars.contains(scalar)
      result += isSafe ? String(scalar) : "#\(scalar.value);"
    }
    return result
  }
}
