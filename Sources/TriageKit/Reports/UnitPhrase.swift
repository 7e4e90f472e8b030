/// A number with its unit as English reads it: `1 minute`, `0 minutes`, `2 hosts per minute`.
///
/// Knowledge-base and vocabulary units are written in the plural (`minutes`, `hosts per minute`,
/// `connections`); for exactly one, the first word loses its plural ending. Units that are not
/// a plural noun (`per minute`, `ratio`, `%`, `s`) stay as written.
public enum UnitPhrase {
  /// `value` shown for people (``Report/number(_:)``) followed by `unit` in the right number.
  public static func quantity(_ value: Double, _ unit: String?) -> String {
    let number = Report.number(value)
    guard let unit, !unit.isEmpty else { return number }
    return "\(number) \(abs(value) == 1 ? singular(unit) : unit)"
  }

  /// `unit` for a count of one: `minutes` → `minute`, `hosts per minute` → `host per minute`,
  /// `entries` → `entry`.
  public static func singular(_ unit: String) -> String {
    let words = unit.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
    guard let first = words.first, first.count > 2, first.allSatisfy(\.isLetter),
      first.last == "s", !first.hasSuffix("ss"), first != "per"
    else { return unit }
    let stem: String
    if first.hasSuffix("ies") {
      stem = first.dropLast(3) + "y"
    } else if first.hasSuffix("sses") || first.hasSuffix("xes") || first.hasSuffix("ches") {
      stem = String(first.dropLast(2))
    } else {
      stem = String(first.dropLast())
    }
    return words.count > 1 ? "\(stem) \(words[1])" : stem
  }

  /// Units a knowledge-base text may write after a `{{fact}}`, in the plural.
  static let pluralUnits: Set<String> = [
    "minutes", "seconds", "hours", "hosts", "connections", "requests", "attempts", "sessions",
    "entries", "lines", "steps", "servers", "adapters", "connects", "targets", "records",
  ]

  /// `text` with "1 minutes" made "1 minute": a knowledge-base text writes its unit after a
  /// template (`{{safe-sweep-minutes}} minutes`), and only the filled-in number tells which.
  public static func singularizingOnes(_ text: String) -> String {
    guard text.contains("1 ") else { return text }
    let characters = Array(text)
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      out.append(character)
      index += 1
      guard character == "1", index < characters.count, characters[index] == " " else { continue }
      let before = index >= 2 ? characters[index - 2] : " "
      guard !before.isNumber, before != ".", before != "," else { continue }
      var end = index + 1
      while end < characters.count, characters[end].isLetter { end += 1 }
      let word = String(characters[(index + 1)..<end])
      guard pluralUnits.contains(word), end == characters.count || !characters[end].isNumber
      else { continue }
      out += " " + singular(word)
      index = end
    }
    return out
  }
}
