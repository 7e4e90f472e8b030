/// `{{fact-name}}` templates in knowledge-base texts, with an optional wording for when the fact
/// has no value: `{{hosts-per-sweep|an unknown number of}}`.
public enum Template {
  /// One `{{…}}` in a text.
  public struct Placeholder: Hashable, Sendable {
    /// The fact's name.
    public var name: String
    /// What to show when the fact has no value (the text after `|`), if given.
    public var fallback: String?
  }

  /// The placeholders of a text, in order of appearance.
  public static func placeholders(in text: String) -> [Placeholder] {
    var found: [Placeholder] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      found.append(placeholder(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }

  /// The fact names a text refers to, in order of appearance.
  public static func factNames(in text: String) -> [String] {
    placeholders(in: text).map(\.name)
  }

  /// The text with every `{{name}}` replaced by `value(name)`; where that is `nil` (the fact has no
  /// value), by the placeholder's fallback, else by `(unknown)` — which `kb lint` does not let a
  /// knowledge base reach.
  public static func render(_ text: String, value: (String) -> String?) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      result += rest[..<open.lowerBound]
      let placeholder = placeholder(rest[open.upperBound..<close.lowerBound])
      result += value(placeholder.name) ?? placeholder.fallback ?? "(unknown)"
      rest = rest[close.upperBound...]
    }
    return result + rest
  }

  private static func placeholder(_ inside: Substring) -> Placeholder {
    guard let bar = inside.firstIndex(of: "|") else {
      return Placeholder(name: inside.trimmingCharacters(in: .whitespaces), fallback: nil)
    }
    return Placeholder(
      name: inside[..<bar].trimmingCharacters(in: .whitespaces),
      fallback: String(inside[inside.index(after: bar)...]))
  }
}
