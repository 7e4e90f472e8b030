/// The edit a Tab press makes: which word it replaces, with what, and what to list.
///
/// Kept apart from libedit so the rules can be tested without a terminal. The rules follow bash: a
/// single match is completed and followed by a space; several matches are completed as far as they
/// agree (their longest common prefix) and listed under the prompt.
struct WordCompletion: Equatable, Sendable {
  /// The text being completed: everything after the last space before the cursor.
  var word: String
  /// What replaces ``word``; equal to it when Tab cannot extend the word.
  var replacement: String
  /// The matches to list under the prompt; empty when the completion is unique.
  var alternatives: [String]

  /// Works out the edit, or `nil` when no candidate starts with the current word.
  init?(lineBeforeCursor: String, candidates: [String]) {
    let word = Self.currentWord(in: lineBeforeCursor)
    var seen: Set<String> = []
    let matches = candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    guard let first = matches.first else { return nil }
    self.word = word
    if matches.count == 1 {
      // No space after a path or an option that expects a value, so typing can continue.
      let continues = first.hasSuffix("/") || first.hasSuffix("=") || first.hasSuffix(" ")
      replacement = continues ? first : first + " "
      alternatives = []
    } else {
      replacement = Self.longestCommonPrefix(of: matches)
      alternatives = matches
    }
  }

  /// Whether pressing Tab changes the line.
  var changesLine: Bool { replacement != word }

  /// The text after the last space of `line`, or all of it when it has no space.
  static func currentWord(in line: String) -> String {
    guard let space = line.lastIndex(of: " ") else { return line }
    return String(line[line.index(after: space)...])
  }

  /// The longest string every element of `strings` starts with, compared by `Character`.
  static func longestCommonPrefix(of strings: [String]) -> String {
    guard var prefix = strings.first?[...] else { return "" }
    for string in strings.dropFirst() {
      let shared = zip(prefix, string).prefix { $0 == $1 }.count
      prefix = prefix.prefix(shared)
    }
    return String(prefix)
  }
}
