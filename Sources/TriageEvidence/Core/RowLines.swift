#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lines of an ``EvidenceText`` as offsets into its buffer (``EvidenceText/withRowLines(_:)``):
/// numbered from 1 as in the original input, without quoting, the common indentation, prompt lines
/// and line ends, exactly as ``EvidenceText/lines`` gives them.
struct RowLines: Sequence {
  let buffer: UnsafeBufferPointer<UInt8>
  let quoted: Bool
  let excluded: Set<Int>
  let indentation: Int

  func makeIterator() -> Iterator {
    Iterator(lines: self)
  }

  /// The first `limit` non-blank lines, for `recognition(of:)`.
  func head(limit: Int = 30) -> [RowLine] {
    var lines: [RowLine] = []
    for line in self where !line.isBlank {
      lines.append(line)
      if lines.count == limit { break }
    }
    return lines
  }

  /// Where the line that starts at `start` ends: the first CR or LF from there, or the end.
  /// `memchr` finds the LF (vectorised in the C library); the line is then searched for a CR, which
  /// ends lines on its own only in old Mac text.
  @inline(__always)
  static func lineEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let count = buffer.count
    guard let base = buffer.baseAddress, start < count else { return count }
    var end = count
    if let found = memchr(base + start, 10, count - start) {
      end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    if end > start, let found = memchr(base + start, 13, end - start) {
      end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    return end
  }

  struct Iterator: IteratorProtocol {
    let lines: RowLines
    var position = 0
    var number = 0

    mutating func next() -> RowLine? {
      let buffer = lines.buffer
      let count = buffer.count
      while position < count {
        number += 1
        let start = position
        let end = RowLines.lineEnd(in: buffer, from: start)
        position = end
        if position < count {
          position +=
            buffer[position] == 13 && position + 1 < count && buffer[position + 1] == 10 ? 2 : 1
        }
        if !lines.excluded.isEmpty, lines.excluded.contains(number) { continue }
        var content = buffer[start..<end]
        if lines.quoted { content = EvidenceText.unquote(content) }
        if lines.indentation > 0 { content = EvidenceText.dedent(content, by: lines.indentation) }
        if EvidenceText.isPromptLine(content) { continue }
        return RowLine(number: number, bytes: content)
      }
      return nil
    }
  }
}
