extension Condition: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    try reader.enter()
    defer { reader.leave() }
    switch try reader.readUnsigned(below: 9) {
    case 0:
      self = .compare(
        fact: try reader.read(), try Comparison(compactRaw: &reader), try reader.read())
    case 1: self = .member(fact: try reader.read(), try reader.read(), negated: try reader.read())
    case 2: self = .isTrue(fact: try reader.read())
    case 3: self = .known(fact: try reader.read())
    case 4: self = .missing(fact: try reader.read())
    case 5: self = .constant(try reader.read())
    case 6: self = .not(try reader.read())
    case 7: self = .and(try reader.read(), try reader.read())
    default: self = .or(try reader.read(), try reader.read())
    }
  }

  func write(to writer: inout CompactWriter) {
    switch self {
    case .compare(let fact, let comparison, let literal):
      writer.writeUnsigned(0)
      fact.write(to: &writer)
      comparison.writeRaw(to: &writer)
      literal.write(to: &writer)
    case .member(let fact, let literals, let negated):
      writer.writeUnsigned(1)
      fact.write(to: &writer)
      literals.write(to: &writer)
      negated.write(to: &writer)
    case .isTrue(let fact):
      writer.writeUnsigned(2)
      fact.write(to: &writer)
    case .known(let fact):
      writer.writeUnsigned(3)
      fact.write(to: &writer)
    case .missing(let fact):
      writer.writeUnsigned(4)
      fact.write(to: &writer)
    case .constant(let value):
      writer.writeUnsigned(5)
      value.write(to: &writer)
    case .not(let inner):
      writer.writeUnsigned(6)
      inner.write(to: &writer)
    case .and(let lhs, let rhs):
      writer.writeUnsigned(7)
      lhs.write(to: &writer)
      rhs.write(to: &writer)
    case .or(let lhs, let rhs):
      writer.writeUnsigned(8)
      lhs.write(to: &writer)
      rhs.write(to: &writer)
    }
  }
}

extension Condition.Literal: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    switch try reader.readUnsigned(below: 4) {
    case 0: self = .number(try reader.read())
    case 1: self = .string(try reader.read())
    case 2: self = .bool(try reader.read())
    default: self = .unknown
    }
  }

  func write(to writer: inout CompactWriter) {
    switch self {
    case .number(let value):
      writer.writeUnsigned(0)
      value.write(to: &writer)
    case .string(let value):
      writer.writeUnsigned(1)
      value.write(to: &writer)
    case .bool(let value):
      writer.writeUnsigned(2)
      value.write(to: &writer)
    case .unknown:
      writer.writeUnsigned(3)
    }
  }
}

extension WrittenCondition: CompactCodable {
  static var compactFieldCount: Int? { 2 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(condition: try reader.read(), text: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    condition.write(to: &writer)
    text.write(to: &writer)
  }
}
