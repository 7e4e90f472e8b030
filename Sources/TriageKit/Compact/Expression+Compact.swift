extension Expression: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    try reader.enter()
    defer { reader.leave() }
    switch try reader.readUnsigned(below: 5) {
    case 0: self = .number(try reader.read())
    case 1: self = .fact(try reader.read())
    case 2: self = .negate(try reader.read())
    case 3:
      self = .binary(try reader.read(), try Operator(compactRaw: &reader), try reader.read())
    default: self = .call(try Function(compactRaw: &reader), try reader.read())
    }
  }

  func write(to writer: inout CompactWriter) {
    switch self {
    case .number(let value):
      writer.writeUnsigned(0)
      value.write(to: &writer)
    case .fact(let name):
      writer.writeUnsigned(1)
      name.write(to: &writer)
    case .negate(let inner):
      writer.writeUnsigned(2)
      inner.write(to: &writer)
    case .binary(let lhs, let op, let rhs):
      writer.writeUnsigned(3)
      lhs.write(to: &writer)
      op.writeRaw(to: &writer)
      rhs.write(to: &writer)
    case .call(let function, let arguments):
      writer.writeUnsigned(4)
      function.writeRaw(to: &writer)
      arguments.write(to: &writer)
    }
  }
}
