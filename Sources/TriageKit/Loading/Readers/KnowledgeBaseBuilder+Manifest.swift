// Reads the manifest (`knowledge-base.yaml`): schema, identity, title and start node.
extension KnowledgeBaseBuilder {
  mutating func readManifest(_ reader: inout MappingReader) {
    let schema = reader.string("nettriage")
    if let schema, schema != KnowledgeBaseLoader.schema {
      diagnostics.append(
        Diagnostic(
          .error, "unsupported schema '\(schema)' (expected '\(KnowledgeBaseLoader.schema)')",
          at: reader.optional("nettriage")?.location ?? reader.location))
    }
    let id = reader.string("id")
    let version = reader.string("version")
    let title = reader.string("title")
    let start = reader.string("start")
    if let id, !KnowledgeBaseLoader.isKebabCase(id) {
      diagnostics.append(
        Diagnostic(.error, "knowledge-base id '\(id)' is not kebab-case", at: reader.location))
    }
    if let id, let version, let title, let start {
      manifest = (id, version, title, start, reader.optional("start")?.location ?? reader.location)
    }
  }
}
