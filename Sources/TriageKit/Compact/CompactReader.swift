/// Reads the compact form ``CompactWriter`` writes, in place from its UTF-8 bytes. Every read is
/// bounds-checked: a damaged form is a ``Failure``, never a crash.
struct CompactReader {
  /// Why a compact form cannot be read.
  struct Failure: Error {
    /// What was wrong, lowercase.
    var message: String
    /// The byte offset where it was found.
    var offset: Int
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var offset: Int
  private var strings: [String] = []
  private var depth = 0

  /// A reader of `bytes` from `offset` on, at the string table.
  init(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) throws(Failure) {
    self.bytes = bytes
    self.offset = offset
    let count = try readCount()
    strings.reserveCapacity(count)
    for _ in 0..<count {
      let length = try readCount()
      strings.append(
        String(
          decoding: UnsafeBufferPointer(rebasing: bytes[self.offset..<self.offset + length]),
          as: UTF8.self))
      self.offset += length
    }
  }

  /// Counts one more level of nesting (a condition or expression within another), so a damaged
  /// form cannot recurse without bound; ``leave()`` ends it.
  mutating func enter() throws(Failure) {
    depth += 1
    guard depth <= 256 else { throw failure("nested too deeply") }
  }

  /// Ends a level of nesting begun with ``enter()``.
  mutating func leave() { depth -= 1 }

  /// Whether every byte has been read.
  var atEnd: Bool { offset == bytes.count }

  /// A failure at the current offset.
  func failure(_ message: String) -> Failure { Failure(message: message, offset: offset) }

  /// An unsigned number.
  mutating func readUnsigned() throws(Failure) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
      let byte = bytes[offset]
      offset += 1
      guard shift < 64 else { break }
      switch byte & 0xE0 {
      case 0x20: value |= UInt64(byte & 31) << shift
      case 0x40: return value | UInt64(byte & 31) << shift
      default: throw Failure(message: "unexpected byte \(byte)", offset: offset - 1)
      }
      shift += 5
    }
    throw failure(offset < bytes.count ? "number too long" : "unexpected end")
  }

  /// An unsigned number less than `limit` (a tag or a flag).
  mutating func readUnsigned(below limit: UInt64) throws(Failure) -> UInt64 {
    let value = try readUnsigned()
    guard value < limit else { throw failure("unexpected tag \(value)") }
    return value
  }

  /// A count: no more than the bytes left could hold.
  mutating func readCount() throws(Failure) -> Int {
    let value = try readUnsigned()
    guard value <= UInt64(bytes.count - offset) else { throw failure("count \(value) too large") }
    return Int(value)
  }

  /// A whole number.
  mutating func readInt() throws(Failure) -> Int {
    let value = try readUnsigned()
    return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
  }

  /// A number.
  mutating func readDouble() throws(Failure) -> Double {
    let tagged = try readInt()
    if tagged & 1 == 0 { return Double(tagged >> 1) }
    guard tagged == 1 else { throw failure("unexpected number tag \(tagged)") }
    return Double(bitPattern: try readUnsigned())
  }

  /// A string from the string table.
  mutating func readString() throws(Failure) -> String {
    let index = try readUnsigned()
    guard index < UInt64(strings.count) else { throw failure("no string \(index)") }
    return strings[Int(index)]
  }

  /// A value.
  mutating func read<Value: CompactCodable>(_: Value.Type = Value.self) throws(Failure) -> Value {
    try Value(compact: &self)
  }
}
