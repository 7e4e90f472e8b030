import TriageKit

/// Reads PowerShell's list view of events: `Get-WinEvent … | Format-List` (or `Select-Object *`),
/// with `TimeCreated`, `ProviderName`, `Id`, `LevelDisplayName`/`Level` and `Message`, and
/// `Get-EventLog … | Format-List` with `EventID`, `Source`, `EntryType`, `TimeGenerated`, `Message`.
///
/// A property is `Name<padding>: value` at the start of a line; a value that wraps goes on in
/// indented lines; an event ends where one of its properties comes again. Blank lines inside a
/// message are kept.
public enum GetWinEventListImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "Get-WinEvent | Format-List (Id, ProviderName, TimeCreated, Message) or Get-EventLog | Format-List"

  public static func recognition(of text: EvidenceText) -> Int {
    var keys: Set<String> = []
    for line in LogBytes.firstLines(of: text, count: 80) {
      if let (key, _) = property(line.bytes) { keys.insert(key) }
    }
    let winEvent =
      keys.contains("id") && (keys.contains("providername") || keys.contains("timecreated"))
    let eventLog =
      keys.contains("eventid") && (keys.contains("entrytype") || keys.contains("timegenerated"))
    return winEvent || eventLog ? 90 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var current: Draft?
    var lines = 0
    var sawWinEvent = false
    var sawEventLog = false
    for line in text.lines {
      lines += 1
      // `current?.…` changes the event in place, so a long message is not copied per line.
      if let (key, value) = property(line.bytes) {
        if let draft = current, draft.values[key] != nil {
          events.append(try draft.record(source: text.source))
          current = nil
        }
        if current == nil { current = Draft(line: line.number) }
        current?.values[key] = (LogBytes.text(value), line.number)
        current?.last = key
        if ["providername", "timecreated", "leveldisplayname"].contains(key) { sawWinEvent = true }
        if ["eventid", "entrytype", "timegenerated"].contains(key) { sawEventLog = true }
      } else if line.isBlank {
        if let last = current?.last, current?.values[last]?.value.isEmpty == false {
          current?.values[last]?.value += "\n"
        }
      } else if let first = line.bytes.first, first == 32 || first == 9 {
        // The value of the last property goes on (PowerShell wraps to the value's column).
        guard let last = current?.last, let empty = current?.values[last]?.value.isEmpty else {
          continue  // before the first event: a wrapped command line, a title
        }
        current?.values[last]?.value +=
          (empty ? "" : "\n") + LogBytes.text(LogBytes.trim(line.bytes))
      } else if let start = current?.line {
        throw EvidenceError(
          source: text.source, line: line.number,
          message:
            "expected 'Name : value' or an indented continuation in the event that starts on line \(start), found '\(LogBytes.quoted(LogBytes.trim(line.bytes)))'"
        )
      }
    }
    if let draft = current { events.append(try draft.record(source: text.source)) }
    return try EventLogSummary.evidence(
      format: sawEventLog && !sawWinEvent ? "get-eventlog-list" : "get-winevent-list",
      events: events, lines: lines, source: text.source,
      expected: "Get-WinEvent or Get-EventLog output in list form ('Id : 4226' or 'EventID : 4226')"
    )
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Get-WinEvent with a message that wraps",
      input: """
        TimeCreated  : 3/1/2024 10:42:13 AM
        ProviderName : Tcpip
        Id           : 4226
        Message      : TCP/IP has reached the security limit imposed on the number of concurrent TCP
                       connect attempts.

        TimeCreated  : 3/1/2024 10:47:02 AM
        ProviderName : Tcpip
        Id           : 4226
        Message      : TCP/IP has reached the security limit imposed on the number of concurrent TCP
                       connect attempts.
        """,
      facts: ["event.4226": .number(2), "event.count": .number(2)]),
    ImporterExample(
      "Get-WinEvent | Select-Object * with a multi-paragraph message",
      input: """
        Message              : A request to allocate an ephemeral port number from the global TCP port
                               space has failed due to all such ports being in use.
        Id                   : 4231
        Level                : 2
        ProviderName         : Tcpip
        LogName              : System
        TimeCreated          : 12/20/2016 8:12:40 AM
        LevelDisplayName     : Error

        Message              : TCP/IP failed to establish an outgoing connection because the selected
                               local endpoint was recently used to connect to the same remote endpoint.

                               This error typically occurs when outgoing connections are opened and
                               closed at a high rate.
        Id                   : 4227
        Level                : 3
        ProviderName         : Tcpip
        LogName              : System
        TimeCreated          : 12/20/2016 8:12:41 AM
        LevelDisplayName     : Warning
        """,
      facts: ["event.4231": .number(1), "event.4227": .number(1), "event.count": .number(2)]),
    ImporterExample(
      "Get-EventLog | Format-List",
      input: """
        Index              : 13821
        EntryType          : Warning
        InstanceId         : 2147487874
        Message            : TCP/IP has reached the security limit imposed on the number of
                             concurrent TCP connect attempts.
        Category           : (0)
        CategoryNumber     : 0
        ReplacementStrings : {}
        Source             : Tcpip
        TimeGenerated      : 1/17/2019 19:17:23
        TimeWritten        : 1/17/2019 19:17:23
        UserName           :
        EventID            : 4226
        """,
      facts: ["event.4226": .number(1), "event.count": .number(1)]),
  ]

  /// `Name<spaces>: value` at the start of a line: the lowercased name and the value. The name is
  /// a PowerShell property name (letters and digits), the colon has a space or the line end after
  /// it.
  static func property(_ bytes: ArraySlice<UInt8>) -> (key: String, value: ArraySlice<UInt8>)? {
    guard let first = bytes.first, (first | 0x20) >= 97, (first | 0x20) <= 122 else { return nil }
    var index = bytes.startIndex
    var key: [UInt8] = []
    while index < bytes.endIndex,
      (bytes[index] | 0x20) >= 97 && (bytes[index] | 0x20) <= 122
        || (bytes[index] >= 48 && bytes[index] <= 57)
    {
      key.append(LogBytes.lower(bytes[index]))
      index += 1
    }
    while index < bytes.endIndex, bytes[index] == 32 { index += 1 }
    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { return nil }
    index += 1
    guard index == bytes.endIndex || bytes[index] == 32 else { return nil }
    return (String(decoding: key, as: UTF8.self), LogBytes.trim(bytes[index...]))
  }

  /// An event being read: its properties with the line each was on.
  private struct Draft {
    var line: Int
    var values: [String: (value: String, line: Int)] = [:]
    var last: String?

    init(line: Int) { self.line = line }

    func record(source file: String) throws(EvidenceError) -> EventRecord {
      let id: Int
      if let entry = values["id"] ?? values["eventid"] {
        guard let value = LogBytes.eventID(ArraySlice(entry.value.utf8)) else {
          throw EvidenceError(
            source: file, line: entry.line,
            message: "expected a number as the event ID, found '\(LogBytes.trim(entry.value))'")
        }
        id = value
      } else if let entry = values["instanceid"] {
        guard let value = LogBytes.eventID(ArraySlice(entry.value.utf8)) else {
          throw EvidenceError(
            source: file, line: entry.line,
            message: "expected a number as 'InstanceId', found '\(LogBytes.trim(entry.value))'")
        }
        id = value & 0xFFFF  // the event ID is the instance ID's low word
      } else {
        throw EvidenceError(
          source: file, line: line,
          message:
            "the event that starts here has no 'Id' (Get-WinEvent) or 'EventID' (Get-EventLog) property",
          reason: .truncated)
      }
      let level: String
      if let display = values["leveldisplayname"]?.value, !LogBytes.trim(display).isEmpty {
        level = EventLevel.name(display)
      } else {
        level = EventLevel.name(values["entrytype"]?.value ?? values["level"]?.value ?? "")
      }
      let time = (values["timecreated"] ?? values["timegenerated"] ?? values["timewritten"])
        .map { LogBytes.trim($0.value) }
      return EventRecord(
        id: id,
        source: LogBytes.trim(values["providername"]?.value ?? values["source"]?.value ?? ""),
        level: level, time: time.flatMap { $0.isEmpty ? nil : $0 },
        message: LogBytes.trim(values["message"]?.value ?? ""), line: line)
    }
  }
}
