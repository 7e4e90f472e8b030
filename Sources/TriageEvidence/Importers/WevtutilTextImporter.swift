import TriageKit

/// Reads `wevtutil qe System /f:text`: `Event[0]:` then indented `Name: value` lines (`Log Name`,
/// `Source`, `Date`, `Event ID`, `Level`…) and `Description:`, whose text runs to the next
/// `Event[N]:`.
public enum WevtutilTextImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "wevtutil qe LOG /f:text (Event[0]: with Log Name, Source, Date, Event ID, Level, Description)"

  public static func recognition(of text: EvidenceText) -> Int {
    var marker = false
    var keys = 0
    for line in LogBytes.firstLines(of: text, count: 40) {
      let content = LogBytes.trim(line.bytes)
      if eventIndex(content) != nil {
        marker = true
      } else if let (key, _) = LogBytes.keyValue(content),
        ["logname", "eventid", "source", "level", "date"].contains(LogBytes.compactKey(key))
      {
        keys += 1
      }
    }
    return marker ? (keys >= 2 ? 100 : 60) : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var current: Draft?
    var lines = 0
    for line in text.lines {
      lines += 1
      let content = LogBytes.trim(line.bytes)
      if eventIndex(content) != nil {
        if let draft = current { events.append(try draft.record(source: text.source)) }
        current = Draft(line: line.number)
        continue
      }
      // `current?.…` changes the event in place, so a long description is not copied per line.
      guard let start = current?.line else {
        // Text before the first `Event[0]:` (a title, a command echo) is not part of an event.
        continue
      }
      if current?.inDescription == true {
        current?.message.append(LogBytes.text(LogBytes.trimTrailing(line.bytes)))
        continue
      }
      if content.isEmpty { continue }
      guard let (key, value) = LogBytes.keyValue(content) else {
        throw EvidenceError(
          source: text.source, line: line.number,
          message:
            "expected 'Name: value' or 'Description:' in the event that starts on line \(start), found '\(LogBytes.quoted(content))'"
        )
      }
      switch LogBytes.compactKey(key) {
      case "eventid":
        guard let id = LogBytes.eventID(value) else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message: "expected a number after 'Event ID:', found '\(LogBytes.quoted(value))'")
        }
        current?.id = id
      case "source": current?.source = LogBytes.text(value)
      case "level": current?.level = EventLevel.name(LogBytes.text(value))
      case "date": current?.time = LogBytes.text(value)
      case "description":
        current?.inDescription = true
        if !value.isEmpty { current?.message.append(LogBytes.text(value)) }
      default: break  // Log Name, Task, Opcode, Keyword, User, User Name, Computer
      }
    }
    if let draft = current { events.append(try draft.record(source: text.source)) }
    return try EventLogSummary.evidence(
      format: "wevtutil-text", events: events, lines: lines, source: text.source,
      expected: "wevtutil qe output in text format ('Event[0]:' followed by 'Event ID:' lines)")
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "two 4226 warnings and a service event",
      input: """
        Event[0]:
          Log Name: System
          Source: Tcpip
          Date: 2024-03-01T10:42:13.512
          Event ID: 4226
          Task: N/A
          Level: Warning
          Opcode: N/A
          Keyword: Classic
          User: N/A
          User Name: N/A
          Computer: MGMT01
          Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.

        Event[1]:
          Log Name: System
          Source: Tcpip
          Date: 2024-03-01T10:47:02.003
          Event ID: 4226
          Task: N/A
          Level: Warning
          Opcode: N/A
          Keyword: Classic
          User: N/A
          User Name: N/A
          Computer: MGMT01
          Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.

        Event[2]:
          Log Name: System
          Source: Service Control Manager
          Date: 2024-03-01T10:50:00.000
          Event ID: 7036
          Task: N/A
          Level: Information
          Description:
        The Windows Update service entered the stopped state.
        """,
      facts: ["event.4226": .number(2), "event.4227": .number(0), "event.count": .number(3)]),
    ImporterExample(
      "port exhaustion pair 4227 and 4231 on Server 2012",
      input: """
        Event[0]:
          Log Name: System
          Source: Tcpip
          Date: 2016-12-20T08:12:40.000
          Event ID: 4231
          Level: Error
          Description:
        A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use.

        Event[1]:
          Log Name: System
          Source: Tcpip
          Date: 2016-12-20T08:12:41.000
          Event ID: 4227
          Level: Warning
          Description:
        TCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used to connect to the same remote endpoint.
        """,
      facts: ["event.4231": .number(1), "event.4227": .number(1), "event.count": .number(2)]),
    ImporterExample(
      "an unrelated event only: every watched ID is zero",
      input: """
        Event[0]:
          Log Name: System
          Source: EventLog
          Date: 2016-12-22T05:29:02.512
          Event ID: 6009
          Task: N/A
          Level: Information
          Description:
        Microsoft (R) Windows (R) 10.00. 14393  Multiprocessor Free.
        """,
      facts: [
        "event.4226": .number(0), "event.15112": .number(0), "event.21284": .number(0),
        "event.count": .number(1),
      ]),
  ]

  /// The number in `Event[12]:` (colon optional), or `nil` when the line is not that marker.
  static func eventIndex(_ content: ArraySlice<UInt8>) -> Int? {
    guard content.starts(with: "Event[".utf8) else { return nil }
    var rest = content.dropFirst(6)
    guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return nil }
    let digits = rest[rest.startIndex..<close]
    rest = rest[(close + 1)...]
    guard !digits.isEmpty, digits.count <= 9, let index = Bytes.int(digits),
      !digits.contains(UInt8(ascii: ",")), rest.isEmpty || rest.elementsEqual(":".utf8)
    else { return nil }
    return index
  }

  /// An event being read.
  private struct Draft {
    var line: Int
    var id: Int?
    var source = ""
    var level = ""
    var time: String?
    var message: [String] = []
    var inDescription = false

    init(line: Int) { self.line = line }

    func record(source file: String) throws(EvidenceError) -> EventRecord {
      guard let id else {
        throw EvidenceError(
          source: file, line: line,
          message: "the event that starts here has no 'Event ID:' line", reason: .truncated)
      }
      return EventRecord(
        id: id, source: source, level: level, time: time,
        message: LogBytes.trim(message.joined(separator: "\n")), line: line)
    }
  }
}
