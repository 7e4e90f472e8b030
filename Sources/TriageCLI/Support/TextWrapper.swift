/// Wraps text to a terminal's width at word boundaries, with a hanging indent.
///
/// Widths count what the terminal shows: escape sequences (colours) take no column. A word longer
/// than a whole line is the only thing ever cut, and only then.
enum TextWrapper {
  /// The lines of `text` (each of its own lines wrapped on its own), the first of each starting
  /// with `indent`, the rest with `hanging`. `width` `nil` leaves lines whole.
  static func wrap(_ text: String, width: Int?, indent: String = "", hanging: String = "")
    -> [String]
  {
    var result: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      result += wrapLine(String(paragraph), width: width, indent: indent, hanging: hanging)
    }
    return result
  }

  private static func wrapLine(_ text: String, width: Int?, indent: String, hanging: String)
    -> [String]
  {
    guard let width, visibleWidth(indent) + visibleWidth(text) > width else {
      return [indent + text]
    }
    // Leading blanks are part of the first line's indent, not lost between words.
    let leading = text.prefix { $0 == " " }
    if !leading.isEmpty {
      return wrapLine(
        String(text.dropFirst(leading.count)), width: width, indent: indent + leading,
        hanging: hanging)
    }
    var lines: [String] = []
    var current = indent
    var currentWidth = visibleWidth(indent)
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      var word = word
      var wordWidth = visibleWidth(word)
      if lineHasWord, currentWidth + 1 + wordWidth > width {
        lines.append(current)
        current = hanging
        currentWidth = visibleWidth(hanging)
        lineHasWord = false
      }
      // A word wider than a line: cut it, the only place a word is ever cut.
      while currentWidth + (lineHasWord ? 1 : 0) + wordWidth > width,
        width - currentWidth - (lineHasWord ? 1 : 0) > 0
      {
        let room = width - currentWidth - (lineHasWord ? 1 : 0)
        let (head, tail) = split(word, atVisibleColumn: room)
        guard !head.isEmpty, !tail.isEmpty else { break }
        current += (lineHasWord ? " " : "") + head
        lines.append(current)
        current = hanging
        currentWidth = visibleWidth(hanging)
        lineHasWord = false
        word = tail
        wordWidth = visibleWidth(word)
      }
      current += (lineHasWord ? " " : "") + word
      currentWidth += (lineHasWord ? 1 : 0) + wordWidth
      lineHasWord = true
    }
    lines.append(current)
    return lines
  }

  /// Columns `text` takes on screen: characters outside escape sequences.
  static func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
        continue
      }
      if scalar == "\u{1B}" {
        inEscape = true
        continue
      }
      // Combining marks take no column of their own.
      if scalar.properties.generalCategory == .nonspacingMark { continue }
      width += scalar.properties.isEmojiPresentation ? 2 : 1
    }
    return width
  }

  /// The text shown in at most `column` columns, and the rest (escape sequences stay whole).
  private static func split(_ word: String, atVisibleColumn column: Int) -> (String, String) {
    var head = ""
    var width = 0
    var inEscape = false
    var index = word.unicodeScalars.startIndex
    while index < word.unicodeScalars.endIndex {
      let scalar = word.unicodeScalars[index]
      if !inEscape, scalar != "\u{1B}", width >= column { break }
      if inEscape {
        if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        width += 1
      }
      head.unicodeScalars.append(scalar)
      index = word.unicodeScalars.index(after: index)
    }
    return (head, String(word.unicodeScalars[index...]))
  }
}
