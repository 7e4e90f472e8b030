/// Splits a dot command's arguments as a shell would: blanks separate words, quotes ('…' or "…")
/// and backslashes keep blanks inside one, so `.load "my file.txt"` and `.load my\ file.txt` name
/// the same file.
enum ShellWords {
  /// The words of `text`, or the problem to show (an unclosed quote).
  static func split(_ text: String) -> Result<[String], CommandProblem> {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in text {
      if escaped {
        current.append(character)
        escaped = false
        inWord = true
        continue
      }
      if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\", open == "\"" {
          escaped = true
        } else {
          current.append(character)
        }
        continue
      }
      switch character {
      case "\\":
        escaped = true
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if let quote {
      return .failure(CommandProblem(message: "unclosed quote \(quote) in '\(text)'"))
    }
    if escaped { current.append("\\") }
    if inWord || escaped { words.append(current) }
    return .success(words)
  }

  /// `text` quoted so that ``split(_:)`` gives it back as one word (for completions).
  static func quoted(_ text: String) -> String {
    guard text.contains(where: { " \t'\"\\".contains($0) }) else { return text }
    var result = ""
    for character in text {
      if " \t'\"\\".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
