import TriageKit

/// Reads Windows `netstat -an`, `-ano` and `-anob`: the "Active Connections" table, with the PID
/// column when present and `-b`'s owner lines (`[svchost.exe]`, ` RpcSs`, "Can not obtain ownership
/// information") between rows. UDP rows (`*:*`, no state) are counted apart from TCP.
public enum WindowsNetstatImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netstat
  public static let summary = "Windows netstat -an, -ano, -anob"
  static let format = "windows-netstat"

  public static func recognition(of text: EvidenceText) -> Int {
    text.withRowLines { lines in recognition(of: lines) }
  }

  private static func recognition(of lines: RowLines) -> Int {
    var score = 0
    var buffer = RowFields()
    for (index, line) in lines.head().enumerated() {
      let later = min(index, 15)  // the earliest header wins when outputs are pasted together
      let trimmed = line.trimmed
      if trimmed.elementsEqual("Active Connections".utf8) { return 95 - later }
      if line.hasPrefix("Proto"), line.contains("Local Address"), line.contains("Foreign Address"),
        !line.contains("Recv-Q"), !line.contains("(state)")
      {
        return 90 - later
      }
      buffer.split(line.bytes)
      if score == 0, isRow(buffer.fields) { score = 60 - later }
    }
    return score
  }

  /// A row in the shape of a Windows netstat TCP or UDP row.
  private static func isRow(_ fields: [RowField]) -> Bool {
    guard let proto = fields.first, fields.count >= 3,
      ConnectionRows.endpoint(fields[1]) != nil, ConnectionRows.endpoint(fields[2]) != nil
    else { return false }
    if isTCP(proto) { return fields.count >= 4 && ConnectionRows.state(fields[3]) != nil }
    return isUDP(proto)
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var headerHasPID = false
    var started = false
    return try ConnectionTable.read(text, kind: kind, format: format, example: example) {
      (line, fields, table) throws(EvidenceError) in
      let first = fields[0]
      if isTCP(first) {
        started = true
        try readTCP(fields, line: line, pidRequired: headerHasPID, into: &table.tally, text: text)
      } else if isUDP(first) {
        started = true
        try readUDP(fields, line: line, into: &table.tally, text: text)
      } else if ConnectionRows.equals(first, active), fields.count == 2,
        ConnectionRows.equals(fields[1], connections)
      {
        started = true
        table.keepHeader(line, in: text)
      } else if ConnectionRows.equals(first, proto), line.contains("Address") {
        started = true
        table.keepHeader(line, in: text)
        headerHasPID = fields.last.map { ConnectionRows.equals($0, pidColumn) } ?? false
        table.tally.listsProcesses = table.tally.listsProcesses || headerHasPID
      } else if !started || isOwnerLine(line, fields) {
        return
      } else {
        throw ConnectionRows.rowError(
          "expected a connection row such as '\(example)', found '\(ConnectionRows.shown(line.trimmed))'",
          line: line, at: first, in: text)
      }
    }
  }

  private static func readTCP(
    _ fields: [RowField], line: RowLine, pidRequired: Bool,
    into tally: inout ConnectionTally, text: EvidenceText
  ) throws(EvidenceError) {
    guard fields.count >= 4 else {
      throw ConnectionRows.rowError(
        "expected 'TCP', local address, foreign address and state; found \(fields.count) columns",
        line: line, in: text)
    }
    guard ConnectionRows.endpoint(fields[1]) != nil else {
      throw ConnectionRows.rowError(
        "expected a local address and port such as '10.0.0.5:52312', found '\(ConnectionRows.shown(fields[1]))'",
        line: line, at: fields[1], in: text)
    }
    guard let remote = ConnectionRows.endpoint(fields[2]) else {
      throw ConnectionRows.rowError(
        "expected a foreign address and port such as '10.0.0.9:445', found '\(ConnectionRows.shown(fields[2]))'",
        line: line, at: fields[2], in: text)
    }
    let bound = ConnectionRows.isBound(fields[3])
    let state = bound ? nil : ConnectionRows.state(fields[3])
    guard bound || state != nil else {
      throw ConnectionRows.rowError(
        "expected a state such as ESTABLISHED or SYN_SENT, found '\(ConnectionRows.shown(fields[3]))'",
        line: line, at: fields[3], in: text)
    }
    // After the state: the PID (-o) and words such as `InHost` (-t's offload state) or
    // `Internet` (-y's template), in either order. Once the PID is read, text netstat does not
    // print (a note a person typed onto the row, seen in a real paste) ends the row: its columns
    // are all read.
    var pid: Int?
    for field in fields.dropFirst(4) {
      if let value = ConnectionRows.number(field) {
        if pid == nil { pid = value }
      } else if field.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
        continue
      } else if pid != nil {
        break
      } else {
        throw ConnectionRows.rowError(
          "expected a process id, found '\(ConnectionRows.shown(field))'", line: line, at: field,
          in: text)
      }
    }
    if pid != nil {
      tally.listsProcesses = true
    } else if pidRequired {
      throw ConnectionRows.rowError(
        "expected a process id after the state (the header has a PID column)", line: line,
        in: text)
    }
    guard let state else {
      tally.addBound(pid: pid)
      return
    }
    tally.add(state: state, remoteAddress: remote.address, remotePort: remote.port, pid: pid)
  }

  private static func readUDP(
    _ fields: [RowField], line: RowLine, into tally: inout ConnectionTally,
    text: EvidenceText
  ) throws(EvidenceError) {
    guard fields.count >= 3 else {
      throw ConnectionRows.rowError(
        "expected 'UDP', local address and '*:*'; found \(fields.count) columns", line: line,
        in: text)
    }
    for field in fields[1...2] where ConnectionRows.endpoint(field) == nil {
      throw ConnectionRows.rowError(
        "expected an address and port such as '0.0.0.0:53' or '*:*', found '\(ConnectionRows.shown(field))'",
        line: line, at: field, in: text)
    }
    tally.addUDP()
  }

  /// `-b`'s lines between rows: ` [svchost.exe]`, `  RpcSs`, ` Can not obtain ownership information`.
  private static func isOwnerLine(_ line: RowLine, _ fields: [RowField]) -> Bool {
    guard let first = line.bytes.first, first == 32 || first == 9 else { return false }
    if fields.count == 1 || fields.first?.first == UInt8(ascii: "[") { return true }
    return line.contains("obtain ownership information")
  }

  private static func isTCP(_ field: RowField) -> Bool {
    ConnectionRows.equals(field, tcp) || ConnectionRows.equals(field, tcpV6)
  }

  private static func isUDP(_ field: RowField) -> Bool {
    ConnectionRows.equals(field, udp) || ConnectionRows.equals(field, udpV6)
  }

  private static let tcp = Array("TCP".utf8)
  private static let tcpV6 = Array("TCPv6".utf8)
  private static let udp = Array("UDP".utf8)
  private static let udpV6 = Array("UDPv6".utf8)
  private static let active = Array("Active".utf8)
  private static let connections = Array("Connections".utf8)
  private static let proto = Array("Proto".utf8)
  private static let pidColumn = Array("PID".utf8)
  private static let example = "TCP    10.0.0.5:52312    10.0.0.9:445    SYN_SENT"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "netstat -an during a sweep: half-open SMB connections",
      input: """

        Active Connections

          Proto  Local Address          Foreign Address        State
          TCP    0.0.0.0:135            0.0.0.0:0              LISTENING
          TCP    10.0.0.5:52312         10.0.0.9:445           SYN_SENT
          TCP    10.0.0.5:52313         10.0.0.10:445          SYN_SENT
          TCP    10.0.0.5:52314         10.0.0.11:139          ESTABLISHED
          TCP    10.0.0.5:52315         10.0.0.11:445          TIME_WAIT
          UDP    0.0.0.0:123            *:*
        """,
      facts: [
        "tcp.connections": .number(4), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.established-smb": .number(1), "tcp.listen": .number(1), "tcp.time-wait": .number(1),
        "tcp.remote-hosts": .number(3), "tcp.closed": .number(0),
      ]),
    ImporterExample(
      "netstat -ano with IPv6 and a scope id, CRLF",
      input:
        "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
        + "  TCP    [::]:135               [::]:0                 LISTENING       1712\r\n"
        + "  TCP    [fe80::1%4]:139        [fe80::2%4]:50000      ESTABLISHED     4\r\n"
        + "  TCP    10.0.0.5:49800         10.0.0.9:445           ESTABLISHED     4\r\n"
        + "  UDP    [::]:500               *:*                                    6856\r\n",
      facts: [
        "tcp.connections": .number(2), "tcp.established": .number(2),
        "tcp.established-smb": .number(1), "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "netstat -anob with owner lines between rows",
      input: """

        Active Connections

          Proto  Local Address          Foreign Address        State           PID
          TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4
         Can not obtain ownership information
          TCP    10.0.0.5:50100         10.0.0.20:445          SYN_SENT        2212
          LanmanWorkstation
         [svchost.exe]
          TCP    10.0.0.5:50101         10.0.0.21:445          SYN_SENT        2212
          LanmanWorkstation
         [svchost.exe]
        """,
      facts: [
        "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2), "tcp.listen": .number(1),
        "tcp.connections": .number(2),
      ]),
    ImporterExample(
      "findstr output without the header",
      input: """
          TCP    10.0.0.5:50100         10.0.0.20:445          SYN_SENT
          TCP    10.0.0.5:50101         10.0.0.21:445          SYN_SENT
        """,
      facts: ["tcp.syn-sent": .number(2), "tcp.connections": .number(2)]),
  ]
}
