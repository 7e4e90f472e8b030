/// Lines a person inserts into a paste to say that text was left out: `...`, `…`, `[...]`,
/// `... truncated ...`, `<snip>`, `-- output omitted --`, `(1200 more lines)`.
///
/// Lenient reading skips them before an importer sees the text, with a note, and an input that
/// ends at one looks cut off.
enum PasteMarker {
  /// Bytes that may wrap a marker's words (`[`, `(`, `<`, `*`, `-`, `#`, `{`, `.`, `=`, `~`,
  /// `_`, `|`, `/`) and the spaces between them.
  private static func isWrapper(_ byte: UInt8) -> Bool {
    switch byte {
    case 32, 9, 0x5B, 0x5D, 0x28, 0x29, 0x3C, 0x3E, 0x2A, 0x2D, 0x23, 0x7B, 0x7D, 0x3D, 0x7E,
      0x5F, 0x7C, 0x2F, 0x3A:
      return true
    default: return false
    }
  }

  /// Words that say text was left out, lowercase (English, German, French, Spanish).
  private static let words: [[UInt8]] = [
    "truncat", "snip", "omitted", "trimmed", "more line", "more row", "more entr",
    "more connection", "lines removed", "rows removed", "removed for brevity", "cut here",
    "shortened", "redacted", "abgeschnitten", "gekürzt", "tronqué", "recortado", "etc",
  ].map { Array($0.utf8) }

  /// Whether the input may hold a marker at all: `..`, `…`, or the start of a marker word. One
  /// tight pass over the bytes, so a clean multi-megabyte table costs no line-by-line check.
  static func mayContainMarker(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var index = 0
      // Eight bytes at a time: a word in which no byte starts one of the pairs below is passed
      // over without a branch per byte; a word with a candidate is checked byte by byte.
      if let base = UnsafeRawPointer(buffer.baseAddress) {
        while index + 11 < count {
          let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          let next = base.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)
          if mayStartPair(word, next) {
            for start in index..<(index + 8) where startsPair(buffer, at: start) { return true }
          }
          index += 8
        }
      }
      while index + 2 < count {
        if startsPair(buffer, at: index) { return true }
        index += 1
      }
      return false
    }
  }

  /// Whether a byte of `word` may start `..`, `…`, `sn`, `tr`, `om` or `mo` (any case), `next`
  /// being the eight bytes one further: per byte, a flag for each first byte and its second.
  @inline(__always)
  private static func mayStartPair(_ word: UInt64, _ next: UInt64) -> Bool {
    let lower = word | 0x2020_2020_2020_2020
    let nextLower = next | 0x2020_2020_2020_2020
    let pairs =
      (equal(word, 0x2E) & equal(next, 0x2E)) | equal(word, 0xE2)
      | (equal(lower, 0x73) & equal(nextLower, 0x6E))
      | (equal(lower, 0x74) & equal(nextLower, 0x72))
      | (equal(lower, 0x6F) & equal(nextLower, 0x6D))
      | (equal(lower, 0x6D) & equal(nextLower, 0x6F))
    return pairs != 0
  }

  /// The high bit of each byte of `word` that equals `byte`, exactly.
  @inline(__always)
  private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let difference = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    let nonZero =
      ((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | difference
    return ~nonZero & 0x8080_8080_8080_8080
  }

  /// Whether a marker may start at `index` (the byte test ``mayContainMarker(_:)`` makes).
  @inline(__always)
  private static func startsPair(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + 2 < buffer.count else { return false }
    switch buffer[index] {
    case 0x2E:
      return buffer[index + 1] == 0x2E
    case 0xE2:
      return buffer[index + 1] == 0x80 && buffer[index + 2] == 0xA6
    case 0x53, 0x73:  // snip
      return buffer[index + 1] | 0x20 == 0x6E && buffer[index + 2] | 0x20 == 0x69
    case 0x54, 0x74:  // trunc
      return buffer[index + 1] | 0x20 == 0x72 && buffer[index + 2] | 0x20 == 0x75
    case 0x4F, 0x6F:  // omit
      return buffer[index + 1] | 0x20 == 0x6D && buffer[index + 2] | 0x20 == 0x69
    case 0x4D, 0x6D:  // more lines, more rows
      return buffer[index + 1] | 0x20 == 0x6F && buffer[index + 2] | 0x20 == 0x72
    default:
      return false
    }
  }

  /// Whether `trimmed` (a line without leading and trailing blanks) is such a marker.
  static func isMarker(_ trimmed: ArraySlice<UInt8>) -> Bool {
    guard let first = trimmed.first, trimmed.count <= 80 else { return false }
    // Cheap test first: markers start with a wrapper, a dot, `…` (0xE2) or a letter.
    let letter = (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A
    guard letter || first == 0x2E || first == 0xE2 || isWrapper(first) else { return false }
    // A line that starts with a letter is a marker only when a marker word starts it; checked on
    // the bytes, so table rows (`TCP …`, `tcp …`) cost no allocation.
    if letter, !startsWithMarkerWord(trimmed) { return false }
    // The core: without wrappers, dots and `…` at both ends.
    var start = trimmed.startIndex
    var end = trimmed.endIndex
    var dots = 0
    func skip(_ index: Int) -> Int? {
      let byte = trimmed[index]
      if byte == 0x2E {
        dots += 1
        return 1
      }
      if byte == 0xE2, index + 2 < trimmed.endIndex, trimmed[index + 1] == 0x80,
        trimmed[index + 2] == 0xA6
      {
        dots += 3
        return 3
      }
      return isWrapper(byte) ? 1 : nil
    }
    while start < end, let step = skip(start) { start += step }
    while end > start {
      if trimmed[end - 1] == 0xA6, end - 3 >= start, trimmed[end - 3] == 0xE2,
        trimmed[end - 2] == 0x80
      {
        dots += 3
        end -= 3
      } else if trimmed[end - 1] == 0x2E {
        dots += 1
        end -= 1
      } else if isWrapper(trimmed[end - 1]) {
        end -= 1
      } else {
        break
      }
    }
    if start == end { return dots >= 2 }
    // Words: only when the line is short and starts with a wrapper, dots or a marker word.
    let core = trimmed[start..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    guard core.count <= 48 else { return false }
    // A few words with digits (`1200 more lines`), never an address or a table row.
    guard !core.contains(0x3A), core.filter({ $0 == 0x2E }).count < 2 else { return false }
    for word in words where contains(core, word) {
      if word == Array("etc".utf8) { return core.count <= 4 && dots >= 2 }
      return letter ? startsWithWord(core) : true
    }
    return false
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for index in 0...(haystack.count - needle.count)
    where haystack[index..<(index + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }

  /// Whether `trimmed` starts with a marker word, ignoring ASCII case.
  private static func startsWithMarkerWord(_ trimmed: ArraySlice<UInt8>) -> Bool {
    for word in leadingWords where trimmed.count >= word.count {
      var index = trimmed.startIndex
      var match = true
      for byte in word {
        let candidate = trimmed[index]
        if (candidate >= 0x41 && candidate <= 0x5A ? candidate + 0x20 : candidate) != byte {
          match = false
          break
        }
        index += 1
      }
      if match { return true }
    }
    return false
  }

  private static let leadingWords: [[UInt8]] = [
    "truncat", "snip", "omitted", "trimmed", "output ", "rest ", "more ", "cut here",
  ].map { Array($0.utf8) }

  /// A line that starts with a letter is a marker only when a marker word starts it
  /// (`truncated`, `snip`), not when one appears in a sentence.
  private static func startsWithWord(_ core: [UInt8]) -> Bool {
    words.contains { core.starts(with: $0) && $0 != Array("etc".utf8) }
      || core.starts(with: "output ".utf8) || core.starts(with: "rest ".utf8)
  }
}
