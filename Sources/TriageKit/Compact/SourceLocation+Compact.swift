extension SourceLocation: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      file: try reader.readString(), line: try reader.readInt(), column: try reader.readInt())
  }

  func write(to writer: inout CompactWriter) {
    writer.writeString(file)
    writer.writeInt(line)
    writer.writeInt(column)
  }
}
