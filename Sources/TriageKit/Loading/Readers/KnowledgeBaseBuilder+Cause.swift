// Reads the `causes:` list.
extension KnowledgeBaseBuilder {
  mutating func readCause(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a cause", diagnostics: &diagnostics) else {
      return
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let summary = reader.string("summary")
    let plan = reader.stringList("plan").map(\.0)
    let references = reader.stringList("references").map(\.0)
    let requires = readCondition(
      reader.string("requires", required: false), key: "requires", of: "cause '\(id)'",
      at: reader.optional("requires"), or: reader.location)
    guard let title, let summary, claim(id, at: reader.location, kind: "cause") else { return }
    causes[id] = Cause(
      id: id, title: title, summary: summary, plan: plan, references: references,
      location: reader.location, requires: requires)
    causeOrder.append(id)
  }
}
