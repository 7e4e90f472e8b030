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

  /// The knowledge base's own Markdown, kept as Markdown but never as HTML: outside code spans and
  /// fenced blocks, a `<` that could open an element (`ask <owner> before removing`,
  /// `<ArrayName>`) becomes `&lt;`, so GitHub shows it instead of dropping it as a tag. Autolinks
  /// (`<https://…>`) stay links.
  public static func knowledgeBaseText(_ markdown: String) -> String {
    guard markdown.contains("<") else { return markdown }
    var out = ""
    out.reserveCapacity(markdown.utf8.count + 16)
    var inFence: String? = nil
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      if index > 0 { out += "\n" }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if let fence = inFence {
        out += line
        if trimmed.hasPrefix(fence) { inFence = nil }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        inFence = String(trimmed.prefix { $0 == trimmed.first })
        out += line
        continue
      }
      out += escapingTags(Substring(line))
    }
    return out
  }

  /// One line outside fences: `<` escaped except inside code spans and autolinks.
  private static func escapingTags(_ line: Substring) -> String {
    let characters = Array(line)
    var out = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "`" {
        var run = 0
        while index + run < characters.count, characters[index + run] == "`" { run += 1 }
        // A code span runs to the next run of exactly as many backticks; without one the
        // backticks are literal.
        var search = index + run
        var close: Int? = nil
        while search < characters.count {
          if characters[search] == "`" {
            var other = 0
            while search + other < characters.count, characters[search + other] == "`" {
              other += 1
            }
            if other == run {
              close = search
              break
            }
            search += other
          } else {
            search += 1
          }
        }
        if let close {
          out += String(characters[index..<(close + run)])
          index = close + run
        } else {
          out += String(characters[index..<(index + run)])
          index += run
        }
        continue
      }
      if character == "<" {
        if let end = autolinkEnd(characters, from: index) {
          out += String(characters[index...end])
          index = end + 1
          continue
        }
        out += "&lt;"
        index += 1
        continue
      }
      out.append(character)
      index += 1
    }
    return out
  }

  /// The index of the `>` closing an autolink (`<https://…>`, `<mailto:…>`) that starts at `start`.
  private static func autolinkEnd(_ characters: [Character], from start: Int) -> Int? {
    var index = start + 1
    var scheme = 0
    while index < characters.count, characters[index].isASCII,
      characters[index].isLetter || characters[index].isNumber || "+.-".contains(characters[index])
    {
      scheme += 1
      index += 1
    }
    guard scheme >= 2, scheme <= 32, index < characters.count, characters[index] == ":" else {
      return nil
    }
    while index < characters.count {
      let character = characters[index]
      if character == ">" { return index }
      if character == "<" || character == " " || character.isWhitespace { return nil }
      index += 1
    }
    return nil
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
