/// Turns the bytes of a paste into lines: bracketed-paste markers taken out, line ends of any
/// kind (LF, CRLF, CR) understood.
enum VerbatimText {
  /// Bracketed paste: the terminal sends this before pasted text…
  static let pasteStart: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]
  /// …and this after it.
  static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

  /// Whether `line` holds only `terminator`, give or take blanks.
  ///
  /// Compared as bytes from both ends, so a long pasted line costs no more than a short one.
  static func isTerminator(_ line: String, _ terminator: String) -> Bool {
    let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    let bytes = line.utf8
    guard let first = bytes.firstIndex(where: { !blank($0) }),
      let last = bytes.lastIndex(where: { !blank($0) })
    else {
      return terminator.isEmpty
    }
    return bytes[first...last].elementsEqual(terminator.utf8)
  }

  /// `bytes` without every occurrence of `marker`; and whether there was one.
  static func removing(_ marker: [UInt8], from bytes: [UInt8]) -> (bytes: [UInt8], found: Bool) {
    guard bytes.count >= marker.count else { return (bytes, false) }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var found = false
    var index = 0
    while index < bytes.count {
      if bytes[index] == marker[0], index + marker.count <= bytes.count,
        Array(bytes[index..<index + marker.count]) == marker
      {
        found = true
        index += marker.count
        continue
      }
      result.append(bytes[index])
      index += 1
    }
    return (result, found)
  }

  /// The lines of pasted bytes. A terminal sends a pasted CRLF as two line ends; when every other
  /// line is empty that is what happened, and the empty ones are dropped.
  static func lines(of bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        lines.append(String(decoding: current, as: UTF8.self))
        current = []
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
      } else {
        current.append(byte)
      }
      index += 1
    }
    if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
    if lines.count >= 4, stride(from: 1, to: lines.count, by: 2).allSatisfy({ lines[$0].isEmpty }) {
      lines = stride(from: 0, to: lines.count, by: 2).map { lines[$0] }
    }
    return lines
  }
}
