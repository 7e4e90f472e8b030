import TriageKit

/// Reads PowerShell's `Test-NetConnection` (`tnc`): with and without `-Port`, with
/// `-InformationLevel Detailed` or `Quiet`, and the `WARNING:` lines it writes before its result;
/// also as a table (`| Select-Object ComputerName,RemotePort,TcpTestSucceeded`), a bare `True` or
/// `False` after the command line, and a test pasted with its warnings only (`TCP connect to …
/// failed`, `Ping to … failed`), which then reads as failed that way.
///
/// `ping_succeeded` is null when no ping ran or PowerShell hid it (a successful `-Port` test hides
/// `PingSucceeded`, whose value then reads False: PowerShell issue 25818); `tcp_test_succeeded` is
/// null without `-Port`. Several tests in one paste are listed in `tests`; the top-level fields are
/// those of the first test that failed, else of the last one, and each fact is false when any test
/// failed that way, true when every test that ran it passed.
public enum TestNetConnectionImporter: EvidenceImporter {
  public static let kind = EvidenceKind.testNetConnection
  public static let summary =
    "Test-NetConnection (tnc), with or without -Port, list or Quiet output"

  /// The word PowerShell writes before a warning: English, and as real Spanish, Brazilian
  /// Portuguese and Russian pastes show it (`ADVERTENCIA: TCP connect to (127.0.0.1 : 8080)
  /// failed`, `AVISO: Ping to … failed with status: TimedOut`; the message itself stays English).
  static let warningWords = [
    "WARNING:", "ADVERTENCIA:", "AVISO:",
    "\u{41F}\u{420}\u{415}\u{414}\u{423}\u{41F}\u{420}\u{415}\u{416}\u{414}\u{415}\u{41D}\u{418}\u{415}:",
  ]
  .map { Array($0.utf8) }

  /// The text of a warning line after its word, or `nil` when the line is not a warning.
  static func warningText(_ trimmed: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    for word in warningWords where trimmed.starts(with: word) {
      return Bytes.trim(trimmed.dropFirst(word.count))
    }
    return nil
  }

  public static func recognition(of text: EvidenceText) -> Int {
    if let command = text.command?.lowercased(),
      command.contains("test-netconnection") || command.hasPrefix("tnc ")
    {
      return 100
    }
    var score = 0
    for line in text.lines.prefix(30) {
      let trimmed = line.trimmed
      if let warning = warningText(trimmed),
        warning.starts(with: "TCP connect to".utf8) || warning.starts(with: "Ping to".utf8)
      {
        score = max(score, 90)
      }
      if tableHeader(trimmed) != nil { return 95 }
      guard let pair = keyValue(trimmed) else { continue }
      switch String(decoding: pair.key, as: UTF8.self) {
      case "TcpTestSucceeded", "PingSucceeded", "PingReplyDetails (RTT)", "NetRoute (NextHop)":
        return 95
      case "ComputerName": score = max(score, 80)
      default: break
      }
    }
    return score
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    try Reader.evidence(from: text)
  }

  /// The facts it gives.
  public static let facts = [
    FactDeclaration("tnc.tcp-test-succeeded", .yesNo, "`TcpTestSucceeded`"),
    FactDeclaration("tnc.ping-succeeded", .yesNo, "`PingSucceeded` (absent when not run)"),
  ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "port 445 filtered, ping answers",
      input: """
        PS C:\\> Test-NetConnection 10.0.0.9 -Port 445
        WARNING: TCP connect to (10.0.0.9 : 445) failed


        ComputerName           : 10.0.0.9
        RemoteAddress          : 10.0.0.9
        RemotePort             : 445
        InterfaceAlias         : Ethernet
        SourceAddress          : 10.0.0.5
        PingSucceeded          : True
        PingReplyDetails (RTT) : 1 ms
        TcpTestSucceeded       : False
        """,
      facts: ["tnc.tcp-test-succeeded": .bool(false), "tnc.ping-succeeded": .bool(true)]),
    ImporterExample(
      "port 445 open: PowerShell hides the ping",
      input: """
        ComputerName     : fileserver7
        RemoteAddress    : 10.0.3.17
        RemotePort       : 445
        InterfaceAlias   : Ethernet
        SourceAddress    : 10.0.0.5
        TcpTestSucceeded : True
        """,
      facts: ["tnc.tcp-test-succeeded": .bool(true)]),
    ImporterExample(
      "no -Port, the ping times out (newer PowerShell)",
      input: """
        WARNING: Ping to 10.0.0.9 failed with status: TimedOut

        ComputerName           : 10.0.0.9
        RemoteAddress          : 10.0.0.9
        InterfaceAlias         : Ethernet
        SourceAddress          : 10.0.0.5
        PingSucceeded          : False
        PingReplyDetails (RTT) : 0 ms
        """,
      facts: ["tnc.ping-succeeded": .bool(false)]),
    ImporterExample(
      "-InformationLevel Quiet",
      input: """
        PS C:\\> Test-NetConnection fileserver7 -Port 445 -InformationLevel Quiet
        False
        """,
      facts: ["tnc.tcp-test-succeeded": .bool(false)]),
  ]

  /// `Name   : value` → (key, value); the key is letters, digits, spaces and parentheses.
  static func keyValue(_ trimmed: ArraySlice<UInt8>) -> (
    key: ArraySlice<UInt8>, value: ArraySlice<UInt8>
  )? {
    guard let first = trimmed.first, (65...90).contains(first) || (97...122).contains(first) else {
      return nil
    }
    var index = trimmed.startIndex
    while index < trimmed.endIndex {
      let byte = trimmed[index]
      if byte == UInt8(ascii: ":") {
        guard index > trimmed.startIndex, trimmed[index - 1] == 32,
          index + 1 == trimmed.endIndex || trimmed[index + 1] == 32
        else { return nil }
        let key = Bytes.trim(trimmed[trimmed.startIndex..<index])
        return (key, Bytes.trim(trimmed[(index + 1)...]))
      }
      let allowed =
        (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
        || byte == 32 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
      guard allowed else { return nil }
      index += 1
    }
    return nil
  }

  /// The properties of a `Select-Object … | Format-Table` header, or `nil` unless every field is
  /// one of Test-NetConnection's and one of them is a result (`TcpTestSucceeded`, `PingSucceeded`).
  static func tableHeader(_ trimmed: ArraySlice<UInt8>) -> [String]? {
    let names = Bytes.fields(trimmed).map { String(decoding: $0, as: UTF8.self) }
    guard !names.isEmpty, names.allSatisfy(tableProperties.contains),
      names.contains("TcpTestSucceeded") || names.contains("PingSucceeded")
    else { return nil }
    return names
  }

  private static let tableProperties: Set<String> = [
    "ComputerName", "RemoteAddress", "RemotePort", "InterfaceAlias", "SourceAddress",
    "PingSucceeded", "TcpTestSucceeded", "NameResolutionSucceeded",
  ]

  /// A table's columns: names, and the character spans of the dashes under them once read.
  struct Table {
    var names: [String]
    var spans: [Range<Int>]?
    var rows = 0
  }

  /// One test as read.
  struct Test {
    var line: Int
    var lastLine: Int
    var computerName: String?
    var remoteAddress: String?
    var remotePort: Int?
    var interfaceAlias: String?
    var sourceAddress: String?
    var tcp: Bool?
    var ping: Bool?
    var rtt: Int?
    var warnings: [String] = []
    var pingStatus: String?
    var nameResolutionFailed = false
    var keys = 0
    /// The result comes from the WARNING lines alone (the paste has no result lines).
    var fromWarnings = false
    /// The computer the command line names, for a test without a `ComputerName` line.
    var target: String?

    init(line: Int) {
      self.line = line
      self.lastLine = line
    }

    var hasResult: Bool { tcp != nil || ping != nil }
    var isEmpty: Bool { keys == 0 && warnings.isEmpty }
    var failed: Bool { tcp == false || (tcp == nil && ping == false) }

    /// A test pasted with its warnings only: `TCP connect to … failed` is a TCP test that
    /// failed, `Ping to … failed` a ping that failed (PowerShell writes them before the result).
    mutating func readWarnings() {
      for warning in warnings where warning.hasSuffix("failed") || warning.contains(" failed ") {
        if warning.hasPrefix("TCP connect to ") { tcp = false }
        if warning.hasPrefix("Ping to ") { ping = false }
      }
      fromWarnings = hasResult
    }
  }

  /// What a command line says about the Quiet result that follows it.
  struct Command {
    var isTest: Bool
    var computerName: String?
    var port: Int?
    var quiet: Bool
  }

  struct Reader: PromptAwareReader {
    let source: String
    var tests: [Test] = []
    var current = Test(line: 1)
    var command: Command?
    var continuing = false
    var table: Table?
    var lineCount = 0

    init(source: String) { self.source = source }

    mutating func prompt(_ text: String, line: Int) {
      lineCount = line
      continuing = false
      command = Self.parse(text)
      if command?.isTest == true {
        startTest(at: line)
        current.target = command?.computerName
      }
    }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lineCount = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else {
        continuing = false
        if table?.rows ?? 0 > 0 { table = nil }
        return
      }
      if let names = TestNetConnectionImporter.tableHeader(trimmed) {
        table = Table(names: names)
        return
      }
      if var table {
        if table.spans == nil, trimmed.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == 32 }) {
          let dashes = Bytes.fields(line.bytes)
          if dashes.count == table.names.count {
            table.spans = dashes.map {
              line.column(of: $0) - 1..<line.column(of: $0) - 1 + $0.count
            }
          }
          self.table = table
          return
        }
        try tableRow(line, table: table)
        self.table?.rows += 1
        return
      }
      // 'PS C:\> $result = Test-NetConnection …' is a prompt the decoder does not know.
      if let command = PromptAwareLine.foreignPrompt(trimmed) {
        prompt(command, line: line.number)
        return
      }
      if let first = Bytes.fields(trimmed).first,
        Bytes.equalsIgnoringCase(first, "Test-NetConnection")
          || Bytes.equalsIgnoringCase(first, "tnc")
      {
        // The command pasted without its prompt.
        prompt(String(decoding: trimmed, as: UTF8.self), line: line.number)
        return
      }
      if let text = TestNetConnectionImporter.warningText(trimmed) {
        warning(text, line: line.number)
        return
      }
      if let pair = keyValue(trimmed) {
        try take(pair.key, pair.value, line: line)
        return
      }
      if continuing, line.bytes.first == 32 || line.bytes.first == 9 {
        current.lastLine = line.number
        return
      }
      // The Quiet result, or a bare result after the command (PowerShell run from another shell).
      if let command, command.isTest, command.quiet || current.keys == 0,
        let value = Self.bool(trimmed)
      {
        if current.keys > 0 || current.hasResult { startTest(at: line.number) }
        current.computerName = command.computerName
        current.remotePort = command.port
        current.keys += 1
        if command.port != nil { current.tcp = value } else { current.ping = value }
        self.command?.quiet = false
        return
      }
      // Output of another command typed at the same prompt is passed over.
      if let command, !command.isTest { return }
      throw EvidenceError(
        source: source, line: line.number, column: line.column(of: trimmed),
        message:
          "expected a 'Name : value' line of Test-NetConnection or a 'WARNING:' line, found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))'"
      )
    }

    /// One row of a table: a test of its own, its values taken by column.
    private mutating func tableRow(_ line: EvidenceLine, table: Table) throws(EvidenceError) {
      let fields = Bytes.fields(line.bytes)
      var values = [ArraySlice<UInt8>?](repeating: nil, count: table.names.count)
      if fields.count == table.names.count {
        for (index, field) in fields.enumerated() { values[index] = field }
      } else if let spans = table.spans {
        // A value with spaces (`vEthernet (WSL)`): its words go to the column they overlap.
        for field in fields {
          let start = line.column(of: field) - 1
          let span = start..<start + field.count
          guard
            let column = spans.indices.max(by: {
              spans[$0].clamped(to: span).count < spans[$1].clamped(to: span).count
            }), !spans[column].clamped(to: span).isEmpty
          else { continue }
          let first = values[column]?.startIndex ?? field.startIndex
          values[column] = line.bytes[first..<field.endIndex]
        }
      } else {
        throw EvidenceError(
          source: source, line: line.number, column: line.column(of: line.trimmed),
          message:
            "expected a row of \(table.names.count) values under '\(table.names.joined(separator: " "))', found \(fields.count)"
        )
      }
      if current.keys > 0 || current.hasResult { startTest(at: line.number) }
      for (name, value) in zip(table.names, values) {
        guard let value else { continue }
        try take(ArraySlice(name.utf8), value, line: line)
      }
      continuing = false
    }

    private mutating func warning(_ text: ArraySlice<UInt8>, line: Int) {
      continuing = false
      if current.hasResult { startTest(at: line) }
      current.lastLine = line
      let message = String(decoding: text, as: UTF8.self)
      current.warnings.append(message)
      if text.starts(with: "Ping to ".utf8) {
        for label in ["with status:", "Status:"] {
          if let found = Bytes.find(Array(label.utf8), in: text) {
            current.pingStatus = String(
              decoding: Bytes.trim(text[(found + label.utf8.count)...]), as: UTF8.self)
          }
        }
      } else if text.starts(with: "Name resolution of ".utf8) {
        current.nameResolutionFailed = true
      }
    }

    private mutating func take(
      _ key: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>, line: EvidenceLine
    ) throws(EvidenceError) {
      let name = String(decoding: key, as: UTF8.self)
      if name == "ComputerName", current.computerName != nil || current.hasResult {
        startTest(at: line.number)
      }
      current.keys += 1
      current.lastLine = line.number
      continuing = true
      let text = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
      switch name {
      case "ComputerName": current.computerName = text
      case "RemoteAddress": current.remoteAddress = text
      case "RemotePort":
        guard let port = Bytes.int(value), port <= 65535, !value.contains(UInt8(ascii: ",")) else {
          throw expected("a port number", found: value, line: line)
        }
        current.remotePort = port
      case "InterfaceAlias": current.interfaceAlias = text
      case "SourceAddress": current.sourceAddress = text
      case "TcpTestSucceeded":
        guard let flag = Self.bool(value) else {
          throw expected("True or False", found: value, line: line)
        }
        current.tcp = flag
      case "PingSucceeded":
        guard let flag = Self.bool(value) else {
          throw expected("True or False", found: value, line: line)
        }
        current.ping = flag
      case "PingReplyDetails (RTT)":
        let fields = Bytes.fields(value)
        if let first = fields.first, let rtt = Bytes.int(first) {
          current.rtt = rtt
        } else if !value.isEmpty {
          throw expected("a round-trip time such as '12 ms'", found: value, line: line)
        }
      default:
        break
      }
    }

    private func expected(_ what: String, found value: ArraySlice<UInt8>, line: EvidenceLine)
      -> EvidenceError
    {
      EvidenceError(
        source: source, line: line.number, column: line.column(of: value),
        message: "expected \(what), found '\(String(decoding: value.prefix(60), as: UTF8.self))'")
    }

    /// `True` or `False`, also with a mark a person added after it and no word in it (`True📌`,
    /// `False  <==`, as a real paste has it); else `nil`.
    private static func bool(_ value: ArraySlice<UInt8>) -> Bool? {
      for (word, flag) in [("true", true), ("false", false)] where value.count >= word.count {
        let head = value.prefix(word.count)
        let mark = value.dropFirst(word.count)
        guard Bytes.equalsIgnoringCase(head, word) else { continue }
        let isMark = mark.allSatisfy { byte in
          let lower = byte | 0x20
          return !(lower >= 0x61 && lower <= 0x7A) && !(byte >= 0x30 && byte <= 0x39)
        }
        if isMark { return flag }
      }
      return nil
    }

    /// `Test-NetConnection host -Port 445 -InformationLevel Quiet` → what it tests.
    private static func parse(_ text: String) -> Command {
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard
        let start = words.firstIndex(where: {
          $0.lowercased().hasSuffix("test-netconnection") || $0.lowercased() == "tnc"
        })
      else { return Command(isTest: false, quiet: false) }
      var command = Command(isTest: true, quiet: false)
      var index = start + 1
      while index < words.count {
        let word = words[index].lowercased()
        let next = index + 1 < words.count ? words[index + 1] : nil
        if word == "-port" || word == "-p" || word == "-remoteport" {
          command.port = next.flatMap { Int($0) }
          index += 2
        } else if word == "-commontcpport" {
          let ports = ["smb": 445, "http": 80, "rdp": 3389, "winrm": 5985]
          command.port = next.flatMap { ports[$0.lowercased()] }
          index += 2
        } else if word == "-informationlevel" {
          command.quiet = next?.lowercased() == "quiet"
          index += 2
        } else if word == "-computername" || word == "-cn" || word == "-remoteaddress" {
          command.computerName = next
          index += 2
        } else if word.hasPrefix("-") {
          index += 1
        } else {
          if command.computerName == nil { command.computerName = words[index] }
          index += 1
        }
      }
      return command
    }

    private mutating func startTest(at line: Int) {
      if !current.isEmpty { tests.append(current) }
      current = Test(line: line)
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      startTest(at: lineCount + 1)
      guard !tests.isEmpty else {
        throw EvidenceError(
          source: source, line: nil,
          message:
            "no Test-NetConnection result found (expected 'ComputerName : …', 'TcpTestSucceeded : …' or 'PingSucceeded : …' lines)",
          reason: .unrecognised)
      }
      for index in tests.indices where tests[index].keys == 0 {
        tests[index].readWarnings()
      }
      for test in tests {
        if (test.keys == 0 && !test.fromWarnings) || (!test.hasResult && test.remoteAddress == nil)
        {
          throw EvidenceError(
            source: source, line: test.lastLine,
            message:
              "the test that starts at line \(test.line) stops before its result (expected 'RemoteAddress', 'PingSucceeded' or 'TcpTestSucceeded' lines)",
            reason: .truncated)
        }
        if test.remotePort != nil, test.tcp == nil, !test.nameResolutionFailed {
          throw EvidenceError(
            source: source, line: test.lastLine,
            message:
              "the test that starts at line \(test.line) has a RemotePort but no 'TcpTestSucceeded : True|False' line",
            reason: .truncated)
        }
      }
      let top = tests.first(where: \.failed) ?? tests[tests.count - 1]
      var fields = self.fields(of: top)
      fields.append(("tests", .array(tests.map { .object(self.fields(of: $0)) })))
      // A fact is false when any test failed that way, true when every test that ran it passed.
      var facts: [String: FactValue] = [:]
      let tcpResults = tests.compactMap(\.tcp)
      if !tcpResults.isEmpty {
        facts["tnc.tcp-test-succeeded"] = .bool(!tcpResults.contains(false))
      }
      let pingResults = tests.compactMap(\.ping)
      if !pingResults.isEmpty { facts["tnc.ping-succeeded"] = .bool(!pingResults.contains(false)) }
      // A paste cut after `RemoteAddress` has a test but no result: an error, not empty evidence.
      if facts.isEmpty, !tests.contains(where: \.nameResolutionFailed), let test = tests.last {
        throw EvidenceError(
          source: source, line: test.lastLine,
          message:
            "the test that starts at line \(test.line) stops before its result (expected 'PingSucceeded' or 'TcpTestSucceeded' lines)",
          reason: .truncated)
      }
      var figures: [String] = []
      if tests.count > 1 {
        figures.append("\(tests.count) tests, \(tests.filter(\.failed).count) failed")
      }
      var figure = "\(top.computerName ?? top.remoteAddress ?? top.target ?? "?")"
      if let port = top.remotePort { figure += " port \(port)" }
      figure += ":"
      if let tcp = top.tcp { figure += tcp ? " TCP connect succeeded" : " TCP connect failed" }
      if let ping = top.ping {
        figure += top.tcp == nil ? "" : ","
        figure += ping ? " ping answered" : " ping failed"
        if let status = top.pingStatus { figure += " (\(status))" }
      }
      if top.fromWarnings { figure += " (from its WARNING lines; the result is not in the paste)" }
      figures.append(figure)
      return Evidence(
        kind: .testNetConnection, format: "test-netconnection", fields: fields, facts: facts,
        figures: figures, lines: lineCount)
    }

    private func fields(of test: Test) -> [(key: String, value: JSONValue)] {
      [
        ("computer_name", test.computerName.map(JSONValue.string) ?? .null),
        ("remote_address", test.remoteAddress.map(JSONValue.string) ?? .null),
        ("remote_port", test.remotePort.map(JSONValue.int) ?? .null),
        ("tcp_test_succeeded", test.tcp.map(JSONValue.bool) ?? .null),
        ("ping_succeeded", test.ping.map(JSONValue.bool) ?? .null),
        ("ping_rtt_ms", test.rtt.map(JSONValue.int) ?? .null),
        ("source_address", test.sourceAddress.map(JSONValue.string) ?? .null),
        ("interface_alias", test.interfaceAlias.map(JSONValue.string) ?? .null),
        ("warnings", .array(test.warnings.map(JSONValue.string))),
      ]
    }
  }
}
