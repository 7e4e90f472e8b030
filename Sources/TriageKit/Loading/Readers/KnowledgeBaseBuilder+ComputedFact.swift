// Reads the `computed:` list: facts derived from others by a formula.
extension KnowledgeBaseBuilder {
  mutating func readComputed(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a computed fact", diagnostics: &diagnostics)
    else { return }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let label = reader.string("label")
    let formula = reader.string("value")
    let unit = reader.string("unit", required: false)
    let note = reader.string("note", required: false)
    let limits = readLimits(reader.optional("limits"), of: id)
    guard let label, let formula, claim(id, at: reader.location, kind: "computed fact") else {
      return
    }
    if let expression = parsed(
      formula, at: reader.optional("value"), or: reader.location,
      "value of computed fact '\(id)'", ExpressionParser.parse)
    {
      computed.append(
        ComputedFact(
          id: id, label: label, expression: expression, formula: formula, unit: unit, note: note,
          limits: limits, location: reader.location))
    }
  }

  /// `limits:`, a mapping from each limit's name to its value: `ISA/TMG default: 160`.
  private mutating func readLimits(_ value: YAMLValue?, of id: String) -> [ComputedFact.Limit] {
    guard let value else { return [] }
    guard let entries = value.entries else {
      diagnostics.append(
        Diagnostic(
          .error,
          "expected 'limits' of computed fact '\(id)' to be a mapping from a name to a number, "
            + "found \(value.kindName)", at: value.location))
      return []
    }
    var limits: [ComputedFact.Limit] = []
    for entry in entries {
      guard let number = entry.value.number, number.isFinite, number >= 0 else {
        diagnostics.append(
          Diagnostic(
            .error,
            "expected limit '\(entry.key)' of computed fact '\(id)' to be a number of 0 or more, "
              + "found \(entry.value.scalarText.map { "'\($0)'" } ?? entry.value.kindName)",
            at: entry.value.location))
        continue
      }
      limits.append(ComputedFact.Limit(label: entry.key, value: number))
    }
    return limits
  }
}
