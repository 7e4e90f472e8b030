import TriageKit

/// Reads events as XML: Event Viewer's "Save as XML" (`<Events>` around them), `wevtutil qe
/// /f:xml` (one `<Event>` after another, no root), `/f:RenderedXml` (with `<RenderingInfo>`), and
/// the Details tab's XML view copied with its `-` markers.
///
/// A small scanner, not `FoundationXML`: the wevtutil output has no single root, which a
/// conforming parser refuses, the copied XML view carries `-` markers outside the tags, and the
/// scanner keeps line numbers for errors and reads in one pass over the lines without
/// materialising a document. It knows what event XML needs: elements, attributes, the five
/// entities and character references, comments, CDATA, processing instructions and a DOCTYPE
/// (whose entities are not expanded).
public enum EventXMLImporter: EvidenceImporter {
  public static let kind = EvidenceKind.eventlog

  public static let summary =
    "events as XML (Event Viewer Save as XML, wevtutil qe /f:xml or /f:RenderedXml, the XML view)"

  public static func recognition(of text: EvidenceText) -> Int {
    for line in LogBytes.firstLines(of: text, count: 5) {
      let bytes = line.bytes
      if LogBytes.contains(bytes, lowercase: "<event xmlns=")
        || LogBytes.contains(bytes, lowercase: "<events>")
        || LogBytes.contains(bytes, lowercase: "<event>")
      {
        return 100
      }
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var scanner = Scanner(source: text.source)
    var lines = 0
    for line in text.lines {
      lines += 1
      try scanner.feed(line)
    }
    try scanner.finish()
    return try EventLogSummary.evidence(
      format: "event-xml", events: scanner.events, lines: lines, source: text.source,
      expected: "<Event> elements with an <EventID> (Event Viewer XML or wevtutil /f:xml)")
  }

  /// The facts it gives.
  public static let facts = EventLogSummary.facts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "wevtutil qe System /f:xml: events without a root",
      input: """
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Tcpip'/><EventID Qualifiers='32768'>4226</EventID><Level>3</Level><TimeCreated SystemTime='2024-03-01T10:42:13.512000000Z'/><Channel>System</Channel><Computer>MGMT01</Computer></System><EventData></EventData></Event>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Tcpip'/><EventID Qualifiers='32768'>4226</EventID><Level>3</Level><TimeCreated SystemTime='2024-03-01T10:47:02.003000000Z'/><Channel>System</Channel><Computer>MGMT01</Computer></System><EventData></EventData></Event>
        """,
      facts: ["event.4226": .number(2), "event.count": .number(2)]),
    ImporterExample(
      "Event Viewer Save as XML with rendering info",
      input: """
        <?xml version="1.0" encoding="UTF-8"?>
        <Events>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Tcpip'/><EventID Qualifiers='32768'>4231</EventID><Level>2</Level><TimeCreated SystemTime='2016-12-20T08:12:40.000Z'/></System><EventData></EventData><RenderingInfo Culture='en-US'><Message>A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use.</Message><Level>Error</Level></RenderingInfo></Event>
        </Events>
        """,
      facts: ["event.4231": .number(1), "event.count": .number(1)]),
    ImporterExample(
      "the XML view copied from the Details tab, with its markers",
      input: """
        - <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
        - <System>
          <Provider Name="Microsoft Firewall" />
          <EventID Qualifiers="32768">15112</EventID>
          <Level>3</Level>
          <TimeCreated SystemTime="2006-10-27T09:14:02.000Z" />
          </System>
        - <EventData>
          <Data>192.168.100.115</Data>
          </EventData>
          </Event>
        """,
      facts: ["event.15112": .number(1), "event.count": .number(1)]),
  ]

  /// The streaming scanner: markup and text, a stack of open elements, and the event being read.
  private struct Scanner {
    let source: String
    var events: [EventRecord] = []

    private enum Mode {
      case text
      case tag
      case comment
      case cdata
      case instruction
      case doctype
    }

    private var mode = Mode.text
    private var markup: [UInt8] = []
    private var markupLine = 0
    private var quote: UInt8 = 0
    private var text: [UInt8] = []
    private var stack: [(name: String, line: Int)] = []
    private var draft: Draft?

    init(source: String) { self.source = source }

    mutating func feed(_ line: EvidenceLine) throws(EvidenceError) {
      if mode != .text { markup.append(10) } else if capturing { text.append(10) }
      var index = line.bytes.startIndex
      let end = line.bytes.endIndex
      while index < end {
        let byte = line.bytes[index]
        switch mode {
        case .text:
          if byte == UInt8(ascii: "<") {
            mode = .tag
            markup.removeAll(keepingCapacity: true)
            markupLine = line.number
            quote = 0
          } else if capturing {
            text.append(byte)
          } else if !LogBytes.isSpace(byte), byte != UInt8(ascii: "-"), stack.isEmpty {
            let rest = LogBytes.trim(line.bytes[index...])
            throw EvidenceError(
              source: source, line: line.number,
              message: "expected '<Event>', found '\(LogBytes.quoted(rest))'")
          }
        case .tag:
          markup.append(byte)
          if quote != 0 {
            if byte == quote { quote = 0 }
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
          } else if markup.count == 3, markup.elementsEqual("!--".utf8) {
            mode = .comment
          } else if markup.count == 8, markup.elementsEqual("![CDATA[".utf8) {
            mode = .cdata
          } else if markup.count == 1, byte == UInt8(ascii: "?") {
            mode = .instruction
          } else if markup.count == 8, LogBytes.equals(markup[...], "!DOCTYPE") {
            mode = .doctype
          } else if byte == UInt8(ascii: ">") {
            markup.removeLast()
            try tag(line: line.number)
            mode = .text
            text.removeAll(keepingCapacity: true)
          }
        case .comment:
          markup.append(byte)
          if byte == UInt8(ascii: ">"), markup.count >= 6,
            markup.suffix(3).elementsEqual("-->".utf8)
          {
            mode = .text
          }
        case .cdata:
          markup.append(byte)
          if byte == UInt8(ascii: ">"), markup.suffix(3).elementsEqual("]]>".utf8) {
            if capturing { text.append(contentsOf: markup.dropFirst(8).dropLast(3)) }
            mode = .text
          }
        case .instruction:
          markup.append(byte)
          if byte == UInt8(ascii: ">"), markup.suffix(2).elementsEqual("?>".utf8) { mode = .text }
        case .doctype:
          markup.append(byte)
          if byte == UInt8(ascii: "[") {
            quote = 1  // inside the internal subset: wait for `]>`
          } else if byte == UInt8(ascii: ">"),
            quote == 0 || markup.suffix(2).elementsEqual("]>".utf8)
          {
            mode = .text
            quote = 0
          }
        }
        index += 1
      }
    }

    mutating func finish() throws(EvidenceError) {
      if mode != .text {
        throw EvidenceError(
          source: source, line: markupLine,
          message: "the markup that starts here is not closed (expected '>')", reason: .truncated)
      }
      if let draft, let open = stack.last {
        throw EvidenceError(
          source: source, line: draft.line,
          message:
            "the '<Event>' that starts here is not closed (expected '</Event>'; the input ends inside '<\(open.name)>')",
          reason: .truncated)
      }
      if let open = stack.last {
        throw EvidenceError(
          source: source, line: open.line,
          message: "'<\(open.name)>' is not closed (expected '</\(open.name)>')",
          reason: .truncated)
      }
    }

    /// Whether text is being kept: inside an element whose text matters.
    private var capturing: Bool {
      guard draft != nil, let top = stack.last?.name else { return false }
      return top == "EventID" || top == "Level" || top == "Data" || top == "Message"
    }

    private mutating func tag(line: Int) throws(EvidenceError) {
      let bytes = markup[...]
      if bytes.first == UInt8(ascii: "/") {
        let name = localName(LogBytes.trim(bytes.dropFirst()))
        guard let open = stack.last else {
          throw EvidenceError(
            source: source, line: markupLine, message: "'</\(name)>' closes nothing")
        }
        guard open.name == name else {
          throw EvidenceError(
            source: source, line: markupLine,
            message: "expected '</\(open.name)>' (opened on line \(open.line)), found '</\(name)>'"
          )
        }
        stack.removeLast()
        try close(name, parent: stack.last?.name, line: open.line)
        return
      }
      let selfClosing = bytes.last == UInt8(ascii: "/")
      let body = selfClosing ? bytes.dropLast() : bytes
      let nameEnd = body.firstIndex { LogBytes.isSpace($0) || $0 == 10 } ?? body.endIndex
      let name = localName(body[body.startIndex..<nameEnd])
      guard !name.isEmpty else {
        throw EvidenceError(
          source: source, line: markupLine, message: "expected an element name after '<'")
      }
      let attributes = Self.attributes(body[nameEnd...])
      try open(name, attributes: attributes)
      if !selfClosing {
        stack.append((name, markupLine))
      } else {
        try close(name, parent: stack.last?.name, line: markupLine)
      }
    }

    private mutating func open(_ name: String, attributes: [String: String]) throws(EvidenceError) {
      let parent = stack.last?.name
      if name == "Event" {
        if draft != nil {
          throw EvidenceError(
            source: source, line: markupLine,
            message: "expected '</Event>' before another '<Event>'")
        }
        draft = Draft(line: markupLine)
        return
      }
      guard draft != nil else { return }
      switch name {
      case "Provider" where parent == "System":
        draft?.source = attributes["Name"] ?? attributes["EventSourceName"] ?? ""
      case "TimeCreated" where parent == "System":
        draft?.time = attributes["SystemTime"]
      case "Data":
        draft?.dataName = attributes["Name"]
      default: break
      }
      text.removeAll(keepingCapacity: true)
    }

    private mutating func close(_ name: String, parent: String?, line: Int) throws(EvidenceError) {
      guard let current = draft else { return }
      defer { text.removeAll(keepingCapacity: true) }
      let value = Self.decode(text[...])
      switch name {
      case "Event":
        guard let id = current.id else {
          throw EvidenceError(
            source: source, line: current.line,
            message: "the '<Event>' that starts here has no '<EventID>'")
        }
        let message =
          current.message
          ?? current.data.filter { !$0.value.isEmpty }.map {
            ($0.name.map { "\($0)=" } ?? "") + $0.value
          }
          .joined(separator: "; ")
        events.append(
          EventRecord(
            id: id, source: current.source,
            level: current.displayLevel.map { EventLevel.name($0) }
              ?? current.level.map { EventLevel.name(number: $0) } ?? "",
            time: current.time, message: LogBytes.trim(message), line: current.line))
        draft = nil
      case "EventID" where parent == "System":
        guard let id = LogBytes.eventID(ArraySlice(value.utf8)) else {
          throw EvidenceError(
            source: source, line: line,
            message: "expected a number in '<EventID>', found '\(LogBytes.trim(value))'")
        }
        draft?.id = id
      case "Level" where parent == "System":
        draft?.level = Int(LogBytes.trim(value))
      case "Level" where parent == "RenderingInfo":
        draft?.displayLevel = LogBytes.trim(value)
      case "Message" where parent == "RenderingInfo":
        draft?.message = value
      case "Data":
        draft?.data.append((current.dataName, LogBytes.trim(value)))
        draft?.dataName = nil
      default: break
      }
    }

    /// `ns:Name` → `Name`.
    private func localName(_ bytes: ArraySlice<UInt8>) -> String {
      let name = bytes.lastIndex(of: UInt8(ascii: ":")).map { bytes[($0 + 1)...] } ?? bytes
      return LogBytes.text(name)
    }

    /// `Name='Tcpip' Guid="{…}"` → the attributes, entities decoded.
    private static func attributes(_ bytes: ArraySlice<UInt8>) -> [String: String] {
      var result: [String: String] = [:]
      var index = bytes.startIndex
      let end = bytes.endIndex
      while index < end {
        while index < end, LogBytes.isSpace(bytes[index]) || bytes[index] == 10 { index += 1 }
        let nameStart = index
        while index < end, bytes[index] != UInt8(ascii: "="), !LogBytes.isSpace(bytes[index]),
          bytes[index] != 10
        {
          index += 1
        }
        let name = bytes[nameStart..<index]
        while index < end, LogBytes.isSpace(bytes[index]) || bytes[index] == 10 { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else { break }
        index += 1
        while index < end, LogBytes.isSpace(bytes[index]) || bytes[index] == 10 { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
        else { break }
        let quote = bytes[index]
        index += 1
        let valueStart = index
        while index < end, bytes[index] != quote { index += 1 }
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
        result[LogBytes.text(local)] = decode(bytes[valueStart..<index])
        index += 1
      }
      return result
    }

    /// Text with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;` decoded; anything else kept.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
      guard bytes.contains(UInt8(ascii: "&")) else { return LogBytes.text(bytes) }
      var out = ""
      var index = bytes.startIndex
      while index < bytes.endIndex {
        let byte = bytes[index]
        if byte == UInt8(ascii: "&"),
          let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";"))
        {
          let entity = LogBytes.text(bytes[(index + 1)..<semicolon])
          var replacement: String?
          switch entity {
          case "lt": replacement = "<"
          case "gt": replacement = ">"
          case "amp": replacement = "&"
          case "quot": replacement = "\""
          case "apos": replacement = "'"
          default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
              replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                .map { String(Character($0)) }
            } else if entity.hasPrefix("#") {
              replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                .map { String(Character($0)) }
            }
          }
          if let replacement {
            out += replacement
            index = semicolon + 1
            continue
          }
        }
        let next = bytes[index...].firstIndex(of: UInt8(ascii: "&"), after: index) ?? bytes.endIndex
        out += LogBytes.text(bytes[index..<next])
        index = next
      }
      return out
    }
  }

  /// An event being read.
  private struct Draft {
    var line: Int
    var id: Int?
    var source = ""
    var level: Int?
    var displayLevel: String?
    var time: String?
    var message: String?
    var data: [(name: String?, value: String)] = []
    var dataName: String?

    init(line: Int) { self.line = line }
  }
}

extension ArraySlice where Element == UInt8 {
  /// The first index of `byte` after `index`.
  fileprivate func firstIndex(of byte: UInt8, after index: Int) -> Int? {
    guard index + 1 < endIndex else { return nil }
    return self[(index + 1)...].firstIndex(of: byte)
  }
}
