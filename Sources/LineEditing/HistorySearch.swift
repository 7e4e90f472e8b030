/// Ctrl-R's incremental search through history, as bash and zsh do it.
///
/// libedit's own search shows a bare `bck:` prompt in the line and ends on keys people do not
/// expect, so the editor runs this instead. Kept apart from libedit so the rules can be tested
/// without a terminal: typing narrows the search to the newest line that contains the query at or
/// before the current match, Ctrl-R again goes to the next older one, Backspace widens it again.
struct HistorySearch: Equatable, Sendable {
  /// The lines to search, oldest first.
  let entries: [String]
  /// What was typed so far.
  private(set) var query = ""
  /// The entry shown, or `nil` when nothing matches (or nothing was typed yet).
  private(set) var matchIndex: Int?
  /// Whether the last key found nothing (the query or Ctrl-R ran past the oldest match).
  private(set) var failed = false

  /// A search over `entries`, oldest first.
  init(entries: [String]) {
    self.entries = entries
  }

  /// The line the search has found, or `nil`.
  var match: String? { matchIndex.map { entries[$0] } }

  /// Adds typed text to the query and looks for it from the current match backwards.
  mutating func type(_ text: String) {
    query += text
    search(from: matchIndex ?? entries.count - 1)
  }

  /// Removes the last character of the query and searches again from the newest line.
  mutating func erase() {
    guard !query.isEmpty else { return }
    query.removeLast()
    if query.isEmpty {
      matchIndex = nil
      failed = false
      return
    }
    search(from: entries.count - 1)
  }

  /// Ctrl-R again: the next older line that contains the query.
  mutating func older() {
    guard !query.isEmpty else { return }
    guard let current = matchIndex else {
      search(from: entries.count - 1)
      return
    }
    if let older = index(containingQuery: current - 1) {
      matchIndex = older
      failed = false
    } else {
      failed = true
    }
  }

  /// The search line shown in place of the prompt, at most `width - 1` columns so that it never
  /// wraps (the editor redraws the prompt on the same row afterwards).
  func statusLine(width: Int) -> String {
    let label = failed ? "(failing reverse-i-search)" : "(reverse-i-search)"
    let line = "\(label)'\(Self.visible(query))': \(Self.visible(match ?? ""))"
    let room = max(width - 1, 1)
    guard line.count > room else { return line }
    return String(line.prefix(max(room - 1, 0))) + "…"
  }

  private mutating func search(from start: Int) {
    if let found = index(containingQuery: start) {
      matchIndex = found
      failed = false
    } else {
      failed = true
    }
  }

  /// The newest entry at or before `start` that contains the query, ignoring case when the query
  /// is all lower case (as people type it).
  private func index(containingQuery start: Int) -> Int? {
    guard !query.isEmpty, start >= 0 else { return nil }
    let ignoresCase = query == query.lowercased()
    for index in stride(from: min(start, entries.count - 1), through: 0, by: -1) {
      let entry = ignoresCase ? entries[index].lowercased() : entries[index]
      if entry.contains(query) { return index }
    }
    return nil
  }

  /// Tabs and other control characters as spaces, so the line stays one row.
  private static func visible(_ text: String) -> String {
    String(text.map { $0.isASCII && ($0.asciiValue ?? 0x20) < 0x20 ? " " : $0 })
  }
}
