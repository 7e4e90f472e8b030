extension Support: CompactCodable {
  static var compactFieldCount: Int? { 1 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(try reader.read())
  }

  func write(to writer: inout CompactWriter) { entries.write(to: &writer) }
}

extension Support.Entry: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(cause: try reader.read(), factor: try reader.read(), location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    cause.write(to: &writer)
    factor.write(to: &writer)
    location.write(to: &writer)
  }
}

extension Route: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(next: try reader.read(), support: try reader.read(), location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    next.write(to: &writer)
    support.write(to: &writer)
    location.write(to: &writer)
  }
}
