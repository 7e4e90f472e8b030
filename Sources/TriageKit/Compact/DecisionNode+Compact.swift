extension DecisionNode: CompactCodable {
  static var compactFieldCount: Int? { 4 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), location: try reader.read(), branches: try reader.read(),
      otherwise: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    location.write(to: &writer)
    branches.write(to: &writer)
    otherwise.write(to: &writer)
  }
}

extension DecisionNode.Branch: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(condition: try reader.read(), text: try reader.read(), route: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    condition.write(to: &writer)
    text.write(to: &writer)
    route.write(to: &writer)
  }
}

extension ProbeNode: CompactCodable {
  static var compactFieldCount: Int? { 8 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), location: try reader.read(), probe: try reader.read(),
      arguments: try reader.read(), why: try reader.read(), consent: try reader.read(),
      next: try reader.read(), skipped: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    location.write(to: &writer)
    probe.write(to: &writer)
    arguments.write(to: &writer)
    why.write(to: &writer)
    consent.write(to: &writer)
    next.write(to: &writer)
    skipped.write(to: &writer)
  }
}
