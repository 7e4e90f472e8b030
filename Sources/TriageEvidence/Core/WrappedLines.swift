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
    return rewritten(joined, excluding: excludedLines)
  }

  /// This text with its bytes replaced by `bytes` (lines joined), keeping its source, encoding and
  /// indentation, and setting aside `excluded`; `nil` when the bytes are no text.
  func rewritten(_ bytes: [UInt8], excluding excluded: Set<Int>) -> EvidenceText? {
    guard var text = try? EvidenceText(bytes: bytes, source: source) else { return nil }
    text.encoding = encoding
    text.excludedLines = excluded
    text.indentation = indentation
    return text
  }
}

extension EvidenceText {
  /// The widths at which consoles wrap long lines: the default 80 columns of a Windows console or
  /// a terminal, and 79 for those that keep the last column free.
  static let terminalWidths = [80, 79]

  /// The text with the lines a terminal wrapped joined again, and the numbers of the lines that
  /// went on; `nil` when the text shows no such wrapping.
  ///
  /// A console wraps a long line at its width, mid-word, so the rows of a wide table (`ss -tanp`,
  /// `Get-NetTCPConnection`, a macOS `netstat -An`) reach the paste cut into pieces of exactly that
  /// many columns. Wrapping at width `W` is only assumed when some line is exactly `W` columns
  /// wide and none is wider; every line of exactly `W` columns is then joined, without a space,
  /// with the line after it (which is left blank and set aside, so later lines keep their
  /// numbers). A line that was exactly `W` columns by itself is joined too; the caller keeps this
  /// reading only when it sets aside fewer lines than the text as pasted.
  func unwrappingTerminalLines() -> (text: EvidenceText, joined: [Int])? {
    var lines: [(number: Int, bytes: ArraySlice<UInt8>)] = []
    var widest = 0
    // Lines as they came (prompt lines included: a wrapped prompt is part of the picture). A line
    // is never wider than its bytes, so only long ones are measured.
    let narrowest = Self.terminalWidths.min() ?? 0
    var position = 0
    var number = 0
    while position < bytes.count {
      number += 1
      var content = Self.nextLine(in: bytes, at: &position)
      if isQuoted { content = Self.unquote(content) }
      if content.count >= narrowest { widest = max(widest, Self.displayWidth(content)) }
      lines.append((number, content))
    }
    guard let width = Self.terminalWidths.first(where: { $0 == widest }) else { return nil }
    var joined: [Int] = []
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var excluded = excludedLines
    var index = 0
    while index < lines.count {
      let first = lines[index]
      output += first.bytes
      var next = index + 1
      var current = first.bytes
      // A wrapped line may wrap again: join while the piece fills the width, up to a blank line
      // or a line that starts with the row's first word (the next row of a padded table); a
      // blank line (spaces to the width) continues nothing, and a piece that ends in spaces (a
      // line padded to the width) goes on only on a line that starts with spaces.
      let rowWord = Self.firstWord(first.bytes)
      while !rowWord.isEmpty, Self.displayWidth(current) == width, next < lines.count,
        !lines[next].bytes.allSatisfy({ $0 == 32 || $0 == 9 }),
        !Self.firstWord(lines[next].bytes).elementsEqual(rowWord),
        !Self.endsBlank(current) || Self.startsBlank(lines[next].bytes)
      {
        output += lines[next].bytes
        if joined.last != first.number { joined.append(first.number) }
        excluded.insert(lines[next].number)
        current = lines[next].bytes
        next += 1
      }
      output.append(10)
      for _ in index + 1..<next { output.append(10) }
      index = next
    }
    // A last line without a line end (cut mid-way) stays without one.
    if let last = bytes.last, last != 10, last != 13, output.last == 10 { output.removeLast() }
    guard !joined.isEmpty, let text = rewritten(output, excluding: excluded) else { return nil }
    return (text, joined)
  }

  /// Whether a client wrapping at spaces would have wrapped `line`: it is wider than a terminal
  /// (and a space) and has a space within that width after its indentation and first word.
  static func couldHaveBeenWrapped(_ line: ArraySlice<UInt8>) -> Bool {
    let limit = terminalWidths[0] + 1
    guard line.count > limit else { return false }
    var content = line
    while let last = content.last, last == 32 || last == 9 { content = content.dropLast() }
    guard displayWidth(content) > limit else { return false }
    let body = content.drop { $0 == 32 || $0 == 9 }
    let word = body.prefix { $0 != 32 && $0 != 9 }
    return body.prefix(limit).dropFirst(word.count).contains { $0 == 32 || $0 == 9 }
  }

  /// The narrowest width at which e-mail clients and forums wrap lines (72 to 80 columns).
  static let narrowestWrapWidth = 72

  /// Whether `line` looks wrapped before `next` at a space, the way an e-mail client or a forum
  /// wraps: it is no wider than a terminal, and `next`'s first word would not have fitted after it
  /// (and a space, or the spaces it ends with) at the narrowest wrap width, so a client that wraps
  /// at the last space that fits moved it down. `rowWord` is the first word of the row `line` is
  /// part of (its own when it starts one).
  static func looksWrappedAtSpace(
    _ line: ArraySlice<UInt8>, before next: ArraySlice<UInt8>, rowWord: ArraySlice<UInt8>
  ) -> Bool {
    // Cheap first: the two together must pass the narrowest wrap width, and a line that starts
    // with the row's first word is the next row of the same table.
    guard line.count + next.count > narrowestWrapWidth else { return false }
    let word = firstWord(next)
    guard !word.isEmpty, !word.elementsEqual(rowWord) else { return false }
    var content = line
    while let last = content.last, last == 32 || last == 9 { content = content.dropLast() }
    // Up to the space the line was wrapped at: its trailing spaces when the client kept them.
    let width = max(displayWidth(content) + 1, displayWidth(line))
    guard !content.isEmpty, width <= terminalWidths[0] + 1 else { return false }
    // A client drops the space it wraps at, so the next line starts with a word; it starts with
    // spaces only when a run of spaces was cut (the line then ends with spaces too), while an
    // indented line after a line that ends in a word starts a field or a row of its own.
    let startsBlank = next.first.map { $0 == 32 || $0 == 9 } ?? false
    if startsBlank, content.count == line.count { return false }
    return width + displayWidth(word) > narrowestWrapWidth
  }

  /// The text with the lines an e-mail client or a forum wrapped at a space joined again (with a
  /// space), and the numbers of the lines that went on; `nil` when no line looks wrapped.
  ///
  /// Used when the text as pasted cannot be read, or sets lines aside: a message or a row cut
  /// between two words may hide the words that tell its kind (`Possible SYN` / `flooding on
  /// port`). The caller keeps this reading only when it sets aside fewer lines.
  func unwrappingMailLines() -> (text: EvidenceText, joined: [Int])? {
    var lines: [ArraySlice<UInt8>] = []
    var position = 0
    while position < bytes.count {
      var content = Self.nextLine(in: bytes, at: &position)
      if isQuoted { content = Self.unquote(content) }
      lines.append(content)
    }
    // A client wraps every line it can: a line wider than a terminal with a space it could have
    // been wrapped at says this text was not wrapped at spaces (a table with long rows).
    guard !lines.contains(where: Self.couldHaveBeenWrapped) else { return nil }
    // Cheap first: most texts have no line that looks wrapped.
    guard
      lines.indices.dropLast().contains(where: {
        Self.looksWrappedAtSpace(
          lines[$0], before: lines[$0 + 1], rowWord: Self.firstWord(lines[$0]))
      })
    else { return nil }
    var joined: [Int] = []
    var excluded = excludedLines
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + 16)
    var index = 0
    while index < lines.count {
      let first = lines[index]
      let rowWord = Self.firstWord(first)
      output += first
      var next = index + 1
      var current = first
      while next < lines.count, !excluded.contains(index + 1), !excluded.contains(next + 1),
        Self.looksWrappedAtSpace(current, before: lines[next], rowWord: rowWord)
      {
        if output.last != 32 { output.append(32) }
        output += lines[next].drop { $0 == 32 || $0 == 9 }
        if joined.last != index + 1 { joined.append(index + 1) }
        excluded.insert(next + 1)
        current = lines[next]
        next += 1
      }
      output.append(10)
      for _ in index + 1..<next { output.append(10) }
      index = next
    }
    if let last = bytes.last, last != 10, last != 13, output.last == 10 { output.removeLast() }
    guard !joined.isEmpty, let text = rewritten(output, excluding: excluded) else { return nil }
    return (text, joined)
  }

  static func startsBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.first.map { $0 == 32 || $0 == 9 } ?? false
  }

  static func endsBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.last.map { $0 == 32 || $0 == 9 } ?? false
  }

  /// The first whitespace-separated word of `line`.
  static func firstWord(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.drop { $0 == 32 || $0 == 9 }.prefix { $0 != 32 && $0 != 9 }
  }

  /// The columns a console gives `line`: one per character, two for the wide characters of
  /// Chinese, Japanese and Korean text.
  static func displayWidth(_ line: some ByteSlice) -> Int {
    var width = 0
    var index = line.startIndex
    while index < line.endIndex {
      let byte = line[index]
      if byte < 0x80 {
        width += 1
        index += 1
        continue
      }
      // The scalar's value, from its lead byte and continuation bytes.
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
      var scalar = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
      var offset = 1
      while offset < length, index + offset < line.endIndex {
        scalar = scalar << 6 | UInt32(line[index + offset]) & 0x3F
        offset += 1
      }
      width += isWide(scalar) ? 2 : 1
      index += offset
    }
    return width
  }

  /// Whether a console draws `scalar` two columns wide (East Asian wide and full-width forms).
  private static func isWide(_ scalar: UInt32) -> Bool {
    (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar)
      || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
      || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
      || (0xFFE0...0xFFE6).contains(scalar)
  }
}
