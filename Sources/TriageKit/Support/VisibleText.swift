/// The one routine for showing text that came from input (a file, a pasted answer, a session ID)
/// on a terminal or in a report: control characters (C0 except tab and line feed, DEL, C1) and
/// invisible format characters (bidi overrides and isolates, zero-width characters, line and
/// paragraph separators) become visible escapes such as `\u{1B}` or `\u{202E}`, so no input can
/// set a window title, move the cursor, ring the bell or reorder what the reader sees.
public enum VisibleText {
  /// Whether `scalar` must be shown as an escape.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029: return true
    default: return scalar.properties.generalCategory == .format
    }
  }

  /// `\u{1B}`, `\r`, `\u{202E}`: how an escaped scalar is shown.
  public static func escape(_ scalar: Unicode.Scalar) -> String {
    if scalar == "\r" { return "\\r" }
    return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
  }

  /// `text` with every scalar that ``needsEscape(_:)`` shown as its escape. Line feeds stay when
  /// `keepingLineBreaks` (a multi-line message), else become `\n`. When `keepingColours`, the
  /// colour codes NetTriage itself writes (`ESC [ digits m`) pass unchanged; nothing else does.
  public static func escaped(
    _ text: String, keepingLineBreaks: Bool = true, keepingColours: Bool = false
  ) -> String {
    let scalars = text.unicodeScalars
    guard scalars.contains(where: { needsEscape($0) || (!keepingLineBreaks && $0 == "\n") })
    else { return text }
    var result = String.UnicodeScalarView()
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if scalar == "\u{1B}", keepingColours, let end = colourCodeEnd(scalars, from: index) {
        result.append(contentsOf: scalars[index..<end])
        index = end
        continue
      }
      if scalar == "\n", !keepingLineBreaks {
        result.append(contentsOf: "\\n".unicodeScalars)
      } else if needsEscape(scalar) {
        result.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        result.append(scalar)
      }
      index = scalars.index(after: index)
    }
    return String(result)
  }

  /// One line of input for a message: escaped, line breaks shown as `\n`, and cut to `limit`
  /// characters with `…`, so an error never prints more than a short excerpt of a file.
  public static func excerpt(_ text: String, limit: Int = 60) -> String {
    let visible = escaped(text, keepingLineBreaks: false)
    guard visible.count > limit else { return visible }
    return String(visible.prefix(limit)) + "…"
  }

  /// A message for a terminal: escaped, each line cut to `lineLimit` characters.
  public static func message(_ text: String, lineLimit: Int = 400) -> String {
    escaped(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.count > lineLimit ? String(line.prefix(lineLimit)) + "…" : String(line)
    }.joined(separator: "\n")
  }

  /// The end of `ESC [ digits m` starting at `start`, or `nil`.
  private static func colourCodeEnd(
    _ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index
  ) -> String.UnicodeScalarView.Index? {
    var index = scalars.index(after: start)
    guard index < scalars.endIndex, scalars[index] == "[" else { return nil }
    index = scalars.index(after: index)
    var digits = 0
    while index < scalars.endIndex, ("0"..."9").contains(scalars[index]), digits < 3 {
      digits += 1
      index = scalars.index(after: index)
    }
    guard digits > 0, index < scalars.endIndex, scalars[index] == "m" else { return nil }
    return scalars.index(after: index)
  }
}
