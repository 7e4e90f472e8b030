/// One line of evidence: its number in the original input and its UTF-8 bytes, without the line end.
///
/// Importers work on bytes, not `String`s, so a large netstat is read in one pass without a regex or
/// an allocation per character.
public struct EvidenceLine: Sendable {
  /// Line number, from 1, as in the original input.
  public let number: Int
  /// The content, without the line end.
  public let bytes: ArraySlice<UInt8>

  public init(number: Int, bytes: ArraySlice<UInt8>) {
    self.number = number
    self.bytes = bytes
  }

  /// The content as text (invalid UTF-8 repaired).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The content without leading and trailing spaces and tabs.
  public var trimmed: ArraySlice<UInt8> { Bytes.trim(bytes) }

  /// Whether the line holds only spaces and tabs.
  public var isBlank: Bool { bytes.allSatisfy { $0 == 32 || $0 == 9 } }

  /// The whitespace-separated fields.
  public var fields: [ArraySlice<UInt8>] { Bytes.fields(bytes) }

  /// Whether the trimmed line starts with `prefix` (ASCII, case-sensitive).
  public func hasPrefix(_ prefix: String) -> Bool {
    trimmed.starts(with: prefix.utf8)
  }

  /// Whether the line contains `needle` (case-sensitive).
  public func contains(_ needle: String) -> Bool {
    Bytes.find(Array(needle.utf8), in: bytes) != nil
  }

  /// The 1-based column of the first byte of `slice` (a slice of this line's bytes).
  public func column(of slice: ArraySlice<UInt8>) -> Int {
    slice.startIndex - bytes.startIndex + 1
  }
}
