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
          location: reader.location))
    }
  }
}
