extension EvidenceText {
  /// The text with line `number` and the line after it joined into one (a row a terminal or an
  /// e-mail client wrapped), the second line left blank so every later line keeps its number; `nil`
  /// when there is no such pair.
  func joiningLine(_ number: Int) -> EvidenceText? {
    // Where lines start and end, counted the way ``Lines`` counts them.
    var line = 1
    var index = 0
    var first: (start: Int, end: Int, next: Int)?
    var second: (start: Int, end: Int, next: Int)?
    while index <= bytes.count, second == nil {
      let start = index
      var end = start
      while end < bytes.count, bytes[end] != 10, bytes[end] != 13 { end += 1 }
      var next = end
      if next < bytes.count {
        next += bytes[next] == 13 && next + 1 < bytes.count && bytes[next + 1] == 10 ? 2 : 1
      }
      if line == number {
        guard next > end else { return nil }  // the last line has nothing after it
        first = (start, end, next)
      } else if line == number + 1 {
        second = (start, end, next)
      }
      if next == end { break }
      index = next
      line += 1
    }
    guard let first, let second else { return nil }
    var continued = bytes[second.start..<second.end]
    if isQuoted { continued = Self.unquote(continued) }
    continued = Bytes.trim(continued)
    guard !continued.isEmpty else { return nil }
    var joined = Array(bytes[0..<first.end])
    joined.reserveCapacity(bytes.count + 1)
    joined.append(32)
    joined += continued
    joined += bytes[first.end..<first.next]
    joined += bytes[second.end..<second.next]
    joined += bytes[second.next...]
    guard var text = try? EvidenceText(bytes: joined, source: source) else { return nil }
    text.encoding = encoding
    text.excludedLines = excludedLines
    text.indentation = indentation
    return text
  }
}
