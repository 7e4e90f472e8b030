/// Byte helpers shared by the event-log and ISA/TMG log importers: `Name: value` lines,
/// case-insensitive prefixes, and text conversion.
enum LogBytes {
  /// The bytes as text (invalid UTF-8 repaired).
  static func text(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// The bytes without leading and trailing spaces, tabs and stray carriage returns.
  static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return bytes[start..<end]
  }

  /// The text without leading and trailing spaces, tabs and line ends.
  static func trim(_ text: String) -> String {
    let bytes = Array(text.utf8)[...]
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return start == bytes.startIndex && end == bytes.endIndex
      ? text : LogBytes.text(bytes[start..<end])
  }

  /// The bytes without trailing spaces and tabs.
  static func trimTrailing(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var end = bytes.endIndex
    while end > bytes.startIndex, isSpace(bytes[end - 1]) { end -= 1 }
    return bytes[bytes.startIndex..<end]
  }

  /// Space, tab, line feed, carriage return or form feed.
  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12
  }

  /// ASCII lowercase.
  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

  /// Whether `bytes` start with `prefix`, ignoring ASCII case.
  static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
    let other = prefix.utf8
    guard bytes.count >= other.count else { return false }
    return zip(bytes, other).allSatisfy { lower($0) == lower($1) }
  }

  /// Whether `bytes` equal `text`, ignoring ASCII case.
  static func equals(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
    bytes.count == text.utf8.count && hasPrefix(bytes, text)
  }

  /// Whether `bytes` contain `needle` (ASCII, lowercase), ignoring case.
  static func contains(_ bytes: ArraySlice<UInt8>, lowercase needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first, pattern.count <= bytes.count else { return pattern.isEmpty }
    var index = bytes.startIndex
    let last = bytes.endIndex - pattern.count
    while index <= last {
      if lower(bytes[index]) == first {
        var offset = 1
        while offset < pattern.count, lower(bytes[index + offset]) == pattern[offset] {
          offset += 1
        }
        if offset == pattern.count { return true }
      }
      index += 1
    }
    return false
  }

  /// Splits `Name: value` at the first `separator`; the name and the value come back trimmed. `nil`
  /// when there is no separator or the name is empty.
  static func keyValue(_ bytes: ArraySlice<UInt8>, separator: UInt8 = UInt8(ascii: ":")) -> (
    key: ArraySlice<UInt8>, value: ArraySlice<UInt8>
  )? {
    guard let cut = bytes.firstIndex(of: separator) else { return nil }
    let key = trim(bytes[bytes.startIndex..<cut])
    guard !key.isEmpty else { return nil }
    return (key, trim(bytes[(cut + 1)...]))
  }

  /// A lowercased key with runs of spaces, tabs, `-` and `_` removed: `Event ID` → `eventid`.
  static func compactKey(_ bytes: ArraySlice<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    for byte in bytes where !isSpace(byte) && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_")
    {
      out.append(lower(byte))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A decimal event ID (0…65535 would be the classic range; any non-negative 32-bit value is
  /// taken), or `nil`.
  static func eventID(_ bytes: ArraySlice<UInt8>) -> Int? {
    let digits = trim(bytes)
    guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      return nil
    }
    var value = 0
    for byte in digits { value = value * 10 + Int(byte - 48) }
    return value <= Int(UInt32.max) ? value : nil
  }

  /// The first lines of `text` that are not blank, for recognition.
  static func firstLines(of text: EvidenceText, count: Int) -> [EvidenceLine] {
    var lines: [EvidenceLine] = []
    for line in text.lines where !line.isBlank {
      lines.append(line)
      if lines.count >= count { break }
    }
    return lines
  }

  /// A value for a message, at most `limit` characters, with an ellipsis when cut.
  static func quoted(_ bytes: ArraySlice<UInt8>, limit: Int = 40) -> String {
    let text = LogBytes.text(bytes)
    return text.count > limit ? String(text.prefix(limit)) + "…" : text
  }
}
