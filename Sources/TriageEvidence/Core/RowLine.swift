/// One line of a connection table while it is read: its number and its bytes as offsets into the
/// input's buffer. The row loop's ``EvidenceLine``, without reference counting.
struct RowLine {
  /// Line number, from 1, as in the original input.
  let number: Int
  /// The content, without the line end.
  let bytes: RowField

  /// The content without leading and trailing spaces and tabs.
  var trimmed: RowField {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
    while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
    return bytes[start..<end]
  }

  /// Whether the line holds only spaces and tabs.
  var isBlank: Bool { bytes.allSatisfy { $0 == 32 || $0 == 9 } }

  /// Whether the trimmed line starts with `prefix` (ASCII, case-sensitive).
  func hasPrefix(_ prefix: String) -> Bool { trimmed.starts(with: prefix.utf8) }

  /// Whether the line contains `needle` (case-sensitive).
  func contains(_ needle: String) -> Bool {
    let needle = Array(needle.utf8)
    guard let first = needle.first, needle.count <= bytes.count else { return needle.isEmpty }
    var index = bytes.startIndex
    let last = bytes.endIndex - needle.count
    while index <= last {
      if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return true
      }
      index += 1
    }
    return false
  }

  /// The same line as an ``EvidenceLine`` of `text` (the input the buffer holds), for messages.
  func evidenceLine(in text: EvidenceText) -> EvidenceLine {
    EvidenceLine(number: number, bytes: text.bytes[bytes.startIndex..<bytes.endIndex])
  }
}
