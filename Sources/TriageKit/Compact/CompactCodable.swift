/// A value with a compact form: the knowledge base compiled at build time
/// (``CompiledKnowledgeBase``) is written and read with it, so the binary starts without
/// parsing YAML or JSON and without the generic machinery of `Codable`.
///
/// Each conformance writes its stored properties in declaration order and reads them back in
/// the same order; ``compactFieldCount`` says how many it writes, so a test notices a property
/// added to the model but not to its compact form.
protocol CompactCodable {
  /// How many stored properties the compact form holds (for structs; `nil` for enums).
  static var compactFieldCount: Int? { get }
  /// Reads a value written by ``write(to:)``.
  init(compact reader: inout CompactReader) throws(CompactReader.Failure)
  /// Writes the value.
  func write(to writer: inout CompactWriter)
}

extension CompactCodable {
  static var compactFieldCount: Int? { nil }
}

extension String: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self = try reader.readString()
  }

  func write(to writer: inout CompactWriter) { writer.writeString(self) }
}

extension Int: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self = try reader.readInt()
  }

  func write(to writer: inout CompactWriter) { writer.writeInt(self) }
}

extension Double: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self = try reader.readDouble()
  }

  func write(to writer: inout CompactWriter) { writer.writeDouble(self) }
}

extension Bool: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self = try reader.readUnsigned(below: 2) == 1
  }

  func write(to writer: inout CompactWriter) { writer.writeUnsigned(self ? 1 : 0) }
}

extension Optional: CompactCodable where Wrapped: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self = try reader.readUnsigned(below: 2) == 1 ? Wrapped(compact: &reader) : nil
  }

  func write(to writer: inout CompactWriter) {
    if let self {
      writer.writeUnsigned(1)
      self.write(to: &writer)
    } else {
      writer.writeUnsigned(0)
    }
  }
}

extension Array: CompactCodable where Element: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    let count = try reader.readCount()
    var values: [Element] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try Element(compact: &reader)) }
    self = values
  }

  func write(to writer: inout CompactWriter) {
    writer.writeUnsigned(UInt64(count))
    for value in self { value.write(to: &writer) }
  }
}

extension Dictionary: CompactCodable where Key == String, Value: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    let count = try reader.readCount()
    var values: [String: Value] = [:]
    values.reserveCapacity(count)
    for _ in 0..<count {
      let key = try reader.readString()
      values[key] = try Value(compact: &reader)
    }
    self = values
  }

  /// Keys sorted, so the same dictionary always gives the same bytes.
  func write(to writer: inout CompactWriter) {
    writer.writeUnsigned(UInt64(count))
    for key in keys.sorted() {
      writer.writeString(key)
      self[key]!.write(to: &writer)
    }
  }
}

extension RawRepresentable where RawValue == String {
  /// Reads a raw value written by ``writeRaw(to:)``; an unknown one is a failure.
  init(compactRaw reader: inout CompactReader) throws(CompactReader.Failure) {
    let raw = try reader.readString()
    guard let value = Self(rawValue: raw) else { throw reader.failure("unknown value '\(raw)'") }
    self = value
  }

  /// Writes the raw value.
  func writeRaw(to writer: inout CompactWriter) { writer.writeString(rawValue) }
}
