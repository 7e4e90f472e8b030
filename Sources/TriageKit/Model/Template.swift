/// `{{fact-name}}` templates in knowledge-base texts.
public enum Template {
  /// The fact names a text refers to, in order of appearance.
  public static func factNames(in text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
      rest = rest[close.upperBound...]
    }
    return names
  }

  /// The text with every `{{name}}` replaced by `value(name)`.
  public static func render(_ text: String, value: (String) -> String) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      result += rest[..<open.lowerBound]
      result += value(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
      rest = rest[close.upperBound...]
    }
    return result + rest
  }
}
