import TriageKit

/// Reads events saved as delimited text: Event Viewer's "Save as CSV" (`Level,Date and Time,Source,
/// Event ID,Task Category`, the description in a sixth, unnamed column) and "Save as Text"
/// (the same, tab-separated); PowerShell's `Export-Csv`/`ConvertTo-Csv` of `Get-WinEvent` (`"Id"`,
/// `"ProviderName"`, `"TimeCreated"`, `"LevelDisplayName"`, `"Message"`…) or of `Get-EventLog`
/// (`"EventID"`, `"Source"`, `"EntryType"`, `"TimeGenerated"`…), with or without a `#TYPE` line;
/// and XP/2003 Event Viewer's header-less CSV (`Date,Time,Source,Type,Category,Event,User,
/// Computer,Description`). Fields follow RFC 4180: quoted fields may hold delimiters, `""` and
/// line ends.
public enum EventCSVImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "events as CSV or tab-separated text (Event Viewer Save As, Export-Csv of Get-WinEvent/Get-EventLog)"

  public static func recognition(of text: EvidenceText) -> Int {
    for line in LogBytes.firstLines(of: text, count: 3) {
      let content = LogBytes.trim(line.bytes)
      if content.starts(with: "#TYPE System.Diagnostics.Event".utf8) { return 100 }
      if content.starts(with: "#TYPE".utf8) { continue }
      if let header = Header(line: line), header.id != nil,
        header.source != nil || header.level != nil || header.time != nil
      {
        return 95
      }
      return xpRow(line) != nil ? 70 : 0
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var header: Header?
    var reader: DelimitedRecordReader?
    var lines = 0
    for line in text.lines {
      lines += 1
      guard let layout = header else {
        let content = LogBytes.trim(line.bytes)
        if content.isEmpty || content.starts(with: "#TYPE".utf8) { continue }
        if let row = xpRow(line) {
          header = .xp
          reader = DelimitedRecordReader(delimiter: UInt8(ascii: ","))
          events.append(try Header.xp.event(row, line: line.number, source: text.source))
          continue
        }
        guard let found = Header(line: line), found.id != nil else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected a header naming an 'Event ID' (Event Viewer) or 'Id'/'EventID' (PowerShell) column, found '\(LogBytes.quoted(content, limit: 60))'"
          )
        }
        header = found
        reader = DelimitedRecordReader(delimiter: found.delimiter)
        continue
      }
      guard let row = reader?.feed(line) else { continue }  // in place: no copy of its buffer
      if row.fields.allSatisfy({ LogBytes.trim($0).isEmpty }) { continue }
      if layout.isRepeat(of: row.fields) { continue }  // a second export appended to the first
      events.append(try layout.event(row.fields, line: row.line, source: text.source))
    }
    if let reader, reader.isInsideQuotes {
      throw EvidenceError(
        source: text.source, line: reader.startLine,
        message: "a quoted field in the record that starts here is never closed (expected '\"')",
        reason: .truncated)
    }
    return try EventLogSummary.evidence(
      format: header?.format ?? "eventviewer-csv", events: events, lines: lines,
      source: text.source,
      expected: "a header line and one row per event (Event Viewer CSV or Export-Csv)")
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Event Viewer Save as CSV: the description in an unnamed sixth column, on two lines",
      input: """
        Level,Date and Time,Source,Event ID,Task Category
        Warning,3/1/2024 10:47:02 AM,Tcpip,4226,None,TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
        Warning,3/1/2024 10:42:13 AM,Tcpip,4226,None,TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
        Information,3/1/2024 10:40:00 AM,Service Control Manager,7036,None,"The Windows Update service
        entered the stopped state."
        """,
      facts: ["event.4226": .number(2), "event.count": .number(3)]),
    ImporterExample(
      "Export-Csv of Get-WinEvent with the #TYPE line",
      input: """
        #TYPE System.Diagnostics.Eventing.Reader.EventLogRecord
        "Message","Id","Level","ProviderName","LogName","TimeCreated","LevelDisplayName"
        "A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use.","4231","2","Tcpip","System","12/20/2016 8:12:40 AM","Error"
        "TCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used to connect to the same remote endpoint.","4227","3","Tcpip","System","12/20/2016 8:12:41 AM","Warning"
        """,
      facts: ["event.4231": .number(1), "event.4227": .number(1), "event.count": .number(2)]),
    ImporterExample(
      "Event Viewer Save as Text, tab-separated, ISA events",
      input: """
        Level\tDate and Time\tSource\tEvent ID\tTask Category
        Warning\t10/27/2006 9:14:02 AM\tMicrosoft Firewall\t15112\tPacket filter\tThe client 192.168.100.115 exceeded its connection limit. The new connection was rejected.
        Error\t10/27/2006 9:15:40 AM\tMicrosoft Firewall\t21284\tNone\tThe number of denied connections from the source IP address 192.168.100.115 exceeded the configured limit.
        """,
      facts: ["event.15112": .number(1), "event.21284": .number(1), "event.count": .number(2)]),
  ]

  /// The fields of an XP/2003 header-less CSV row (`Date,Time,Source,Type,Category,Event,User,
  /// Computer,Description`), when `line` is one.
  private static func xpRow(_ line: EvidenceLine) -> [String]? {
    var probe = DelimitedRecordReader(delimiter: UInt8(ascii: ","))
    guard let row = probe.feed(line)?.fields, row.count >= 9,
      LogBytes.eventID(ArraySlice(row[5].utf8)) != nil,
      ["Information", "Warning", "Error", "Audit Success", "Audit Failure"].contains(
        EventLevel.name(row[3])),
      row[0].contains("/") || row[0].contains("-") || row[0].contains(".")
    else { return nil }
    return row
  }

  /// Which column holds what.
  private struct Header {
    var delimiter: UInt8
    var names: [String]
    var id: Int?
    var instanceID: Int?
    var source: Int?
    var level: Int?
    var displayLevel: Int?
    var time: Int?
    var clock: Int?
    var message: Int?
    var format: String

    /// XP/2003's fixed columns.
    static let xp = Header(
      delimiter: UInt8(ascii: ","), names: [], id: 5, instanceID: nil, source: 2, level: 3,
      displayLevel: nil, time: 0, clock: 1, message: 8, format: "eventviewer-xp-csv")

    init(
      delimiter: UInt8, names: [String], id: Int?, instanceID: Int?, source: Int?, level: Int?,
      displayLevel: Int?, time: Int?, clock: Int?, message: Int?, format: String
    ) {
      self.delimiter = delimiter
      self.names = names
      self.id = id
      self.instanceID = instanceID
      self.source = source
      self.level = level
      self.displayLevel = displayLevel
      self.time = time
      self.clock = clock
      self.message = message
      self.format = format
    }

    /// The header on `line`, or `nil` when it has fewer than two columns.
    init?(line: EvidenceLine) {
      let bytes = line.bytes
      let tab = bytes.contains(9)
      let semicolon =
        !tab && bytes.contains(UInt8(ascii: ";")) && !bytes.contains(UInt8(ascii: ","))
      delimiter = tab ? 9 : semicolon ? UInt8(ascii: ";") : UInt8(ascii: ",")
      var probe = DelimitedRecordReader(delimiter: delimiter)
      guard let cells = probe.feed(line)?.fields, cells.count >= 2 else { return nil }
      let keys = Self.keys(cells, tab: tab)
      names = keys
      let column = { (wanted: [String]) -> Int? in
        for key in wanted { if let index = keys.firstIndex(of: key) { return index } }
        return nil
      }
      id = column(["eventid", "id"])
      instanceID = column(["instanceid"])
      source = column(["source", "providername", "eventsource", "provider"])
      displayLevel = column(["leveldisplayname"])
      level = column(["level", "entrytype", "type", "eventtype"])
      time = column(["dateandtime", "timecreated", "timegenerated", "timewritten", "date"])
      clock = keys.contains("dateandtime") ? nil : column(["time"])
      message = column(["message", "description", "eventdescription"])
      if id == nil, instanceID != nil { id = instanceID }
      let viewer = keys.contains("dateandtime") || keys.contains("taskcategory")
      format = viewer ? (tab ? "eventviewer-tab" : "eventviewer-csv") : "powershell-csv"
    }

    /// The compact column names of header cells. Tab-separated headers are sometimes aligned by
    /// hand (`Source           Event ID` in one cell): runs of two spaces split them too.
    static func keys(_ cells: [String], tab: Bool) -> [String] {
      var parts = cells
      if tab {
        parts = cells.flatMap { cell -> [String] in
          cell.split(separator: "  ", omittingEmptySubsequences: true).map {
            LogBytes.trim(String($0))
          }
        }.filter { !$0.isEmpty }
      }
      return parts.map { LogBytes.compactKey(ArraySlice(LogBytes.trim($0).utf8)) }
    }

    /// Whether `fields` are not an event but this header again or a `#TYPE` line (two exports
    /// pasted one after the other).
    func isRepeat(of fields: [String]) -> Bool {
      if fields.count == 1, fields[0].hasPrefix("#TYPE ") { return true }
      guard !names.isEmpty else { return false }
      return Self.keys(fields, tab: delimiter == 9) == names
    }

    func event(_ fields: [String], line: Int, source file: String) throws(EvidenceError)
      -> EventRecord
    {
      let width = names.isEmpty ? 9 : names.count
      let spare = message == nil ? 1 : 0
      guard fields.count >= width, fields.count <= width + spare || names.isEmpty else {
        throw EvidenceError(
          source: file, line: line,
          message:
            "expected \(width)\(spare > 0 ? " or \(width + 1)" : "") fields, found \(fields.count)")
      }
      let value = { (index: Int?) -> String in
        guard let index, index < fields.count else { return "" }
        return LogBytes.trim(fields[index])
      }
      let rawID = value(id)
      guard var number = LogBytes.eventID(ArraySlice(rawID.utf8)) else {
        throw EvidenceError(
          source: file, line: line,
          message:
            "expected a number as the event ID, found '\(LogBytes.quoted(ArraySlice(rawID.utf8)))'"
        )
      }
      if id == instanceID { number &= 0xFFFF }
      let display = value(displayLevel)
      var text =
        message.map { value($0) } ?? (fields.count > width ? LogBytes.trim(fields[width]) : "")
      if names.isEmpty, fields.count > width {
        // XP's description is not quoted: its commas split it.
        text = LogBytes.trim(fields[(width - 1)...].joined(separator: ","))
      }
      let time = [value(self.time), value(clock)].filter { !$0.isEmpty }.joined(separator: " ")
      return EventRecord(
        id: number, source: value(source),
        level: EventLevel.name(display.isEmpty ? value(level) : display),
        time: time.isEmpty ? nil : time, message: text, line: line)
    }
  }
}
