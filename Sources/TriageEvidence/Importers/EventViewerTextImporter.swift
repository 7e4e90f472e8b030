import TriageKit

/// Reads events copied from Event Viewer: the General tab or "Copy details as text" of Vista and
/// later (`Log Name:`, `Source:`, `Date:`, `Event ID:`, `Level:`, `Description:`, and an `Event
/// Xml:` part that is skipped) and the Event Properties copy of XP/2003 (`Event Type:`, `Event
/// Source:`, `Event ID:`, `Date:`, `Time:`, `Description:`, `Data:`). Several events may follow one
/// another.
public enum EventViewerTextImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "Event Viewer event text (Log Name/Source/Event ID/Description, or XP's Event Type/Event Source/Event ID)"

  public static func recognition(of text: EvidenceText) -> Int {
    var keys: Set<String> = []
    for line in LogBytes.firstLines(of: text, count: 40) {
      let content = LogBytes.trim(line.bytes)
      if WevtutilTextImporter.eventIndex(content) != nil { return 0 }
      if let (key, _) = LogBytes.keyValue(content), let field = Field(key) {
        keys.insert(field.key)
      }
    }
    guard keys.contains("eventid") else { return 0 }
    if keys.contains("logname"), keys.contains("source") || keys.contains("level") { return 90 }
    if keys.contains("eventtype") || keys.contains("eventsource") { return 90 }
    return keys.count >= 3 ? 50 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var current: Draft?
    var lines = 0
    var sawXP = false
    var sawVista = false
    for line in text.lines {
      lines += 1
      let content = LogBytes.trim(line.bytes)
      let pair = LogBytes.keyValue(content)
      let field = pair.flatMap { Field($0.key) }

      // `current?.…` changes the event in place, so a long description is not copied per line.
      if let part = current?.part, part != .header {
        // Description, data or XML: only the start of the next event ends it.
        if let field, field.startsEvent, let draft = current {
          events.append(try draft.record(source: text.source))
          current = nil
        } else {
          if part == .description {
            if content.elementsEqual("Event Xml:".utf8) || content.elementsEqual("Data:".utf8) {
              current?.part = .skipped
            } else {
              current?.message.append(LogBytes.text(LogBytes.trimTrailing(line.bytes)))
            }
          }
          continue
        }
      }

      guard let pair, let field else {
        if content.isEmpty { continue }
        if let pair, Self.isFieldName(pair.key) { continue }  // a field not read (`Record Number:`)
        if let start = current?.line {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected 'Name: value' or 'Description:' in the event that starts on line \(start), found '\(LogBytes.quoted(content))'"
          )
        }
        continue  // text around the copied events
      }
      if let draft = current, field.startsEvent || draft.seen.contains(field.key) {
        events.append(try draft.record(source: text.source))
        current = nil
      }
      if current == nil { current = Draft(line: line.number) }
      current?.seen.insert(field.key)
      if field.isXP { sawXP = true } else if field.key == "logname" { sawVista = true }
      let value = pair.value
      switch field.role {
      case .eventID:
        guard let id = LogBytes.eventID(value) else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message: "expected a number after 'Event ID:', found '\(LogBytes.quoted(value))'")
        }
        current?.id = id
      case .source: current?.source = LogBytes.text(value)
      case .level: current?.level = EventLevel.name(LogBytes.text(value))
      case .date: current?.date = LogBytes.text(value)
      case .time: current?.clock = LogBytes.text(value)
      case .description:
        current?.part = .description
        if !value.isEmpty { current?.message.append(LogBytes.text(value)) }
      case .logName, .other: break
      }
    }
    if let draft = current { events.append(try draft.record(source: text.source)) }
    return try EventLogSummary.evidence(
      format: sawXP && !sawVista ? "eventviewer-xp-text" : "eventviewer-text",
      events: events, lines: lines, source: text.source,
      expected: "events copied from Event Viewer ('Event ID:' lines)")
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "a 4226 copied from the General tab (Vista and later)",
      input: """
        Log Name:      System
        Source:        Tcpip
        Date:          3/1/2024 10:42:13 AM
        Event ID:      4226
        Task Category: None
        Level:         Warning
        Keywords:      Classic
        User:          N/A
        Computer:      MGMT01.corp.example
        Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
        """,
      facts: ["event.4226": .number(1), "event.count": .number(1)]),
    ImporterExample(
      "two XP events from Event Properties, one with a Data part",
      input: """
        Event Type:\tWarning
        Event Source:\tTcpip
        Event Category:\tNone
        Event ID:\t4226
        Date:\t\t6/14/2005
        Time:\t\t2:11:09 PM
        User:\t\tN/A
        Computer:\tSCANNER
        Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.

        For more information, see Help and Support Center at http://go.microsoft.com/fwlink/events.asp.
        Data:
        0000: 00 00 00 00 01 00 54 00   ......T.

        Event Type:\tWarning
        Event Source:\tTcpip
        Event Category:\tNone
        Event ID:\t4226
        Date:\t\t6/14/2005
        Time:\t\t2:19:40 PM
        User:\t\tN/A
        Computer:\tSCANNER
        Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
        """,
      facts: ["event.4226": .number(2), "event.count": .number(2)]),
    ImporterExample(
      "an ISA 2004 connection-limit event from Microsoft Firewall",
      input: """
        Event Type:\tWarning
        Event Source:\tMicrosoft Firewall
        Event Category:\tPacket filter
        Event ID:\t15112
        Date:\t\t10/27/2006
        Time:\t\t9:14:02 AM
        User:\t\tN/A
        Computer:\tACME-PROXY
        Description:
        The client 192.168.100.115 exceeded its connection limit. The new connection was rejected.
        """,
      facts: ["event.15112": .number(1), "event.4226": .number(0), "event.count": .number(1)]),
  ]

  /// Whether `name` reads as a field name: words of letters, at most 30 characters.
  private static func isFieldName(_ name: ArraySlice<UInt8>) -> Bool {
    name.count <= 30
      && name.allSatisfy { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 || $0 == 32 }
  }

  /// A header name of either layout.
  private struct Field {
    enum Role {
      case logName
      case source
      case date
      case time
      case eventID
      case level
      case description
      case other
    }

    /// The compact name: `eventid`, `eventtype`, `logname`.
    let key: String
    let role: Role

    init?(_ name: ArraySlice<UInt8>) {
      key = LogBytes.compactKey(name)
      switch key {
      case "logname": role = .logName
      case "source", "eventsource": role = .source
      case "date", "logged": role = .date
      case "time": role = .time
      case "eventid": role = .eventID
      case "level", "eventtype": role = .level
      case "description": role = .description
      case "taskcategory", "eventcategory", "keywords", "user", "computer", "opcode",
        "moreinformation":
        role = .other
      default: return nil
      }
    }

    /// `Log Name:` (Vista and later) and `Event Type:` (XP) open an event.
    var startsEvent: Bool { key == "logname" || key == "eventtype" }

    /// Names only the XP layout has.
    var isXP: Bool { key == "eventtype" || key == "eventsource" || key == "eventcategory" }
  }

  /// An event being read.
  private struct Draft {
    enum Part {
      case header
      case description
      case skipped
    }

    var line: Int
    var id: Int?
    var source = ""
    var level = ""
    var date: String?
    var clock: String?
    var message: [String] = []
    var part = Part.header
    var seen: Set<String> = []

    init(line: Int) { self.line = line }

    func record(source file: String) throws(EvidenceError) -> EventRecord {
      guard let id else {
        throw EvidenceError(
          source: file, line: line,
          message: "the event that starts here has no 'Event ID:' line", reason: .truncated)
      }
      let time = [date, clock].compactMap { $0 }.joined(separator: " ")
      return EventRecord(
        id: id, source: source, level: level, time: time.isEmpty ? nil : time,
        message: LogBytes.trim(message.joined(separator: "\n")), line: line)
    }
  }
}
