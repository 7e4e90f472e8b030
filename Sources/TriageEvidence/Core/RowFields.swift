/// The whitespace-separated fields of one row, in a buffer reused from row to row: offsets into
/// the input, so splitting a row allocates nothing and counts no references.
struct RowFields {
  /// The fields of the last line split.
  private(set) var fields: [RowField] = []

  init() {
    fields.reserveCapacity(16)
  }

  /// Splits `bytes` on runs of spaces and tabs.
  mutating func split(_ bytes: RowField) {
    fields.removeAll(keepingCapacity: true)
    let base = bytes.base
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      while index < end, base[index] == 32 || base[index] == 9 { index += 1 }
      guard index < end else { break }
      let start = index
      while index < end, base[index] != 32, base[index] != 9 { index += 1 }
      fields.append(base[start..<index])
    }
  }
}
