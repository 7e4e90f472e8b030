/// Reads the fields of one YAML mapping, collecting diagnostics instead of stopping at the first.
struct MappingReader {
  let value: YAMLValue
  private(set) var fields: [String: (keyLocation: SourceLocation, value: YAMLValue)] = [:]
  private var read: Set<String> = []
  var diagnostics: [Diagnostic] = []
  var context: String

  /// `context` names what the mapping is ("node 'error-code'") for messages.
  init?(_ value: YAMLValue, context: String, diagnostics: inout [Diagnostic]) {
    guard let entries = value.entries else {
      diagnostics.append(
        Diagnostic(
          .error, "expected \(context) as a mapping, found \(value.kindName)", at: value.location))
      return nil
    }
    self.value = value
    self.context = context
    for entry in entries {
      fields[entry.key] = (entry.keyLocation, entry.value)
    }
  }

  var location: SourceLocation { value.location }

  func has(_ key: String) -> Bool { fields[key] != nil }

  mutating func optional(_ key: String) -> YAMLValue? {
    read.insert(key)
    guard let field = fields[key], !field.value.isNull else { return nil }
    return field.value
  }

  mutating func string(_ key: String, required: Bool = true) -> String? {
    read.insert(key)
    guard let field = fields[key] else {
      if required {
        diagnostics.append(Diagnostic(.error, "\(context) lacks '\(key)'", at: location))
      }
      return nil
    }
    guard let text = field.value.scalarText, !field.value.isNull else {
      diagnostics.append(
        Diagnostic(
          .error, "expected '\(key)' of \(context) to be text, found \(field.value.kindName)",
          at: field.value.location))
      return nil
    }
    return text
  }

  mutating func number(_ key: String) -> Double? {
    read.insert(key)
    guard let field = fields[key], !field.value.isNull else { return nil }
    guard let number = field.value.number else {
      diagnostics.append(
        Diagnostic(
          .error, "expected '\(key)' of \(context) to be a number, found \(field.value.kindName)",
          at: field.value.location))
      return nil
    }
    return number
  }

  mutating func stringList(_ key: String) -> [(String, SourceLocation)] {
    read.insert(key)
    guard let field = fields[key], !field.value.isNull else { return [] }
    guard let items = field.value.items else {
      if let single = field.value.scalarText { return [(single, field.value.location)] }
      diagnostics.append(
        Diagnostic(
          .error, "expected '\(key)' of \(context) to be a list, found \(field.value.kindName)",
          at: field.value.location))
      return []
    }
    var result: [(String, SourceLocation)] = []
    for item in items {
      if let text = item.scalarText, !item.isNull {
        result.append((text, item.location))
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "expected an ID in '\(key)' of \(context), found \(item.kindName)",
            at: item.location))
      }
    }
    return result
  }

  /// Reports keys nobody read, with the nearest key that was read as a suggestion.
  mutating func finish() {
    for (key, field) in fields.sorted(by: { $0.key < $1.key }) where !read.contains(key) {
      // A file that is not ours (a link to /etc/shadow) shows only a short excerpt of each key.
      let message =
        "unknown key '\(VisibleText.excerpt(key, limit: 40))' in \(context)"
        + NearestMatch.hint(for: key, among: read.sorted())
      diagnostics.append(Diagnostic(.error, message, at: field.keyLocation))
    }
  }
}
