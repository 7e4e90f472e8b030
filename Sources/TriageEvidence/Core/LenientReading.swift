/// Reads evidence the way a browser reads broken HTML: every record that can be read is kept, and
/// the lines that could not are listed (``Evidence/skipped``) instead of refusing the whole input.
///
/// The importers themselves stay strict and exact; this wraps them. Lines people insert to mark
/// left-out text are skipped first; then, each time the importer stops at a line, that line is set
/// aside and the input read again, up to a budget that keeps large inputs fast. A paste indented as
/// a whole (a Markdown code block, a KB article with a tab before every line) is also read without
/// its common indentation, and the reading that skips fewer lines wins. Only input in which the
/// importer finds nothing of its kind is an error: the first error, as strict reading reports it.
enum LenientReading {
  /// Why a line a person inserted to mark left-out text is skipped.
  static let markerReason = "marks text left out of the paste"

  /// Reads `text` with `importer`, setting aside lines it cannot read.
  static func read(_ text: EvidenceText, with importer: any EvidenceImporter.Type)
    throws(EvidenceError) -> Evidence
  {
    var text = text
    var skipped: [SkippedLine] = []
    var lastMarker: Int?
    // The lines of the text as it came (the loop's copy; setting lines aside below does not
    // change it), read lazily: a large table is not held a second time as lines.
    if PasteMarker.mayContainMarker(text.bytes) {
      for line in text.lines where PasteMarker.isMarker(line.trimmed) {
        skipped.append(
          SkippedLine(
            line: line.number, text: line.text, reason: markerReason))
        text.excludedLines.insert(line.number)
        lastMarker = line.number
      }
    }
    // Each attempt reads the whole input again: many for a paste, few for a large file.
    let budget = max(16, min(400, 8_000_000 / max(1, text.bytes.count)))
    var firstError: EvidenceError?
    var cutOff = false
    var attempts = 0
    var joinTried: Set<Int> = []
    var rejoined: [Int] = []
    // The reading of `text` as the next attempt will find it, when a join test already made it.
    var nextReading: Result<Evidence, EvidenceError>?
    while true {
      do {
        let reading = nextReading ?? Self.reading(text, with: importer)
        nextReading = nil
        var evidence = try reading.get()
        if let lastMarker, lastMarker > text.lines.reduce(0, { $1.isBlank ? $0 : $1.number }) {
          cutOff = true
        }
        evidence.skipped = skipped.sorted { $0.line < $1.line }
        evidence.isCutOff = evidence.isCutOff || cutOff
        evidence.rejoinedLines = rejoined.sorted()
        return evidence
      } catch {
        if firstError == nil { firstError = error }
        attempts += 1
        guard let number = error.line, !text.excludedLines.contains(number),
          let line = text.lines.first(where: { $0.number == number })
        else { throw firstError ?? error }
        // A large input is not read again per bad line: one resuming reading sets its bad rows
        // aside, when the importer's rows can be read that way.
        if text.bytes.count > resumingSize,
          let evidence = resumedReading(
            text, skipped: skipped, rejoined: rejoined, cutOff: cutOff, lastMarker: lastMarker,
            importer: importer)
        {
          return evidence
        }
        var readingWithout: Result<Evidence, EvidenceError>?
        // A row wrapped onto the next line: both halves are unreadable alone, and the two joined
        // read past them.
        if attempts <= budget, !joinTried.contains(number), error.reason != .truncated,
          let joined = text.joiningLine(number)
        {
          joinTried.insert(number)
          attempts += 2
          var without = text
          without.excludedLines.insert(number)
          let withoutReading = Self.reading(without, with: importer)
          var continuationFails = false
          if case .failure(let error) = withoutReading {
            continuationFails = error.line == number + 1
          }
          // Unless the join is kept, `text` becomes `without` below: its reading is the next one.
          readingWithout = withoutReading
          var progressed = continuationFails
          if continuationFails {
            do { _ = try importer.read(joined) } catch {
              progressed = error.line.map { $0 > number + 1 } ?? false
            }
          }
          if progressed {
            text = joined
            rejoined.append(number)
            continue
          }
        }
        // The line goes on from the line before it, which was read (an e-mail client or a terminal
        // wrapped it at a space): a long line before, and the two joined read past this one.
        // (Not a last row cut off: that is what it looks like.)
        if attempts <= budget, !joinTried.contains(-number),
          error.reason != .truncated || !isLast(line, in: text),
          let previous = lineBefore(number, in: text), previous == number - 1,
          !text.excludedLines.contains(previous),
          let before = text.lines.first(where: { $0.number == previous }),
          isWrapped(before, before: line), let joined = text.joiningLine(previous)
        {
          joinTried.insert(-number)
          attempts += 1
          var progressed = true
          do { _ = try importer.read(joined) } catch {
            progressed = error.line.map { $0 > number } ?? false
          }
          if progressed {
            text = joined
            rejoined.append(previous)
            continue
          }
        }
        if attempts > budget {
          if let evidence = resumedReading(
            text, skipped: skipped, rejoined: rejoined, cutOff: cutOff, lastMarker: lastMarker,
            importer: importer)
          {
            return evidence
          }
          if let evidence = readCuttingTail(text, from: line, skipped: skipped, importer: importer)
          {
            return evidence
          }
          throw firstError ?? error
        }
        // A cut-off last row, unless it ends a run of lines already set aside (another output).
        // (A last line without a line end was cut mid-way, whatever the importer calls it.)
        if error.reason == .truncated || endsUnterminated(text), isLast(line, in: text),
          let previous = lineBefore(number, in: text),
          !text.excludedLines.contains(previous) || previous == lastMarker
        {
          cutOff = true
        }
        let reason =
          PasteMarker.isMarker(line.trimmed) ? markerReason : error.message
        skipped.append(SkippedLine(line: number, text: line.text, reason: reason))
        text.excludedLines.insert(number)
        nextReading = readingWithout
      }
    }
  }

  /// Above this size the first bad line leads to a resuming reading: reading the input again per
  /// bad line would spend the budget of 8 MB of re-reading within 16 lines.
  static let resumingSize = 8_000_000 / 16

  /// One reading that goes on after the rows it cannot read (``UnreadRows``) and sets them aside:
  /// adjacent ones as a run, a run to the end as "not … output from here on", the last row cut
  /// off as a cut-off input, as the reading line by line would. `nil` when the importer cannot
  /// read its rows that way, or nothing of its kind is found.
  private static func resumedReading(
    _ text: EvidenceText, skipped: [SkippedLine], rejoined: [Int], cutOff: Bool,
    lastMarker: Int?, importer: any EvidenceImporter.Type
  ) -> Evidence? {
    var resuming = text
    resuming.resumesAfterBadRows = true
    guard var evidence = try? importer.read(resuming), !evidence.unreadRows.isEmpty else {
      return nil
    }
    let rows = evidence.unreadRows
    evidence.unreadRows = []
    let unread = Set(rows.map(\.line))
    // One pass over every line (set aside or not): the last two non-blank ones, the last one
    // read, and the text of rows given without it (a record over several lines).
    var untitled = Set(rows.filter { $0.text.isEmpty }.map(\.line))
    var texts: [Int: String] = [:]
    var last: Int?
    var beforeLast: Int?
    var lastIncluded = 0
    var all = text
    all.excludedLines = []
    for line in all.lines where !line.isBlank {
      beforeLast = last
      last = line.number
      if !text.excludedLines.contains(line.number) { lastIncluded = line.number }
      if !untitled.isEmpty, untitled.remove(line.number) != nil { texts[line.number] = line.text }
    }
    var cutOff = cutOff
    if let lastMarker, lastMarker > lastIncluded { cutOff = true }
    // The last row cut off mid-way, after rows that were read.
    var cutRow: Int?
    if let final = rows.last, final.line == last {
      if final.error.reason == .truncated || endsUnterminated(text), let beforeLast,
        !unread.contains(beforeLast),
        !text.excludedLines.contains(beforeLast) || beforeLast == lastMarker
      {
        cutOff = true
        cutRow = final.line
      }
    }
    var entries = skipped
    var index = 0
    while index < rows.count {
      let first = rows[index]
      var end = index
      while end + 1 < rows.count, rows[end + 1].line == rows[end].line + 1,
        rows[end + 1].line != cutRow
      {
        end += 1
      }
      let count = end - index + 1
      let toEnd = rows[end].line == last && rows[end].line != cutRow
      let reason =
        count >= 3 && toEnd
        ? "not \(importer.kind.rawValue) output from here on" : first.error.message
      entries.append(
        SkippedLine(
          line: first.line, lastLine: count > 1 ? rows[end].line : nil, count: count,
          text: first.text.isEmpty ? texts[first.line] ?? "" : first.text, reason: reason))
      index = end + 1
    }
    evidence.skipped = entries.sorted { $0.line < $1.line }
    evidence.isCutOff = evidence.isCutOff || cutOff
    evidence.rejoinedLines = rejoined.sorted()
    return evidence
  }

  /// One reading of `text` by `importer`, as a value.
  private static func reading(_ text: EvidenceText, with importer: any EvidenceImporter.Type)
    -> Result<Evidence, EvidenceError>
  {
    do { return .success(try importer.read(text)) } catch { return .failure(error) }
  }

  /// Whether `line` looks wrapped at a space before `next` (see
  /// ``EvidenceText/looksWrappedAtSpace(_:before:rowWord:)``).
  private static func isWrapped(_ line: EvidenceLine, before next: EvidenceLine) -> Bool {
    EvidenceText.looksWrappedAtSpace(
      line.bytes, before: next.bytes, rowWord: EvidenceText.firstWord(line.bytes))
  }

  /// After the budget: sets aside everything from the run of skipped lines that ends at `line` to
  /// the end (another command's output appended to the paste) and reads once more.
  private static func readCuttingTail(
    _ text: EvidenceText, from line: EvidenceLine, skipped: [SkippedLine],
    importer: any EvidenceImporter.Type
  ) -> Evidence? {
    var start = line.number
    let skippedNumbers = Set(skipped.map(\.line))
    // Back through the run: skipped lines with only blank or skipped lines between them.
    let before = Array(text.lines.prefix { $0.number < line.number })
    for earlier in before.reversed() {
      if earlier.isBlank { continue }
      guard skippedNumbers.contains(earlier.number) else { break }
      start = earlier.number
    }
    var cut = text
    var count = 0
    var last = start
    var first: EvidenceLine?
    var all = text
    all.excludedLines = []
    for candidate in all.lines where candidate.number >= start {
      cut.excludedLines.insert(candidate.number)
      if !candidate.isBlank {
        count += 1
        last = candidate.number
        if first == nil { first = candidate }
      }
    }
    guard var evidence = try? importer.read(cut), let first else { return nil }
    var kept = skipped.filter { $0.line < start }
    kept.append(
      SkippedLine(
        line: start, lastLine: last, count: count, text: first.text,
        reason: "not \(importer.kind.rawValue) output from here on"))
    evidence.skipped = kept.sorted { $0.line < $1.line }
    return evidence
  }

  /// The number of the last non-blank line before `number`, set aside or not.
  private static func lineBefore(_ number: Int, in text: EvidenceText) -> Int? {
    var all = text
    all.excludedLines = []
    var previous: Int?
    for line in all.lines {
      if line.number >= number { break }
      if !line.isBlank { previous = line.number }
    }
    return previous
  }

  /// Whether the input's last line has no line end: cut mid-way, whatever the importer calls it.
  private static func endsUnterminated(_ text: EvidenceText) -> Bool {
    text.bytes.last.map { $0 != 10 && $0 != 13 } ?? false
  }

  /// Whether nothing but blank lines follows `line`.
  private static func isLast(_ line: EvidenceLine, in text: EvidenceText) -> Bool {
    !text.lines.contains { $0.number > line.number && !$0.isBlank }
  }

  /// The common leading indentation of the non-blank lines, in bytes (0 when some line has none
  /// or the lines disagree on spaces and tabs).
  static func commonIndentation(of text: EvidenceText) -> Int {
    // The first non-blank line's leading blanks, cut down to what every later line shares.
    var prefix: ArraySlice<UInt8>?
    for line in text.lines where !line.isBlank {
      let bytes = line.bytes
      guard let known = prefix else {
        prefix = bytes.prefix { $0 == 32 || $0 == 9 }
        if prefix?.isEmpty == true { return 0 }
        continue
      }
      var shared = 0
      var index = bytes.startIndex
      for byte in known {
        guard index < bytes.endIndex, bytes[index] == byte else { break }
        shared += 1
        index += 1
      }
      if shared == 0 { return 0 }
      if shared < known.count { prefix = known.prefix(shared) }
    }
    return prefix?.count ?? 0
  }

  /// Figures that say what was left aside: `3 lines skipped (first: line 7, …)`, `cut off at
  /// line 212`, `read as German output`.
  static func figures(of evidence: Evidence) -> [String] {
    var figures: [String] = []
    if let language = evidence.language { figures.append("read as \(language) output") }
    let count = evidence.skippedLineCount
    if let first = evidence.skipped.first {
      figures.append(
        "\(count) line\(count == 1 ? "" : "s") skipped (first: \(first.place), \(first.reason))")
    }
    if let first = evidence.rejoinedLines.first {
      let count = evidence.rejoinedLines.count
      figures.append(
        "\(count) wrapped line\(count == 1 ? "" : "s") re-joined (first: lines \(first)–\(first + 1))"
      )
    }
    if evidence.isCutOff { figures.append("the input looks cut off at the end") }
    return figures
  }
}
