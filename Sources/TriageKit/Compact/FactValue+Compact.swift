extension FactValue: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    switch try reader.readUnsigned(below: 5) {
    case 0: self = .bool(try reader.read())
    case 1: self = .number(try reader.read())
    case 2: self = .string(try reader.read())
    case 3: self = .unknown
    default: self = .list(try reader.read())
    }
  }

  func write(to writer: inout CompactWriter) {
    switch self {
    case .bool(let value):
      writer.writeUnsigned(0)
      value.write(to: &writer)
    case .number(let value):
      writer.writeUnsigned(1)
      value.write(to: &writer)
    case .string(let value):
      writer.writeUnsigned(2)
      value.write(to: &writer)
    case .unknown:
      writer.writeUnsigned(3)
    case .list(let values):
      writer.writeUnsigned(4)
      values.write(to: &writer)
    }
  }
}
