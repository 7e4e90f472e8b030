/// The bytes of one piece of evidence, decoded the way users really produce them, with its lines.
///
/// UTF-8 (with or without a BOM), UTF-16 LE or BE with a BOM (what Windows PowerShell's `>` writes)
/// and UTF-16 LE without one are turned into UTF-8 once; CR, LF and CRLF all end lines; e-mail quoting
/// (`> ` before every line) and shell prompt lines (`C:\>netstat -ano`, `PS C:\> Get-WinEvent …`,
/// `$ ss -tan`) are skipped when lines are read, keeping the original line numbers for messages.
public struct EvidenceText: Sendable {
  /// Inputs above this size are refused with a message rather than read (documented in
  /// docs/evidence.md). Real outputs are far smaller: a netstat of 60,000 connections is ~6 MB.
  public static let maximumSize = 256 << 20

  /// How the input was encoded.
  public enum Encoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16 LE"
    case utf16BE = "UTF-16 BE"
  }

  /// UTF-8 bytes of the whole input (BOM removed).
  public let bytes: [UInt8]
  /// Where it came from, for messages: a path, `stdin`, or `pasted`.
  public let source: String
  /// The input's encoding.
  public internal(set) var encoding: Encoding
  /// Whether every line was quoted with `>` (an e-mail reply); the quotes are skipped.
  public let isQuoted: Bool
  /// The command of a prompt line in the input (`netstat -ano`), if there was one.
  public let command: String?
  /// Lines left out when lines are read (lenient reading skips them), by number.
  var excludedLines: Set<Int> = []
  /// Leading spaces and tabs removed from every line (the common indentation of a paste from a
  /// Markdown code block, a KB article or an e-mail), in bytes.
  var indentation = 0
  /// Whether importers whose row loops can go on after a bad row do so (``UnreadRows``) instead of
  /// stopping there: lenient reading asks for it when reading again per bad line costs too much.
  var resumesAfterBadRows = false

  /// Decodes `data`; throws when it is larger than ``maximumSize`` or empty.
  public init(bytes data: [UInt8], source: String) throws(EvidenceError) {
    guard data.count <= Self.maximumSize else {
      throw EvidenceError(
        source: source, line: nil,
        message:
          "input is \(data.count / (1 << 20)) MiB; evidence is read up to \(Self.maximumSize >> 20) MiB (cut it to the part around the failure)",
        reason: .tooLarge)
    }
    var encoding = Encoding.utf8
    var utf8: [UInt8]
    if data.starts(with: [0xEF, 0xBB, 0xBF]) {
      encoding = .utf8BOM
      utf8 = Array(data.dropFirst(3))
    } else if data.starts(with: [0xFF, 0xFE]) {
      encoding = .utf16LE
      utf8 = Self.transcodeUTF16(data.dropFirst(2), littleEndian: true)
    } else if data.starts(with: [0xFE, 0xFF]) {
      encoding = .utf16BE
      utf8 = Self.transcodeUTF16(data.dropFirst(2), littleEndian: false)
    } else if data.count >= 4, data[1] == 0, data[3] == 0, data[0] != 0, data[2] != 0 {
      encoding = .utf16LE
      utf8 = Self.transcodeUTF16(data[...], littleEndian: true)
    } else {
      utf8 = data
    }
    self.bytes = utf8
    self.source = source
    self.encoding = encoding
    let probe = Self.firstLines(of: utf8, count: 40)
    let nonBlank = probe.filter { !$0.allSatisfy(Self.isSpace) }
    let quoted = nonBlank.filter { $0.first == UInt8(ascii: ">") }.count
    self.isQuoted = nonBlank.count >= 2 && quoted * 10 >= nonBlank.count * 8
    var command: String?
    for line in probe {
      let content = self.isQuoted ? Self.unquote(line) : line
      if let found = Self.promptCommand(content) {
        command = found
        break
      }
    }
    self.command = command
  }

  /// Text typed or pasted in the REPL, or written in a test.
  public init(_ string: String, source: String = "pasted") throws(EvidenceError) {
    try self.init(bytes: Array(string.utf8), source: source)
  }

  /// The lines, numbered from 1 as in the original input, without quoting, prompt lines and line
  /// ends.
  public var lines: Lines { Lines(text: self) }

  /// Whether the input holds nothing but white space.
  public var isBlank: Bool { bytes.allSatisfy { Self.isSpace($0) || $0 == 10 || $0 == 13 } }

  /// The lines of the text, lazily, in one pass.
  public struct Lines: Sequence, Sendable {
    let text: EvidenceText

    public func makeIterator() -> Iterator {
      Iterator(
        bytes: text.bytes, quoted: text.isQuoted, excluded: text.excludedLines,
        indentation: text.indentation)
    }

    public struct Iterator: IteratorProtocol {
      let bytes: [UInt8]
      let quoted: Bool
      let excluded: Set<Int>
      let indentation: Int
      var position = 0
      var number = 0

      public mutating func next() -> EvidenceLine? {
        while position < bytes.count {
          number += 1
          var content = EvidenceText.nextLine(in: bytes, at: &position)
          if !excluded.isEmpty, excluded.contains(number) { continue }
          if quoted { content = EvidenceText.unquote(content) }
          if indentation > 0 { content = EvidenceText.dedent(content, by: indentation) }
          if EvidenceText.isPromptLine(content) { continue }
          return EvidenceLine(number: number, bytes: content)
        }
        return nil
      }
    }
  }

  /// Calls `body` with the lines as offsets into the input's buffer: the same lines as ``lines``
  /// (numbers, quoting, indentation, prompts), for the row loops of the connection tables, which
  /// then split and read fields without reference counting.
  func withRowLines<Result, Failure: Error>(
    _ body: (RowLines) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> Result in
      try body(
        RowLines(
          buffer: buffer, quoted: isQuoted, excluded: excludedLines, indentation: indentation))
    }
  }

  /// The line that starts at `position`, without its end (CR, LF or CRLF); moves `position` past
  /// it. The one line splitter of evidence.
  static func nextLine(in bytes: [UInt8], at position: inout Int) -> ArraySlice<UInt8> {
    let start = position
    var end = start
    while end < bytes.count, bytes[end] != 10, bytes[end] != 13 { end += 1 }
    position = end
    if position < bytes.count {
      position +=
        bytes[position] == 13 && position + 1 < bytes.count && bytes[position + 1] == 10 ? 2 : 1
    }
    return bytes[start..<end]
  }

  // MARK: - Decoding helpers

  static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }

  private static func transcodeUTF16(_ data: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(data.count / 2)
    var index = data.startIndex
    while index + 1 < data.endIndex {
      let a = UInt16(data[index])
      let b = UInt16(data[index + 1])
      units.append(littleEndian ? a | b << 8 : a << 8 | b)
      index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  private static func firstLines(of bytes: [UInt8], count: Int) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count, lines.count < count {
      if bytes[index] == 10 || bytes[index] == 13 {
        lines.append(bytes[start..<index])
        if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
        start = index + 1
      }
      index += 1
    }
    if lines.count < count, start < bytes.count { lines.append(bytes[start..<bytes.count]) }
    return lines
  }

  /// Without up to `count` leading spaces and tabs.
  static func dedent<Line: ByteSlice>(_ line: Line, by count: Int) -> Line {
    var content = line
    var removed = 0
    while removed < count, let first = content.first, isSpace(first) {
      content = content.dropFirst()
      removed += 1
    }
    return content
  }

  /// Removes e-mail quoting: any number of `>` each with an optional space after it.
  static func unquote<Line: ByteSlice>(_ line: Line) -> Line {
    var content = line
    while let first = content.first, first == UInt8(ascii: ">") {
      content = content.dropFirst()
      if content.first == 32 { content = content.dropFirst() }
    }
    return content
  }

  /// Commands whose prompt lines are skipped (lowercased first word).
  private static let knownCommands: Set<String> = [
    "netstat", "netstat.exe", "ss", "ipconfig", "ipconfig.exe", "nslookup", "nslookup.exe", "net",
    "net.exe", "get-nettcpconnection", "get-winevent", "wevtutil", "test-netconnection", "tnc",
    "route", "route.exe", "get-eventlog", "type", "cat", "more", "get-content", "sudo",
    "sysctl", "dmesg", "journalctl", "ulimit", "netsh", "netsh.exe", "grep",
  ]

  /// The command typed after a shell prompt on this line, or `nil` when it is not a prompt line.
  static func promptCommand(_ line: some ByteSlice) -> String? {
    let text = String(decoding: line, as: UTF8.self).trimmingLeadingSpace()
    var rest: Substring?
    if text.hasPrefix("PS "), let close = text.firstIndex(of: ">") {
      rest = text[text.index(after: close)...]
    } else if text.count >= 3, text.dropFirst().hasPrefix(":\\"),
      let close = text.firstIndex(of: ">")
    {
      rest = text[text.index(after: close)...]
    } else if let dollar = text.firstIndex(where: { $0 == "$" || $0 == "#" || $0 == "%" }),
      text[..<dollar].allSatisfy({ !$0.isWhitespace }) || isDirectoryBefore(text[..<dollar]),
      text[text.index(after: dollar)...].first == " "
    {
      rest = text[text.index(after: dollar)...]
    }
    guard let rest else { return nil }
    let command = rest.trimmingCharacters(in: [" ", "\t"])
    if command.isEmpty { return "" }
    let word = command.prefix { $0 != " " && $0 != "\t" && $0 != "|" }.lowercased()
    if shells.contains(word) {
      // `powershell -ExecutionPolicy Bypass Get-NetTCPConnection …` from another shell.
      let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst()
      let runs = words.contains {
        knownCommands.contains($0.trimmingCharacters(in: ["\"", "'", "&", "{"]).lowercased())
      }
      return runs ? command : nil
    }
    return knownCommands.contains(word) ? command : nil
  }

  /// PowerShell started from another shell's prompt; the command it runs is looked for after it.
  private static let shells: Set<String> = [
    "powershell", "powershell.exe", "pwsh", "pwsh.exe",
  ]

  /// Whether the text before a prompt's `$` or `#` is a working directory and a space, as bash's
  /// `\w \$` prompt prints it (`~ $ cat …`, `/tmp # sysctl …`).
  private static func isDirectoryBefore(_ text: Substring) -> Bool {
    guard let first = text.first, first == "~" || first == "/", text.last == " " else {
      return false
    }
    let directory = text.dropLast()
    return !directory.isEmpty && directory.allSatisfy { !$0.isWhitespace }
  }

  /// Whether `line` is a shell prompt with a command, such as `C:\>netstat -ano`,
  /// `PS C:\> Get-NetTCPConnection`, `$ ss -tan`, `user@host:~$ netstat -tan` or `~ $ cat …`.
  ///
  /// Runs for every line of a large table, so it looks only where a prompt can be: the first
  /// byte (a letter, `$`, `#`, or the `~` or `/` of a working directory) and the first word (`PS`,
  /// a drive's `C:\`, a `$`, `#`, `%` that ends it, or a directory followed by ` $ `); only such
  /// lines are decoded and checked by ``promptCommand(_:)``.
  static func isPromptLine(_ line: some ByteSlice) -> Bool {
    var index = line.startIndex
    let end = line.endIndex
    while index < end, isSpace(line[index]) { index += 1 }
    guard index < end else { return false }
    let first = line[index]
    let directory = first == UInt8(ascii: "~") || first == UInt8(ascii: "/")
    guard
      first == UInt8(ascii: "$") || first == UInt8(ascii: "#") || directory
        || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
        || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"))
    else { return false }
    let start = index
    var candidate = false
    while index < end, !isSpace(line[index]) {
      let byte = line[index]
      if byte == 36 || byte == 35 || byte == 37 {  // $ # %
        candidate = true
        break
      }
      if index == start + 1, byte == UInt8(ascii: ":"), index + 1 < end,
        line[index + 1] == UInt8(ascii: "\\")
      {
        candidate = true
        break
      }
      index += 1
    }
    if !candidate, index == start + 2, first == UInt8(ascii: "P"),
      line[start + 1] == UInt8(ascii: "S"), index < end, line[index] == 32
    {
      candidate = true
    }
    // `~ $ cat …`: a working directory, a space, then the `$` or `#`.
    if !candidate, directory, index + 2 < end, line[index] == 32,
      line[index + 1] == 36 || line[index + 1] == 35, line[index + 2] == 32
    {
      candidate = true
    }
    return candidate && promptCommand(line) != nil
  }
}

extension String {
  fileprivate func trimmingLeadingSpace() -> String {
    String(drop { $0 == " " || $0 == "\t" })
  }

  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    String(self).trimmingCharacters(in: set)
  }
}
