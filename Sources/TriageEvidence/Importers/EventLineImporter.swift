import TriageKit

/// Reads events in the shapes people send when they do not copy from Event Viewer: one line
/// (`EventID 4226: TCP/IP has reached the security limit …`, also inside a sentence), a list of
/// fields (`Event ID: 4226` / `Source: Tcpip` / `Message: …`, or `ID:`), a bare `Event ID 4226` with
/// `Description` and the message on the next line, and the flattened table of a KB page
/// (`Event Id4226`, `SourceTcpip`, `DescriptionTCP/IP …`). Several events in one paste are kept
/// apart: each `Event ID` starts a new one. The message of a Tcpip event people paste without its
/// ID (`TCP/IP has reached the security limit imposed …`, 4226; 4227; 4231) is read as that event.
public enum EventLineImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog
  public static let summary =
    "events as one line ('EventID 4226: …') or a field list ('Event ID: 4226', 'Source:', 'Message:')"
  static let format = "event-lines"

  public static func recognition(of text: EvidenceText) -> Int {
    var sawID = false
    var sawOther = false
    for line in ConnectionRows.head(of: text) {
      let lower = lowered(line.trimmed)
      if lower.starts(with: "log name:".utf8) { return 0 }  // Event Viewer's own copy
      if inlineEvent(line.trimmed) != nil { return 70 }
      if eventID(lower, line.trimmed) != nil { sawID = true }
      if fieldValue(lower, line.trimmed, names: sourceNames) != nil
        || fieldValue(lower, line.trimmed, names: messageNames) != nil
        || lower.elementsEqual("description".utf8)
      {
        sawOther = true
      }
    }
    if sawID && sawOther { return 60 }
    // Only the message of a well-known event: below every importer that reads the whole paste.
    return ConnectionRows.head(of: text).contains { knownMessage($0.trimmed) != nil } ? 45 : 0
  }

  struct Draft {
    var id: Int
    var source = ""
    var message = ""
    var level = ""
    var time: String?
    var line: Int
    var inMessage = false

    var record: EventRecord {
      EventRecord(
        id: id, source: source, level: level, time: time,
        message: LogBytes.trim(message), line: line)
    }
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var events: [EventRecord] = []
    var current: Draft?
    var lines = 0
    for line in text.lines {
      lines = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else {
        if current?.inMessage == true { current?.inMessage = false }
        continue
      }
      let lower = lowered(trimmed)
      if let id = eventID(lower, trimmed) {
        if let draft = current { events.append(draft.record) }
        current = Draft(id: id, line: line.number)
      } else if let (id, message) = inlineEvent(trimmed) {
        if let draft = current { events.append(draft.record) }
        events.append(
          EventRecord(
            id: id, source: "", level: "", time: nil, message: message, line: line.number))
        current = nil
      } else if current != nil, let value = fieldValue(lower, trimmed, names: sourceNames) {
        current?.source = value
        current?.inMessage = false
      } else if current != nil, let value = fieldValue(lower, trimmed, names: messageNames) {
        current?.message = value
        current?.inMessage = true
      } else if current != nil, lower.elementsEqual("description".utf8) {
        current?.inMessage = true
      } else if current != nil, let value = fieldValue(lower, trimmed, names: levelNames) {
        current?.level = EventLevel.name(value)
      } else if current != nil, let value = fieldValue(lower, trimmed, names: timeNames) {
        current?.time = value
      } else if var draft = current, draft.inMessage {
        draft.message += (draft.message.isEmpty ? "" : " ") + LogBytes.text(trimmed)
        current = draft
      } else if current == nil, let id = knownMessage(trimmed) {
        events.append(
          EventRecord(
            id: id, source: "Tcpip", level: "", time: nil, message: LogBytes.text(trimmed),
            line: line.number))
      } else if ignored.contains(where: { lower.starts(with: $0) }) {
        continue
      } else {
        throw EvidenceError(
          source: text.source, line: line.number, column: line.column(of: trimmed),
          message:
            "expected an event line such as 'Event ID: 4226', 'Source: Tcpip' or 'Message: …', found '\(ConnectionRows.shown(trimmed))'"
        )
      }
    }
    if let draft = current { events.append(draft.record) }
    return try EventLogSummary.evidence(
      format: format, events: events, lines: lines, source: text.source,
      expected: "'Event ID: 4226' or 'EventID 4226: …' lines")
  }

  /// `Event ID: 4226`, `EventID 4226`, `ID: 4226`, `Event Id4226` (a whole line), or `nil`.
  static func eventID(_ lower: [UInt8], _ trimmed: ArraySlice<UInt8>) -> Int? {
    for name in idNames where lower.starts(with: name) {
      var rest = trimmed.dropFirst(name.count)
      while let first = rest.first, first == 32 || first == 9 || first == UInt8(ascii: ":") {
        rest = rest.dropFirst()
      }
      if let id = Bytes.int(Bytes.trim(rest)), id < 1_000_000 { return id }
    }
    return nil
  }

  /// `EventID 4226: message` or `Event ID 4226 - message` anywhere on a line (quoted in a sentence
  /// too), or `nil`.
  static func inlineEvent(_ trimmed: ArraySlice<UInt8>) -> (Int, String)? {
    let lower = lowered(trimmed)
    for name in [Array("eventid ".utf8), Array("event id ".utf8)] {
      guard let at = Bytes.find(name, in: ArraySlice(lower)) else { continue }
      var index = trimmed.startIndex + at + name.count
      let start = index
      while index < trimmed.endIndex, (48...57).contains(trimmed[index]) { index += 1 }
      guard index > start, let id = Bytes.int(trimmed[start..<index]) else { continue }
      var rest = trimmed[index...]
      guard let separator = rest.first, separator == UInt8(ascii: ":") || separator == 32 else {
        continue
      }
      rest = Bytes.trim(
        rest.drop { $0 == 32 || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") })
      guard rest.count >= 8 else { continue }
      var message = LogBytes.text(rest)
      for quote in ["\u{201D}.", "\u{201D}", "\"", "'"] where message.hasSuffix(quote) {
        message.removeLast(quote.count)
      }
      return (id, message)
    }
    return nil
  }

  /// The Tcpip events whose message is pasted alone, by the start of the message as Windows prints
  /// it (docs/evidence.md; the 4226 and 4227 texts are in the real fixtures, 4231's in the event
  /// CSV and XML examples).
  static let knownMessages: [(id: Int, start: [UInt8])] = [
    (4226, Array("TCP/IP has reached the security limit imposed on the number of concurrent".utf8)),
    (
      4227,
      Array(
        "TCP/IP failed to establish an outgoing connection because the selected local endpoint"
          .utf8)
    ),
    (
      4231,
      Array(
        "A request to allocate an ephemeral port number from the global TCP port space has failed"
          .utf8)
    ),
  ]

  /// The ID of the well-known Tcpip event whose message `trimmed` holds, or `nil`.
  static func knownMessage(_ trimmed: ArraySlice<UInt8>) -> Int? {
    knownMessages.first { Bytes.find($0.start, in: trimmed) != nil }?.id
  }

  /// The value of `Name: value` (or `Namevalue` as a flattened table prints it) for one of `names`.
  static func fieldValue(_ lower: [UInt8], _ trimmed: ArraySlice<UInt8>, names: [[UInt8]])
    -> String?
  {
    for name in names where lower.starts(with: name) {
      var rest = trimmed.dropFirst(name.count)
      if rest.first == UInt8(ascii: ":") {
        rest = rest.dropFirst()
      } else if let first = rest.first, !((65...90).contains(first)) {
        continue  // `Sources of…` is no field; a flattened `SourceTcpip` starts with a capital
      }
      let value = Bytes.trim(rest)
      return value.isEmpty ? nil : LogBytes.text(value)
    }
    return nil
  }

  private static func lowered(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
  }

  private static let idNames = ["event id", "eventid", "id:"].map { Array($0.utf8) }
  private static let sourceNames = ["source", "event source"].map { Array($0.utf8) }
  private static let messageNames = ["message", "description"].map { Array($0.utf8) }
  private static let levelNames = ["level:", "type:", "event type:"].map { Array($0.utf8) }
  private static let timeNames = ["date:", "time:", "logged:", "timecreated:"].map {
    Array($0.utf8)
  }
  private static let ignored = [
    "product:", "version:", "event details", "category:", "task category:", "user:",
    "computer:", "keywords:", "opcode:", "symbolic name:", "rule:", "log:",
  ].map { Array($0.utf8) }

  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "one line quoted in a sentence",
      input:
        "A new entry in the Event Viewer is created stating \u{201C}EventID 4226: TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.\u{201D}.\n",
      facts: ["event.4226": .number(1), "event.count": .number(1)]),
    ImporterExample(
      "two events as field lists, kept apart",
      input: """
        Event ID: 4226
        Source: Tcpip
        Message: TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.

        Event ID: 4231
        Source: Tcpip
        Message: A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use.
        """,
      facts: ["event.4226": .number(1), "event.4231": .number(1), "event.count": .number(2)]),
    ImporterExample(
      "an ID from another source is listed, not counted",
      input: """
        Event ID: 4226
        Source: Application Error
        Message: something else entirely happened here
        """,
      facts: ["event.4226": .number(0), "event.count": .number(1)]),
    ImporterExample(
      "only the message of a 4227, as people quote it",
      input: """
        TCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used to connect to the same remote endpoint.
        """,
      facts: ["event.4227": .number(1), "event.count": .number(1)]),
  ]
}
