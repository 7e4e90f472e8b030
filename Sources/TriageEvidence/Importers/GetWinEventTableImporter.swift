import TriageKit

/// Reads `Get-WinEvent`'s default table, what a bare `Get-WinEvent -FilterHashtable …` prints:
/// `ProviderName: Tcpip` group lines, the `TimeCreated  Id LevelDisplayName Message` header with
/// its dashes, then one row per event (the message cut to the console's width, or wrapped onto
/// indented lines with `-Wrap`).
public enum GetWinEventTableImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "Get-WinEvent's default table (ProviderName: groups, TimeCreated Id LevelDisplayName Message)"

  public static func recognition(of text: EvidenceText) -> Int {
    let lines = LogBytes.firstLines(of: text, count: 12)
    for (index, line) in lines.enumerated() where isHeader(line.bytes) {
      if index + 1 < lines.count, isRule(lines[index + 1].bytes) { return 90 }
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var provider = ""
    var inTable = false
    var sawTable = false
    var lines = 0
    for line in text.lines {
      lines += 1
      let content = LogBytes.trim(line.bytes)
      if content.isEmpty { continue }
      if LogBytes.hasPrefix(content, "ProviderName:") {
        provider = LogBytes.text(LogBytes.trim(content.dropFirst(13)))
        inTable = false
        continue
      }
      if isHeader(line.bytes) {
        inTable = true
        sawTable = true
        continue
      }
      let startsRow = content.first.map { $0 >= 48 && $0 <= 57 } ?? false
      guard inTable else {
        // Text around the tables (a command line, a title) is skipped, but not a lost row.
        if startsRow, sawTable {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected the 'TimeCreated  Id LevelDisplayName Message' header before this row")
        }
        continue
      }
      if isRule(line.bytes) { continue }
      if let first = line.bytes.first, first == 32 || first == 9, !events.isEmpty {
        // `-Wrap`: the message goes on under its column.
        events[events.count - 1].message += "\n" + LogBytes.text(content)
        continue
      }
      guard startsRow else {
        inTable = false  // the table ended: the next command's echo, a prompt
        continue
      }
      events.append(try row(line, provider: provider, source: text.source))
    }
    return try EventLogSummary.evidence(
      format: "get-winevent-table", events: events, lines: lines, source: text.source,
      expected: "rows under 'TimeCreated  Id LevelDisplayName Message' and its dashes")
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Get-WinEvent -FilterHashtable @{LogName='System'; Id=4226}",
      input: """

           ProviderName: Tcpip

        TimeCreated                     Id LevelDisplayName Message
        -----------                     -- ---------------- -------
        3/1/2024 10:47:02 AM          4226 Warning          TCP/IP has reached the security limit imposed on the number of concurr…
        3/1/2024 10:42:13 AM          4226 Warning          TCP/IP has reached the security limit imposed on the number of concurr…
        """,
      facts: ["event.4226": .number(2), "event.count": .number(2)]),
    ImporterExample(
      "two providers, one group each",
      input: """
           ProviderName: Tcpip

        TimeCreated                     Id LevelDisplayName Message
        -----------                     -- ---------------- -------
        12/20/2016 8:12:41 AM         4227 Warning          TCP/IP failed to establish an outgoing connection because the selected l…
        12/20/2016 8:12:40 AM         4231 Error            A request to allocate an ephemeral port number from the global TCP port …

           ProviderName: Service Control Manager

        TimeCreated                     Id LevelDisplayName Message
        -----------                     -- ---------------- -------
        12/20/2016 8:10:00 AM         7036 Information      The Windows Update service entered the stopped state.
        """,
      facts: ["event.4227": .number(1), "event.4231": .number(1), "event.count": .number(3)]),
    ImporterExample(
      "a table with -Wrap",
      input: """
           ProviderName: Microsoft Firewall

        TimeCreated                     Id LevelDisplayName Message
        -----------                     -- ---------------- -------
        10/27/2006 9:14:02 AM        15112 Warning          The client 192.168.100.115 exceeded its connection
                                                            limit. The new connection was rejected.
        """,
      facts: ["event.15112": .number(1), "event.count": .number(1)]),
  ]

  /// `TimeCreated  Id LevelDisplayName  Message` (the default view's columns, in order).
  static func isHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
    let words = Bytes.fields(bytes).map { LogBytes.text($0) }
    return words == ["TimeCreated", "Id", "LevelDisplayName", "Message"]
  }

  /// The dashes under the header.
  private static func isRule(_ bytes: ArraySlice<UInt8>) -> Bool {
    let content = LogBytes.trim(bytes)
    return !content.isEmpty && content.allSatisfy { $0 == UInt8(ascii: "-") || $0 == 32 }
      && content.contains(32)
  }

  /// One row: the time (date, clock, `AM`/`PM`), the ID (the first number after the time), the
  /// level (one word) and the message (the rest).
  private static func row(_ line: EvidenceLine, provider: String, source: String)
    throws(EvidenceError) -> EventRecord
  {
    let words = Bytes.fields(line.bytes)
    var found: (index: Int, id: Int)?
    for index in words.indices.dropFirst(2) {
      if let id = LogBytes.eventID(words[index]) {
        found = (index, id)
        break
      }
    }
    guard let (index, id) = found,
      words[..<index].contains(where: { $0.contains(UInt8(ascii: ":")) })
    else {
      throw EvidenceError(
        source: source, line: line.number,
        message:
          "expected a row 'TIME ID LEVEL MESSAGE' of the Get-WinEvent table, found '\(LogBytes.quoted(LogBytes.trim(line.bytes)))'"
      )
    }
    let time = words[..<index].map { LogBytes.text($0) }.joined(separator: " ")
    let level = index + 1 < words.count ? LogBytes.text(words[index + 1]) : ""
    var message = ""
    if index + 2 < words.count {
      message = LogBytes.text(LogBytes.trim(line.bytes[words[index + 2].startIndex...]))
    }
    return EventRecord(
      id: id, source: provider, level: EventLevel.name(level),
      time: time, message: message, line: line.number)
  }
}
