/// Writes the compact form of a model (``CompactCodable``): a string table, then the values.
///
/// Every byte but those of the strings' own UTF-8 is printable ASCII, so the whole form is valid
/// UTF-8 and can be compiled into the binary as a Swift string literal, read in place at start-up.
/// Numbers are written in groups of 5 bits, lowest first: `0x20 + group` while more follow,
/// `0x40 + group` for the last.
struct CompactWriter {
  private var body: [UInt8] = []
  private var stringIndex: [String: Int] = [:]
  private var strings: [String] = []

  /// An empty writer.
  init() {}

  /// A whole number (zig-zag, so small negative numbers stay short).
  mutating func writeInt(_ value: Int) {
    writeUnsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1)))))
  }

  /// A number: whole numbers short, any other with its bits.
  mutating func writeDouble(_ value: Double) {
    if value.rounded() == value, abs(value) < 0x1p52, value.sign == .plus || value != 0 {
      writeInt(Int(value) << 1)
    } else {
      writeInt(1)
      writeUnsigned(value.bitPattern)
    }
  }

  /// A string, as its place in the string table.
  mutating func writeString(_ value: String) {
    if let index = stringIndex[value] {
      writeUnsigned(UInt64(index))
    } else {
      stringIndex[value] = strings.count
      writeUnsigned(UInt64(strings.count))
      strings.append(value)
    }
  }

  /// An unsigned number.
  mutating func writeUnsigned(_ value: UInt64) {
    Self.append(value, to: &body)
  }

  private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    var rest = value
    while rest >= 32 {
      bytes.append(0x20 | UInt8(rest & 31))
      rest >>= 5
    }
    bytes.append(0x40 | UInt8(rest))
  }

  /// The form written: `format` and a line feed, the string table (count, then each string's
  /// UTF-8 length and bytes), then the values.
  func finished(format: String) -> String {
    var bytes = Array(format.utf8)
    bytes.append(0x0A)
    Self.append(UInt64(strings.count), to: &bytes)
    for string in strings {
      Self.append(UInt64(string.utf8.count), to: &bytes)
      bytes += string.utf8
    }
    bytes += body
    return String(decoding: bytes, as: UTF8.self)
  }
}
