/// The whitespace-separated fields of one line, in a buffer reused from line to line so the row loop
/// of a connection table allocates nothing per row.
struct FieldBuffer {
  /// The fields of the last line split.
  private(set) var fields: [ArraySlice<UInt8>] = []

  init() {
    fields.reserveCapacity(16)
  }

  /// Splits `bytes` on runs of spaces and tabs.
  mutating func split(_ bytes: ArraySlice<UInt8>) {
    fields.removeAll(keepingCapacity: true)
    Bytes.appendFields(of: bytes, to: &fields)
  }
}
