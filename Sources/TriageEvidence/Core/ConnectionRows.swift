import TriageKit

/// Byte-level pieces the connection-table importers share: state spellings, endpoints (with service
/// names), process ids, and the messages for rows that are not what they should be.
enum ConnectionRows {
  // MARK: - States

  /// The canonical state for a spelling in the table (`ESTABLISHED`, `ESTAB`, `SYN-SENT`, `SynSent`,
  /// `LISTENING`, `Bound`…), without building a string on the common path.
  static func state(_ bytes: some ByteSlice) -> TCPState? {
    if let key = StateKey(bytes) {
      for entry in stateTable where entry.key == key { return entry.state }
    }
    // Rare spellings fall back to the canonical parser, so both agree.
    guard !bytes.isEmpty, bytes.count <= 24 else { return nil }
    return TCPState(spelling: String(decoding: bytes, as: UTF8.self))
  }

  /// Whether `bytes` is Windows' `BOUND` (`Bound`): a port held without a connection, which is no
  /// TCP state and must not be read as CLOSED.
  static func isBound(_ bytes: some ByteSlice) -> Bool {
    bytes.count == 5 && bytes.elementsEqual("BOUND".utf8) { Bytes.lower($0) == Bytes.lower($1) }
  }

  /// Up to 16 bytes of a spelling, upper case, without `-` and `_`, packed into two words.
  private struct StateKey: Equatable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    init?(_ bytes: some Sequence<UInt8>) {
      var count = 0
      for byte in bytes where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
        guard count < 16 else { return nil }
        let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
        if count < 8 {
          high |= UInt64(upper) << (56 - 8 * count)
        } else {
          low |= UInt64(upper) << (56 - 8 * (count - 8))
        }
        count += 1
      }
      guard count > 0 else { return nil }
    }
  }

  /// Spellings in the order they are most often seen; each maps through `TCPState(spelling:)`.
  private static let stateTable: [(key: StateKey, state: TCPState)] = {
    let spellings = [
      "ESTABLISHED", "ESTAB", "TIME_WAIT", "SYN_SENT", "LISTEN", "LISTENING", "CLOSE_WAIT",
      "FIN_WAIT_1", "FIN_WAIT_2", "FIN_WAIT1", "FIN_WAIT2", "SYN_RECEIVED", "SYN_RECV", "SYN_RCVD",
      "LAST_ACK", "CLOSING", "CLOSED", "CLOSE", "UNCONN", "BOUND", "DELETE_TCB",
    ]
    return spellings.compactMap { spelling in
      guard let key = StateKey(spelling.utf8), let state = TCPState(spelling: spelling) else {
        return nil
      }
      return (key, state)
    }
  }()

  // MARK: - Endpoints

  /// Address and port of an endpoint: everything `Bytes.endpoint` reads, and a service name in place
  /// of the port (`10.0.0.9:microsoft-ds`, `host.https`), which output without `-n` has. An unknown
  /// service name gives a `nil` port, like `*`.
  static func endpoint<Field: ByteSlice>(_ bytes: Field, dotted: Bool = false) -> (
    address: Field, port: Int?
  )? {
    guard !bytes.isEmpty else { return nil }
    let separator = dotted ? UInt8(ascii: ".") : UInt8(ascii: ":")
    guard let cut = bytes.lastIndex(of: separator) else { return nil }
    var address = bytes[bytes.startIndex..<cut]
    if address.first == UInt8(ascii: "["), address.last == UInt8(ascii: "]") {
      address = address.dropFirst().dropLast()
    }
    let portBytes = bytes[(cut + 1)...]
    // What `Bytes.endpoint` reads: a decimal port or `*`.
    if portBytes.count == 1, portBytes.first == UInt8(ascii: "*") {
      return address.isEmpty ? nil : (address, nil)
    }
    if let port = decimal(portBytes), port <= 65535 {
      return address.isEmpty ? nil : (address, port)
    }
    // A port a person masked before posting (`<RandomHighPort>`, `###`, seen in real pastes): the
    // row stands, its port unknown.
    if isMaskedPort(portBytes) {
      return address.isEmpty ? nil : (address, nil)
    }
    guard cut > bytes.startIndex else { return nil }
    let name = portBytes
    guard !name.isEmpty, name.count <= 32, name.allSatisfy(isServiceNameByte),
      name.contains(where: { Bytes.lower($0) >= 0x61 && Bytes.lower($0) <= 0x7A })
    else { return nil }
    guard !address.isEmpty else { return nil }
    return (address, servicePort(name))
  }

  /// Whether `field` stands for addresses a person left out before posting: `...`, `....` or `…`
  /// where a row's local and foreign addresses were (a real paste has `tcp 0 0 ... ESTABLISHED`).
  static func isElidedAddresses(_ field: some ByteSlice) -> Bool {
    guard let first = field.first, first == UInt8(ascii: ".") || first == 0xE2 else { return false }
    if field.count >= 3, field.allSatisfy({ $0 == UInt8(ascii: ".") }) { return true }
    return field.elementsEqual([0xE2, 0x80, 0xA6])  // …
  }

  /// Whether `port` is a placeholder for a masked port: `<Name>` or a run of `#`.
  static func isMaskedPort(_ port: some ByteSlice) -> Bool {
    if port.count >= 3, port.first == UInt8(ascii: "<"), port.last == UInt8(ascii: ">") {
      return port.dropFirst().dropLast().allSatisfy(isServiceNameByte)
    }
    return !port.isEmpty && port.allSatisfy { $0 == UInt8(ascii: "#") }
  }

  /// A decimal number of up to 18 digits without separators, or `nil`.
  @inline(__always)
  static func decimal(_ bytes: some ByteSlice) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= 48 && byte <= 57 else { return nil }
      value = value &* 10 &+ Int(byte &- 48)
    }
    return value
  }

  /// A non-negative decimal integer, or `nil`; commas as thousands separators are accepted, as
  /// `Bytes.int` accepts them.
  static func number(_ bytes: some ByteSlice) -> Int? {
    decimal(bytes) ?? Bytes.groupedInt(bytes)
  }

  private static func isServiceNameByte(_ byte: UInt8) -> Bool {
    let lower = Bytes.lower(byte)
    return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }

  /// Ports of the service names that matter here (`/etc/services`, Windows `services`).
  private static let serviceNames: [(name: [UInt8], port: Int)] = [
    ("microsoft-ds", 445), ("netbios-ssn", 139), ("https", 443), ("http", 80), ("www", 80),
    ("ssh", 22), ("domain", 53), ("epmap", 135), ("loc-srv", 135), ("msrpc", 135),
    ("netbios-ns", 137), ("netbios-dgm", 138), ("ldap", 389), ("ldaps", 636), ("kerberos", 88),
    ("kpasswd", 464), ("ms-wbt-server", 3389), ("smtp", 25), ("submission", 587), ("ftp", 21),
    ("telnet", 23), ("pop3", 110), ("imap", 143), ("imaps", 993), ("pop3s", 995), ("snmp", 161),
    ("sunrpc", 111), ("ms-sql-s", 1433), ("mysql", 3306), ("postgresql", 5432), ("wsman", 5985),
    ("wsmans", 5986), ("http-alt", 8080),
  ].map { (Array($0.utf8), $1) }

  private static func servicePort(_ name: some ByteSlice) -> Int? {
    for entry in serviceNames where entry.name.count == name.count {
      if zip(entry.name, name).allSatisfy({ $0 == Bytes.lower($1) }) { return entry.port }
    }
    return nil
  }

  // MARK: - Processes

  private static let pidMarker = Array("pid=".utf8)

  /// The first `pid=N` in `bytes` (ss's `users:(("smbclient",pid=123,fd=3))`).
  static func ssProcess(in bytes: some ByteSlice) -> Int? {
    var at = bytes.startIndex
    let last = bytes.endIndex - pidMarker.count
    while at <= last {
      if bytes[at] == UInt8(ascii: "p"), bytes[at..<(at + pidMarker.count)].elementsEqual(pidMarker)
      {
        var end = at + pidMarker.count
        while end < bytes.endIndex, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        return decimal(bytes[(at + pidMarker.count)..<end])
      }
      at += 1
    }
    return nil
  }

  /// What Linux netstat's `PID/Program name` column says.
  enum ProgramColumn: Equatable {
    /// `1469/master`.
    case process(Int)
    /// `-`: netstat could not tell (not root).
    case unknown
  }

  /// The `PID/Program name` value in `field`, or `nil` when `field` is not one.
  static func program(_ field: some ByteSlice) -> ProgramColumn? {
    if field.count == 1, field.first == UInt8(ascii: "-") { return .unknown }
    guard let slash = field.firstIndex(of: UInt8(ascii: "/")), slash > field.startIndex,
      let pid = number(field[..<slash])
    else { return nil }
    return .process(pid)
  }

  // MARK: - Comparing

  /// Whether `bytes` equal the ASCII `literal`.
  @inline(__always)
  static func equals(_ bytes: some ByteSlice, _ literal: [UInt8]) -> Bool {
    bytes.count == literal.count && bytes.elementsEqual(literal)
  }

  // MARK: - Errors

  /// An error about a row, at the column of `slice`, or just after the row's last character when
  /// something is missing. A row on the input's last line that is not what it should be was cut off
  /// (a paste that stopped early), and says so.
  static func rowError(
    _ message: String, line: EvidenceLine, at slice: ArraySlice<UInt8>? = nil,
    in text: EvidenceText
  ) -> EvidenceError {
    let end = line.trimmed.endIndex
    let column = line.column(of: slice ?? line.bytes[end..<end])
    if isLast(line, in: text) {
      return EvidenceError(
        source: text.source, line: line.number, column: column,
        message: "the last row is cut off: \(message)", reason: .truncated)
    }
    return EvidenceError(
      source: text.source, line: line.number, column: column, message: message, reason: .garbled)
  }

  /// ``rowError(_:line:at:in:)`` for a row read from the input's buffer.
  static func rowError(
    _ message: String, line: RowLine, at field: RowField? = nil, in text: EvidenceText
  ) -> EvidenceError {
    rowError(
      message, line: line.evidenceLine(in: text),
      at: field.map { text.bytes[$0.startIndex..<$0.endIndex] }, in: text)
  }

  /// Throws unless `field` is a number (a queue size).
  static func requireNumber(
    _ field: RowField, named name: String, line: RowLine, in text: EvidenceText
  ) throws(EvidenceError) {
    guard number(field) == nil else { return }
    throw rowError(
      "expected a number (\(name)), found '\(shown(field))'", line: line, at: field, in: text)
  }

  /// Throws unless `field` is a number (a queue size).
  static func requireNumber(
    _ field: ArraySlice<UInt8>, named name: String, line: EvidenceLine, in text: EvidenceText
  ) throws(EvidenceError) {
    guard Bytes.int(field) == nil else { return }
    throw rowError(
      "expected a number (\(name)), found '\(shown(field))'", line: line, at: field, in: text)
  }

  /// Whether nothing but white space follows `line` in `text`.
  static func isLast(_ line: EvidenceLine, in text: EvidenceText) -> Bool {
    let rest = text.bytes[line.bytes.endIndex...]
    return rest.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 62 }
  }

  /// Up to 40 bytes of `bytes` for a message, in single quotes by the caller.
  static func shown(_ bytes: some ByteSlice) -> String {
    let text = String(decoding: bytes.prefix(40), as: UTF8.self)
    return bytes.count > 40 ? text + "…" : text
  }

  /// The error for input with no TCP rows: a header alone, UDP alone, or nothing recognisable.
  static func noConnections(
    in text: EvidenceText, header: EvidenceLine?, udpRows: Int, example: String
  ) -> EvidenceError {
    if udpRows > 0 {
      return EvidenceError(
        source: text.source, line: header?.number,
        message: "only UDP endpoints are listed (\(udpRows)); no TCP connections to count",
        reason: .garbled)
    }
    if let header {
      return EvidenceError(
        source: text.source, line: header.number,
        message: "no connections listed (the output ends after the header)", reason: .truncated)
    }
    let first = text.lines.first { !$0.isBlank }
    return EvidenceError(
      source: text.source, line: first?.number,
      message: "no connection rows found; expected rows such as '\(example)'", reason: .garbled)
  }

  // MARK: - Recognition

  /// The first `limit` non-blank lines, for `recognition(of:)`.
  static func head(of text: EvidenceText, limit: Int = 30) -> [EvidenceLine] {
    var lines: [EvidenceLine] = []
    for line in text.lines where !line.isBlank {
      lines.append(line)
      if lines.count == limit { break }
    }
    return lines
  }
}
