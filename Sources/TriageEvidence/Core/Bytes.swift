/// Byte-level helpers for importers.
public enum Bytes {
  /// Without leading and trailing spaces and tabs.
  @inlinable
  public static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
    while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
    return bytes[start..<end]
  }

  /// Splits on runs of spaces and tabs.
  @inlinable
  public static func fields(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    appendFields(of: bytes, to: &result)
    return result
  }

  /// Appends the fields of `bytes` (split on runs of spaces and tabs) to `fields`, so a row loop can
  /// reuse one buffer; the one field splitter of the importers.
  @inlinable
  public static func appendFields(
    of bytes: ArraySlice<UInt8>, to fields: inout [ArraySlice<UInt8>]
  ) {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      while index < end, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
      guard index < end else { break }
      let start = index
      while index < end, bytes[index] != 32, bytes[index] != 9 { index += 1 }
      fields.append(bytes[start..<index])
    }
  }

  /// Splits on `separator`, keeping empty parts.
  public static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
    bytes.split(separator: separator, omittingEmptySubsequences: false)
  }

  /// A non-negative decimal integer, or `nil` (commas as thousands separators are accepted).
  @inlinable
  public static func int(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    var digits = 0
    for byte in bytes {
      if byte >= 48 && byte <= 57 {
        value = value * 10 + Int(byte - 48)
        digits += 1
      } else if byte != UInt8(ascii: ",") {
        return nil
      }
    }
    return digits > 0 ? value : nil
  }

  /// A hexadecimal integer with or without `0x`, or `nil`.
  public static func hex(_ bytes: ArraySlice<UInt8>) -> Int? {
    var digits = bytes
    if digits.starts(with: "0x".utf8) || digits.starts(with: "0X".utf8) {
      digits = digits.dropFirst(2)
    }
    guard !digits.isEmpty, digits.count <= 15 else { return nil }
    var value = 0
    for byte in digits {
      let digit: Int
      switch byte {
      case 48...57: digit = Int(byte - 48)
      case 65...70: digit = Int(byte - 55)
      case 97...102: digit = Int(byte - 87)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }

  /// The first index of `needle` in `haystack`.
  public static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count else {
      return needle.isEmpty ? haystack.startIndex : nil
    }
    var index = haystack.startIndex
    let last = haystack.endIndex - needle.count
    while index <= last {
      if haystack[index] == first {
        var match = true
        for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
          match = false
          break
        }
        if match { return index }
      }
      index += 1
    }
    return nil
  }

  /// Whether `bytes` equal `text` ignoring ASCII case.
  public static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
    let other = text.utf8
    guard bytes.count == other.count else { return false }
    return zip(bytes, other).allSatisfy { lower($0) == lower($1) }
  }

  @inlinable
  static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

  /// A dotted-quad IPv4 address, or `nil`.
  public static func ipv4(_ bytes: ArraySlice<UInt8>) -> (UInt8, UInt8, UInt8, UInt8)? {
    var parts: [Int] = []
    var value = -1
    for byte in bytes {
      if byte >= 48 && byte <= 57 {
        value = (value < 0 ? 0 : value) * 10 + Int(byte - 48)
        if value > 255 { return nil }
      } else if byte == UInt8(ascii: ".") {
        guard value >= 0, parts.count < 3 else { return nil }
        parts.append(value)
        value = -1
      } else {
        return nil
      }
    }
    guard value >= 0, parts.count == 3 else { return nil }
    return (UInt8(parts[0]), UInt8(parts[1]), UInt8(parts[2]), UInt8(value))
  }

  /// Splits an endpoint into address and port: `10.0.0.5:445`, `[::1]:445`, `[fe80::1%4]:139`,
  /// `*:*`, `0.0.0.0:0`, `::ffff:10.0.0.5:445` (ss), and BSD's `10.0.0.5.445` / `*.445` when
  /// `dottedPort` is set. The port is `nil` for `*`.
  public static func endpoint(_ bytes: ArraySlice<UInt8>, dottedPort: Bool = false) -> (
    address: ArraySlice<UInt8>, port: Int?
  )? {
    guard !bytes.isEmpty else { return nil }
    let separator = dottedPort ? UInt8(ascii: ".") : UInt8(ascii: ":")
    guard let cut = bytes.lastIndex(of: separator) else { return nil }
    var address = bytes[bytes.startIndex..<cut]
    let portBytes = bytes[(cut + 1)...]
    let port: Int?
    if portBytes.count == 1, portBytes.first == UInt8(ascii: "*") {
      port = nil
    } else if let value = int(portBytes), value <= 65535, !portBytes.contains(UInt8(ascii: ",")) {
      port = value
    } else {
      return nil
    }
    if address.first == UInt8(ascii: "["), address.last == UInt8(ascii: "]") {
      address = address.dropFirst().dropLast()
    }
    guard !address.isEmpty else { return nil }
    return (address, port)
  }

  /// Whether an address is a wildcard or unspecified (`*`, `0.0.0.0`, `::`, `[::]`).
  public static func isUnspecified(_ address: ArraySlice<UInt8>) -> Bool {
    address.elementsEqual("*".utf8) || address.elementsEqual("0.0.0.0".utf8)
      || address.elementsEqual("::".utf8) || address.elementsEqual("[::]".utf8)
  }
}
