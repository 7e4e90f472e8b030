import TriageKit

/// A line (or a run of lines) lenient reading left aside, with why.
///
/// Pasted text is messy: a row cut off mid-way, a `... truncated` line a person inserted, free text
/// after a row, another command's output appended. An importer keeps every record it can read and
/// lists here what it could not, so the report can say "read 212 rows, skipped 3".
public struct SkippedLine: Sendable, Equatable {
  /// The line, from 1, as in the original input.
  public var line: Int
  /// The last line of a run skipped together (`nil`: the one line).
  public var lastLine: Int?
  /// Lines skipped by this entry (not counting blank lines of a run).
  public var count: Int
  /// The line's text as pasted (the first of a run), cut to 120 characters.
  public var text: String
  /// Lowercase, why it was skipped (the importer's message).
  public var reason: String

  public init(line: Int, lastLine: Int? = nil, count: Int = 1, text: String, reason: String) {
    self.line = line
    self.lastLine = lastLine
    self.count = count
    self.text = text.count > 120 ? String(text.prefix(119)) + "…" : text
    self.reason = reason
  }

  /// `line 7` or `lines 40–52`.
  public var place: String {
    if let lastLine, lastLine != line { return "lines \(line)–\(lastLine)" }
    return "line \(line)"
  }

  /// The evidence JSON of the entry.
  var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [("line", .int(line))]
    if let lastLine { pairs.append(("last_line", .int(lastLine))) }
    pairs.append(("text", .string(text)))
    pairs.append(("reason", .string(reason)))
    return .object(pairs)
  }
}
