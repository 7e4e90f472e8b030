// Reads the `references:` list.
extension KnowledgeBaseBuilder {
  mutating func readReference(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a reference", diagnostics: &diagnostics)
    else { return }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let url = reader.string("url", required: false)
    guard let title, claim(id, at: reader.location, kind: "reference") else { return }
    references[id] = Reference(id: id, title: title, url: url, location: reader.location)
  }
}
