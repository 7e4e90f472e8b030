// Readers of the fields several kinds of entry share: support, routes, closed sets, conditions.
extension KnowledgeBaseBuilder {
  mutating func readSupport(_ value: YAMLValue?, context: String) -> Support {
    guard let value else { return .none }
    guard let entries = value.entries else {
      diagnostics.append(
        Diagnostic(
          .error,
          "expected 'support' of \(context) to map cause IDs to factors, found \(value.kindName)",
          at: value.location))
      return .none
    }
    var result: [Support.Entry] = []
    for entry in entries {
      guard let factor = entry.value.number, factor >= -1, factor <= 1 else {
        diagnostics.append(
          Diagnostic(
            .error,
            "certainty factor for '\(entry.key)' must be a number from -1 to 1, found \(entry.value.kindName)",
            at: entry.value.location))
        continue
      }
      result.append(Support.Entry(cause: entry.key, factor: factor, location: entry.keyLocation))
    }
    return Support(result)
  }

  /// `next: id` or `{ next: id, support: {...} }`.
  mutating func readRoute(_ value: YAMLValue?, context: String) -> Route? {
    guard let value else { return nil }
    if let target = value.scalarText, !value.isNull {
      return Route(next: target, location: value.location)
    }
    guard var reader = MappingReader(value, context: context, diagnostics: &diagnostics) else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let target = reader.string("next") else { return nil }
    let location = reader.optional("next")?.location ?? reader.location
    let support = readSupport(reader.optional("support"), context: context)
    return Route(next: target, support: support, location: location)
  }

  /// A value of a closed set (`effort:`, `phase:`); an error with a near match for anything else.
  mutating func readEnum<E: RawRepresentable & CaseIterable>(
    _ type: E.Type, _ text: String?, key: String, of owner: String, at location: SourceLocation?
  ) -> E? where E.RawValue == String {
    guard let text else { return nil }
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    var message =
      "unknown \(key) '\(text)' in \(owner) (expected \(names.joined(separator: ", ")))"
    if let near = NearestMatch.suggestion(for: text, among: names) {
      message += " (did you mean '\(near)'?)"
    }
    diagnostics.append(Diagnostic(.error, message, at: location))
    return nil
  }

  /// A condition written under `key`, with its text; a parse error names the column inside it.
  mutating func readCondition(
    _ text: String?, key: String, of owner: String, at value: YAMLValue?,
    or fallback: SourceLocation
  ) -> WrittenCondition? {
    guard let text,
      let condition = parsed(
        text, at: value, or: fallback, "'\(key)' of \(owner)", ConditionParser.parse)
    else { return nil }
    return WrittenCondition(condition: condition, text: text)
  }

  /// `parse(text)`, or `nil` with "`what` does not parse" reported at the column inside the text
  /// when it sits on one line after its key (past the quote of a quoted value), else at the value.
  mutating func parsed<T>(
    _ text: String, at value: YAMLValue?, or fallback: SourceLocation, _ what: String,
    _ parse: (String) throws(ConditionParser.Failure) -> T
  ) -> T? {
    do {
      return try parse(text)
    } catch {
      var location = value?.location ?? fallback
      // Escapes in a quoted scalar make the file's columns differ from the text's: then the start
      // of the value is the honest place.
      let quoted = value?.isQuoted == true
      let hasEscapes = quoted && (text.contains("\"") || text.contains("'") || text.contains("\\"))
      if !text.contains("\n"), !hasEscapes {
        location.column += error.column - 1 + (quoted ? 1 : 0)
      }
      diagnostics.append(
        Diagnostic(.error, "\(what) does not parse: \(error.message)", at: location))
      return nil
    }
  }
}
