import Foundation

/// The knowledge base's Markdown as a terminal shows it: bold as bold, code in colour, lists with
/// hanging indents, links as "text (address)", paragraphs wrapped to the width; never the syntax.
enum TerminalMarkdown {
  /// The lines to print for `markdown` on `terminal`, each starting with `indent`.
  static func lines(_ markdown: String, on terminal: Terminal, indent: String = "") -> [String] {
    var lines: [String] = []
    for block in blocks(markdown) {
      switch block {
      case .blank:
        if lines.last != "" && !lines.isEmpty { lines.append("") }
      case .paragraph(let text):
        lines += TextWrapper.wrap(
          inline(text, on: terminal), width: terminal.width, indent: indent, hanging: indent)
      case .item(let marker, let text, let depth):
        let lead = indent + String(repeating: "  ", count: depth) + marker + " "
        lines += TextWrapper.wrap(
          inline(text, on: terminal), width: terminal.width, indent: lead,
          hanging: String(repeating: " ", count: lead.count))
      case .heading(let text):
        lines += TextWrapper.wrap(
          terminal.styled(inline(text, on: terminal), .bold), width: terminal.width,
          indent: indent, hanging: indent)
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  /// One line of Markdown (a label, a title) with its inline syntax rendered, not wrapped.
  static func inline(_ text: String, on terminal: Terminal) -> String {
    var result = ""
    let characters = Array(text)
    var index = 0
    func find(_ needle: [Character], from start: Int) -> Int? {
      guard needle.count <= characters.count else { return nil }
      var position = start
      while position + needle.count <= characters.count {
        if Array(characters[position..<position + needle.count]) == needle { return position }
        position += 1
      }
      return nil
    }
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "`":
        var ticks = 0
        while index + ticks < characters.count, characters[index + ticks] == "`" { ticks += 1 }
        let fence = Array(repeating: Character("`"), count: ticks)
        if let close = find(fence, from: index + ticks) {
          let code = String(characters[(index + ticks)..<close]).trimmingCharacters(
            in: CharacterSet(charactersIn: " "))
          result += terminal.colours ? terminal.styled(code, .cyan) : code
          index = close + ticks
        } else {
          result += String(fence)
          index += ticks
        }
      case "*" where index + 1 < characters.count && characters[index + 1] == "*",
        "_" where index + 1 < characters.count && characters[index + 1] == "_":
        let marker = [character, character]
        if let close = find(marker, from: index + 2), close > index + 2 {
          result += terminal.styled(
            inline(String(characters[(index + 2)..<close]), on: terminal), .bold)
          index = close + 2
        } else {
          result += String(marker)
          index += 2
        }
      case "*":
        // Emphasis only when it opens before a word and closes after one: `5 * 3` stays.
        if index + 1 < characters.count, !characters[index + 1].isWhitespace,
          let close = find(["*"], from: index + 1), close > index + 1,
          !characters[close - 1].isWhitespace
        {
          result += inline(String(characters[(index + 1)..<close]), on: terminal)
          index = close + 1
        } else {
          result.append(character)
          index += 1
        }
      case "[":
        if let closeText = find(["]", "("], from: index + 1),
          let closeLink = find([")"], from: closeText + 2)
        {
          let label = inline(String(characters[(index + 1)..<closeText]), on: terminal)
          let address = String(characters[(closeText + 2)..<closeLink])
          result += label == address ? address : "\(label) (\(address))"
          index = closeLink + 1
        } else {
          result.append(character)
          index += 1
        }
      case "\\":
        if index + 1 < characters.count,
          characters[index + 1].isPunctuation
            || characters[index + 1].isSymbol
        {
          result.append(characters[index + 1])
          index += 2
        } else {
          result.append(character)
          index += 1
        }
      default:
        result.append(character)
        index += 1
      }
    }
    return result
  }

  private enum Block: Equatable {
    case blank
    case paragraph(String)
    case item(marker: String, text: String, depth: Int)
    case heading(String)
  }

  private static func blocks(_ markdown: String) -> [Block] {
    var blocks: [Block] = []
    var paragraph: [String] = []
    var item: (marker: String, text: [String], depth: Int)?
    func flush() {
      if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
      paragraph = []
      if let open = item {
        blocks.append(
          .item(marker: open.marker, text: open.text.joined(separator: " "), depth: open.depth))
      }
      item = nil
    }
    for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let leading = raw.prefix { $0 == " " }.count
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        flush()
        blocks.append(.blank)
        continue
      }
      if line.hasPrefix("#") {
        let text = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        flush()
        blocks.append(.heading(text))
        continue
      }
      if let (marker, text) = listItem(line) {
        flush()
        item = (marker, [text], min(leading / 2, 3))
        continue
      }
      if item != nil {
        item?.text.append(line)
      } else {
        paragraph.append(line)
      }
    }
    flush()
    return blocks
  }

  /// `- text`, `* text`, `+ text` (shown as "•") or `1. text`, `1) text` (numbered as written).
  private static func listItem(_ line: String) -> (String, String)? {
    for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
      return ("•", String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count < 4 else { return nil }
    let rest = line.dropFirst(digits.count)
    guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else {
      return nil
    }
    return ("\(digits)\(mark)", String(rest.dropFirst(2)).trimmingCharacters(in: .whitespaces))
  }
}
