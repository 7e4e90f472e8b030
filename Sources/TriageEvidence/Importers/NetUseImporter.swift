import TriageKit

/// Reads the errors of `net use \\host\ipc$`, `net view \\host` and `net helpmsg N`, also when they
/// sit in another program's log or in the output of a batch loop over hundreds of hosts.
///
/// An error is `System error N has occurred.` with its message (on the same line or after a blank
/// line), a known Windows message text alone (`The network path was not found.` maps back to 53;
/// 1231 and 1232 share a text and read as 1231 unless the line names 1232), a symbolic name
/// (`ERROR_BAD_NETPATH`, `WSAETIMEDOUT`), or a message followed by `NET HELPMSG N`. Its target is the
/// `\\host\share` of the line itself or of the command line before it. `The command completed
/// successfully.` lines are counted as successes. Other lines are passed over, so a log can be
/// pasted whole.
public enum NetUseImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netUse
  public static let summary =
    "net use / net view / net helpmsg errors ('System error 53 has occurred.'), also inside logs"

  public static func recognition(of text: EvidenceText) -> Int {
    var score = 0
    if let command = text.command?.lowercased(),
      command.hasPrefix("net use") || command.hasPrefix("net view")
        || command.hasPrefix("net helpmsg") || command.hasPrefix("net.exe ")
    {
      score = 90
    }
    for (index, line) in text.lines.prefix(5000).enumerated() {
      if index >= 40 {
        // A log or a thread pasted whole: an error deep in it still says what it is, weakly.
        if case .found = systemError(in: line.bytes) { return max(score, 60) }
        continue
      }
      if systemError(in: line.bytes) != nil { return 95 }
      if line.contains("The command completed successfully.") {
        score = max(score, 70)
      } else if WindowsSystemError.message(in: line.bytes) != nil {
        score = max(score, 40)
      }
    }
    return score
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    try Reader.evidence(from: text)
  }

  /// The facts it gives.
  public static let facts = [
    FactDeclaration("net.error", .number, "the system error code seen most (53, 64, 1203…)"),
    FactDeclaration("net.errors", .number, unit: "reports", "error reports found"),
  ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "net use to a host that does not answer on 445",
      input: """
        C:\\>net use \\\\fileserver7\\ipc$
        System error 53 has occurred.

        The network path was not found.

        """,
      facts: ["net.error": .number(53), "net.errors": .number(1)]),
    ImporterExample(
      "a batch loop over hosts: successes, then the failures start",
      input: """
        C:\\scripts>net use \\\\10.1.0.11\\ipc$
        The command completed successfully.

        C:\\scripts>net use \\\\10.1.0.12\\ipc$
        The command completed successfully.

        C:\\scripts>net use \\\\10.1.0.13\\ipc$
        System error 53 has occurred.

        The network path was not found.

        C:\\scripts>net use \\\\10.1.0.14\\ipc$
        System error 64 has occurred.

        The specified network name is no longer available.

        C:\\scripts>net use \\\\10.1.0.15\\ipc$
        System error 53 has occurred.

        The network path was not found.

        """,
      facts: ["net.error": .number(53), "net.errors": .number(3)]),
    ImporterExample(
      "error lines inside another program's log",
      input: """
        2024-03-11 09:14:02 INFO  inventory: scanning 512 hosts
        2024-03-11 09:14:07 WARN  \\\\pc-0412\\admin$: error 53 The network path was not found.
        2024-03-11 09:14:09 WARN  \\\\pc-0413\\admin$: System error 1203 has occurred. No network provider accepted the given network path.
        2024-03-11 09:14:31 WARN  \\\\pc-0414\\admin$: connect failed (WSAETIMEDOUT)
        2024-03-11 09:14:32 INFO  inventory: 509 hosts done
        """,
      facts: ["net.error": .number(53), "net.errors": .number(3)]),
    ImporterExample(
      "net helpmsg prints the message only",
      input: """
        C:\\>net helpmsg 1232

        The network location cannot be reached. For information about network troubleshooting, see Windows Help.

        """,
      facts: ["net.error": .number(1232), "net.errors": .number(1)]),
    ImporterExample(
      "everything connected",
      input: """
        C:\\>net use \\\\srv01\\ipc$
        The command completed successfully.
        """,
      facts: ["net.error": .number(0), "net.errors": .number(0)]),
  ]

  /// `System error N has occurred` in a line: the code, the line's text after it, or why the
  /// line looks like one but is not whole.
  enum SystemErrorLine {
    case found(code: Int, rest: ArraySlice<UInt8>, start: Int)
    case badNumber(start: Int)
    case cut(start: Int)
  }

  static func systemError(in bytes: ArraySlice<UInt8>) -> SystemErrorLine? {
    let label = systemErrorLabel
    guard let start = Bytes.find(label, in: bytes) else { return nil }
    var index = start + label.count
    let digitsStart = index
    while index < bytes.endIndex, (48...57).contains(bytes[index]) { index += 1 }
    let digits = bytes[digitsStart..<index]
    let tail = bytes[index...]
    let occurred = " has occurred".utf8
    if tail.starts(with: occurred) {
      guard let code = Bytes.int(digits), digits.count <= 10 else {
        return .badNumber(start: start)
      }
      var rest = tail.dropFirst(occurred.count)
      if rest.first == UInt8(ascii: ".") { rest = rest.dropFirst() }
      return .found(code: code, rest: Bytes.trim(rest), start: start)
    }
    if !digits.isEmpty, tail.isEmpty || occurred.starts(with: tail) { return .cut(start: start) }
    // A line that starts like the message but whose number is not one.
    if start == Bytes.trim(bytes).startIndex, !tail.isEmpty, tail.first != 32 || digits.isEmpty {
      return .badNumber(start: start)
    }
    return nil
  }

  /// `\\host\share` (or `\\host`) in a line.
  static func target(in bytes: ArraySlice<UInt8>) -> String? {
    guard let start = Bytes.find([92, 92], in: bytes) else { return nil }
    var end = start + 2
    while end < bytes.endIndex {
      let byte = bytes[end]
      if byte == 32 || byte == 9 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: ";")
      {
        break
      }
      end += 1
    }
    var token = bytes[start..<end]
    while let last = token.last, last == UInt8(ascii: ":") || last == UInt8(ascii: ".") {
      token = token.dropLast()
    }
    guard token.count > 2, token[token.startIndex + 2] != 92 else { return nil }
    return String(decoding: token, as: UTF8.self)
  }

  static let systemErrorLabel = Array("System error ".utf8)
  static let completed = Array("The command completed successfully.".utf8)
  static let upperHelpmsg = Array("HELPMSG".utf8)
  static let lowerHelpmsg = Array("helpmsg".utf8)

  /// One error as read.
  struct Report {
    var code: Int
    var message: String?
    var target: String?
    var line: Int
  }

  struct Reader: PromptAwareReader {
    let source: String
    var reports: [Report] = []
    var successes = 0
    var target: String?
    /// The report whose message follows on the next lines.
    var awaitingMessage: Int?
    var messageLines: [String] = []
    /// The line of the last message-only report, for a `NET HELPMSG N` line right after it.
    var lastMessageOnlyLine: Int?
    var previousLine = 0
    var lineCount = 0
    /// N of a `net helpmsg N` prompt line: the message that follows is that code's.
    var helpmsgCode: Int?

    init(source: String) { self.source = source }

    mutating func prompt(_ command: String, line: Int) {
      lineCount = line
      endMessage()
      target = NetUseImporter.target(in: ArraySlice(command.utf8))
      helpmsgCode = Self.helpCode(in: ArraySlice(command.utf8))
      previousLine = line
    }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lineCount = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else {
        if !messageLines.isEmpty { endMessage() }
        return
      }
      defer { previousLine = line.number }
      let systemError = NetUseImporter.systemError(in: trimmed)
      if awaitingMessage != nil {
        if systemError == nil, Bytes.find(NetUseImporter.completed, in: trimmed) == nil,
          !Self.isHelpLine(trimmed)
        {
          messageLines.append(String(decoding: trimmed, as: UTF8.self))
          if messageLines.count >= 3 || isKnownMessage(Self.join(messageLines)) {
            endMessage()
          }
          return
        }
        endMessage()
      }
      let lineTarget = NetUseImporter.target(in: trimmed)
      switch systemError {
      case .found(let code, let rest, _):
        let report = Report(
          code: code, message: rest.isEmpty ? nil : String(decoding: rest, as: UTF8.self),
          target: lineTarget ?? target, line: line.number)
        reports.append(report)
        if rest.isEmpty { awaitingMessage = reports.count - 1 }
      case .badNumber(let start):
        throw EvidenceError(
          source: source, line: line.number, column: start - line.bytes.startIndex + 1,
          message:
            "expected 'System error N has occurred.' with a decimal N, found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))'"
        )
      case .cut(let start):
        throw EvidenceError(
          source: source, line: line.number, column: start - line.bytes.startIndex + 1,
          message:
            "the line stops inside 'System error N has occurred.' (found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))')",
          reason: .truncated)
      case nil:
        if let code = Self.helpCode(in: trimmed) {
          if let last = lastMessageOnlyLine, last == previousLine, !reports.isEmpty {
            reports[reports.count - 1].code = code
          } else {
            reports.append(Report(code: code, target: lineTarget ?? target, line: line.number))
          }
        } else if Bytes.find(NetUseImporter.completed, in: trimmed) != nil {
          successes += 1
        } else if let found = WindowsSystemError.message(in: trimmed) {
          let code = helpmsgCode ?? Self.code(among: found.codes, in: trimmed)
          helpmsgCode = nil
          var message = String(decoding: trimmed[found.start...], as: UTF8.self)
          // A message the console or a mail client wrapped: its first part names the whole text.
          if let full = WindowsSystemError.code(code)?.messages.first(where: {
            $0.hasPrefix(message) && $0 != message
          }) {
            message = full
          }
          reports.append(
            Report(code: code, message: message, target: lineTarget ?? target, line: line.number))
          lastMessageOnlyLine = line.number
        } else if let error = Self.symbolicName(in: trimmed) {
          reports.append(Report(code: error.code, target: lineTarget ?? target, line: line.number))
        }
      }
      if let lineTarget { target = lineTarget }
    }

    private func isKnownMessage(_ text: String) -> Bool {
      WindowsSystemError.known.contains { $0.messages.contains(text) }
    }

    private mutating func endMessage() {
      if let index = awaitingMessage, !messageLines.isEmpty {
        reports[index].message = Self.join(messageLines)
      }
      awaitingMessage = nil
      messageLines = []
    }

    /// A message the console wrapped: a line of 80 columns was cut mid-word, others end a word.
    private static func join(_ lines: [String]) -> String {
      var text = ""
      var previous = 0
      for line in lines {
        if !text.isEmpty, previous != 80 { text += " " }
        text += line
        previous = line.utf8.count
      }
      return text
    }

    private static func isHelpLine(_ trimmed: ArraySlice<UInt8>) -> Bool {
      helpCode(in: trimmed) != nil
    }

    /// N of `NET HELPMSG N` (any case).
    private static func helpCode(in trimmed: ArraySlice<UInt8>) -> Int? {
      guard
        Bytes.find(upperHelpmsg, in: trimmed) != nil || Bytes.find(lowerHelpmsg, in: trimmed) != nil
      else { return nil }
      let fields = Bytes.fields(trimmed)
      for (index, field) in fields.enumerated() where index + 2 < fields.count {
        if Bytes.equalsIgnoringCase(field, "net"),
          Bytes.equalsIgnoringCase(fields[index + 1], "helpmsg")
        {
          var number = fields[index + 2]
          while let last = number.last, last == UInt8(ascii: ".") { number = number.dropLast() }
          return Bytes.int(number)
        }
      }
      return nil
    }

    /// The code among those sharing a message that the line names (`error 1232`), else the first.
    private static func code(among codes: [Int], in trimmed: ArraySlice<UInt8>) -> Int {
      guard codes.count > 1 else { return codes[0] }
      for field in Bytes.fields(trimmed) {
        let digits = field.filter { (48...57).contains($0) }
        if let number = Bytes.int(digits[...]), codes.contains(number) { return number }
      }
      return codes[0]
    }

    /// A known symbolic name (`ERROR_BAD_NETPATH`, `WSAETIMEDOUT`) in the line.
    private static func symbolicName(in trimmed: ArraySlice<UInt8>) -> WindowsSystemError? {
      guard
        Bytes.find(Array("ERROR_".utf8), in: trimmed) != nil
          || Bytes.find(Array("WSA".utf8), in: trimmed) != nil
          || Bytes.find(Array("NERR_".utf8), in: trimmed) != nil
      else { return nil }
      for token in trimmed.split(whereSeparator: { byte in
        !((65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
          || byte == UInt8(ascii: "_"))
      }) {
        if let error = WindowsSystemError.named(token) { return error }
      }
      return nil
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      endMessage()
      guard !reports.isEmpty || successes > 0 else {
        throw EvidenceError(
          source: source, line: nil,
          message:
            "no 'System error N has occurred.' line, Windows error message or 'The command completed successfully.' found",
          reason: .unrecognised)
      }
      var counts: [(code: Int, count: Int)] = []
      for report in reports {
        if let index = counts.firstIndex(where: { $0.code == report.code }) {
          counts[index].count += 1
        } else {
          counts.append((report.code, 1))
        }
      }
      // The most frequent code; on a tie, the one seen first.
      var top: (code: Int, count: Int)?
      for entry in counts where entry.count > (top?.count ?? 0) { top = entry }
      let errors: [JSONValue] = reports.map { report in
        let known = WindowsSystemError.code(report.code)
        let message = report.message ?? known?.messages.first
        return .object([
          ("code", .int(report.code)),
          ("name", known.map { .string($0.name) } ?? .null),
          ("message", message.map(JSONValue.string) ?? .null),
          ("target", report.target.map(JSONValue.string) ?? .null),
          ("line", .int(report.line)),
        ])
      }
      var figures: [String] = []
      for entry in counts {
        let name = WindowsSystemError.code(entry.code).map { " \($0.name)" } ?? ""
        figures.append("\(entry.count) × error \(entry.code)\(name)")
      }
      if successes > 0 {
        figures.append("\(successes) × 'The command completed successfully.'")
      }
      let targets = Set(reports.compactMap(\.target))
      if !targets.isEmpty {
        figures.append(
          "\(targets.count) distinct target\(targets.count == 1 ? "" : "s") with errors")
      }
      return Evidence(
        kind: .netUse, format: "windows-net",
        fields: [
          ("errors", .array(errors)),
          ("successes", .int(successes)),
          (
            "codes",
            .object(counts.map { (key: String($0.code), value: JSONValue.int($0.count)) })
          ),
        ],
        facts: [
          "net.error": .number(Double(top?.code ?? 0)),
          "net.errors": .number(Double(reports.count)),
        ],
        figures: figures, lines: lineCount)
    }
  }
}
