extension KnowledgeBase: CompactCodable {
  /// The model's stored properties; the vocabulary (the binary's own) and the index cache
  /// (rebuilt on use) are not part of the compact form.
  static var compactFieldCount: Int? { 11 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      identity: try reader.read(), title: try reader.read(), start: try reader.read(),
      nodes: try reader.read(), nodeOrder: try reader.read(), causes: try reader.read(),
      causeOrder: try reader.read(), steps: try reader.read(), references: try reader.read(),
      computed: try reader.read(), startLocation: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    identity.write(to: &writer)
    title.write(to: &writer)
    start.write(to: &writer)
    nodes.write(to: &writer)
    nodeOrder.write(to: &writer)
    causes.write(to: &writer)
    causeOrder.write(to: &writer)
    steps.write(to: &writer)
    references.write(to: &writer)
    computed.write(to: &writer)
    startLocation.write(to: &writer)
  }
}

extension KnowledgeBase.Identity: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(id: try reader.read(), version: try reader.read(), digest: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    version.write(to: &writer)
    digest.write(to: &writer)
  }
}

extension ComputedFact: CompactCodable {
  static var compactFieldCount: Int? { 7 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), label: try reader.read(), expression: try reader.read(),
      formula: try reader.read(), unit: try reader.read(), note: try reader.read(),
      location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    label.write(to: &writer)
    expression.write(to: &writer)
    formula.write(to: &writer)
    unit.write(to: &writer)
    note.write(to: &writer)
    location.write(to: &writer)
  }
}
