import TriageKit

/// Reads Linux (net-tools) `netstat -tan` and `-tanp`: "Active Internet connections (servers and
/// established)", `tcp` and `tcp6` rows with Recv-Q and Send-Q, and the `PID/Program name` column
/// (`-` when the process is not known). The UNIX-domain section that follows ends the table.
public enum LinuxNetstatImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netstat
  public static let summary = "Linux netstat -tan, -tanp (net-tools)"
  static let format = "linux-netstat"

  public static func recognition(of text: EvidenceText) -> Int {
    text.withRowLines { lines in recognition(of: lines) }
  }

  private static func recognition(of lines: RowLines) -> Int {
    var score = 0
    var buffer = RowFields()
    for (index, line) in lines.head().enumerated() {
      let later = min(index, 15)  // the earliest header wins when outputs are pasted together
      if let title = NetstatTitle(line) {
        if title == .linux { return 95 - later }
        continue
      }
      if line.hasPrefix("Proto"), line.contains("Recv-Q"), line.contains("Foreign Address") {
        if line.contains("(state)") { return 0 }
        return 90 - later
      }
      buffer.split(line.bytes)
      if score == 0, isRow(buffer.fields) { score = 60 - later }
    }
    return score
  }

  /// The state and foreign address of a TCP row without its first column (`32 0
  /// 10.0.0.5:60739 10.0.0.9:9443 CLOSE_WAIT …`), or `nil`.
  private static func rowWithoutProto(_ fields: [RowField]) -> (
    state: TCPState, remote: (address: RowField, port: Int?)
  )? {
    guard fields.count >= 5, ConnectionRows.number(fields[0]) != nil,
      ConnectionRows.number(fields[1]) != nil, ConnectionRows.endpoint(fields[2]) != nil,
      let remote = ConnectionRows.endpoint(fields[3]), let state = ConnectionRows.state(fields[4])
    else { return nil }
    return (state, remote)
  }

  /// A row in the shape of a Linux netstat TCP row: `tcp 0 0 10.0.0.5:52312 10.0.0.9:445 SYN_SENT`.
  private static func isRow(_ fields: [RowField]) -> Bool {
    guard fields.count >= 6, let proto = fields.first, isTCP(proto),
      ConnectionRows.number(fields[1]) != nil, ConnectionRows.number(fields[2]) != nil,
      ConnectionRows.endpoint(fields[3]) != nil, ConnectionRows.endpoint(fields[4]) != nil
    else { return false }
    return ConnectionRows.state(fields[5]) != nil
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var hasProcessColumn = false
    var inInternetSection = true
    var started = false
    return try ConnectionTable.read(text, kind: kind, format: format, example: example) {
      (line, fields, table) throws(EvidenceError) in
      let first = fields[0]
      if matches(first, "Active") {
        // "Active UNIX domain sockets", "Active Bluetooth connections" end the table.
        inInternetSection = line.contains("Internet connections")
        if inInternetSection {
          started = true
          table.keepHeader(line, in: text)
        }
        return
      }
      guard inInternetSection else { return }
      if matches(first, "Proto") {
        started = true
        table.keepHeader(line, in: text)
        hasProcessColumn = line.contains("PID/Program")
        table.tally.listsProcesses = table.tally.listsProcesses || hasProcessColumn
      } else if isTCP(first) {
        started = true
        try readTCP(
          fields, line: line, processColumn: hasProcessColumn, into: &table.tally, text: text)
      } else if isUDP(first) {
        started = true
        try readOther(fields, line: line, text: text)
        table.tally.addUDP()
      } else if isOtherInternet(first) {
        started = true
        try readOther(fields, line: line, text: text)
      } else if let (state, remote) = rowWithoutProto(fields) {
        // A row whose `tcp` was lost when it was copied (the selection began just after it, in a
        // real paste): the rest is a TCP row's, state and all.
        started = true
        table.tally.add(state: state, remoteAddress: remote.address, remotePort: remote.port)
      } else if started {
        throw ConnectionRows.rowError(
          "expected a connection row such as '\(example)', found '\(ConnectionRows.shown(line.trimmed))'",
          line: line, at: first, in: text)
      }
    }
  }

  private static func readTCP(
    _ fields: [RowField], line: RowLine, processColumn: Bool,
    into tally: inout ConnectionTally, text: EvidenceText
  ) throws(EvidenceError) {
    // Both addresses left out by the person who posted it (`tcp 0 0 ... ESTABLISHED`): the row
    // counts in its state, its remote host unknown.
    // (The cheap test first: this runs for every row.)
    if fields.count >= 5, ConnectionRows.isElidedAddresses(fields[3]),
      fields.count == 5 || ConnectionRows.state(fields[5]) == nil,
      let state = ConnectionRows.state(fields[4]),
      ConnectionRows.number(fields[1]) != nil, ConnectionRows.number(fields[2]) != nil
    {
      tally.add(state: state, remoteAddress: fields[3].prefix(0), remotePort: nil)
      return
    }
    guard fields.count >= 6 else {
      throw ConnectionRows.rowError(
        "expected proto, Recv-Q, Send-Q, local address, foreign address and state; found \(fields.count) columns",
        line: line, in: text)
    }
    try ConnectionRows.requireNumber(fields[1], named: "Recv-Q", line: line, in: text)
    try ConnectionRows.requireNumber(fields[2], named: "Send-Q", line: line, in: text)
    guard ConnectionRows.endpoint(fields[3]) != nil else {
      throw ConnectionRows.rowError(
        "expected a local address and port such as '10.0.0.5:52312', found '\(ConnectionRows.shown(fields[3]))'",
        line: line, at: fields[3], in: text)
    }
    guard let remote = ConnectionRows.endpoint(fields[4]) else {
      throw ConnectionRows.rowError(
        "expected a foreign address and port such as '10.0.0.9:445', found '\(ConnectionRows.shown(fields[4]))'",
        line: line, at: fields[4], in: text)
    }
    guard let state = ConnectionRows.state(fields[5]) else {
      throw ConnectionRows.rowError(
        "expected a state such as ESTABLISHED or SYN_SENT, found '\(ConnectionRows.shown(fields[5]))'",
        line: line, at: fields[5], in: text)
    }
    var pid: Int?
    if processColumn {
      // -e puts User and Inode between the state and PID/Program name; program names may hold spaces.
      var found = false
      for field in fields.dropFirst(6) {
        guard let program = ConnectionRows.program(field) else { continue }
        if case .process(let value) = program { pid = value }
        found = true
        break
      }
      guard found else {
        throw ConnectionRows.rowError(
          "expected 'PID/Program name' (such as '1469/master') or '-' after the state", line: line,
          in: text)
      }
    }
    tally.add(state: state, remoteAddress: remote.address, remotePort: remote.port, pid: pid)
  }

  /// UDP and raw rows: counted or skipped, but still checked, so garbage is not read as a table.
  private static func readOther(
    _ fields: [RowField], line: RowLine, text: EvidenceText
  ) throws(EvidenceError) {
    guard fields.count >= 5 else {
      throw ConnectionRows.rowError(
        "expected proto, Recv-Q, Send-Q, local address and foreign address; found \(fields.count) columns",
        line: line, in: text)
    }
    for field in fields[3...4] where ConnectionRows.endpoint(field) == nil {
      throw ConnectionRows.rowError(
        "expected an address and port such as '0.0.0.0:68' or '0.0.0.0:*', found '\(ConnectionRows.shown(field))'",
        line: line, at: field, in: text)
    }
  }

  private static func isTCP(_ field: RowField) -> Bool {
    matches(field, "tcp") || matches(field, "tcp6")
  }

  private static func isUDP(_ field: RowField) -> Bool {
    matches(field, "udp") || matches(field, "udp6") || matches(field, "udpl")
      || matches(field, "udpl6")
  }

  private static func isOtherInternet(_ field: RowField) -> Bool {
    matches(field, "raw") || matches(field, "raw6")
  }

  /// Whether `field` is the ASCII `literal`: compared with the literal's bytes in place (a
  /// `static let` array costs a lazy-initialisation check at every use, on every row).
  @inline(__always)
  private static func matches(_ field: RowField, _ literal: StaticString) -> Bool {
    guard field.count == literal.utf8CodeUnitCount else { return false }
    let bytes = literal.utf8Start
    var offset = 0
    for byte in field {
      guard byte == bytes[offset] else { return false }
      offset += 1
    }
    return true
  }

  private static let example = "tcp        0      0 10.0.0.5:52312    10.0.0.9:445    SYN_SENT"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "netstat -tan on a scanner: SYN_SENT and TIME_WAIT to SMB",
      input: """
        Active Internet connections (servers and established)
        Proto Recv-Q Send-Q Local Address           Foreign Address         State
        tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN
        tcp        0      1 10.0.0.5:52312          10.0.0.9:445            SYN_SENT
        tcp        0      1 10.0.0.5:52313          10.0.0.10:445           SYN_SENT
        tcp        0      0 10.0.0.5:52200          10.0.0.9:445            TIME_WAIT
        tcp6       0      0 :::22                   :::*                    LISTEN
        tcp6       0      0 ::ffff:10.0.0.5:22      ::ffff:10.0.0.9:50022   ESTABLISHED
        """,
      facts: [
        "tcp.connections": .number(4), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.time-wait": .number(1), "tcp.listen": .number(2), "tcp.established": .number(1),
        "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "netstat -tanp with unknown processes",
      input: """
        Active Internet connections (servers and established)
        Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
        tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN      -
        tcp        0      0 192.168.0.105:445       192.168.0.118:50323     ESTABLISHED -
        tcp        0     64 192.168.0.105:22        192.168.0.118:50855     ESTABLISHED 1080/sshd: ops
        """,
      facts: [
        "tcp.connections": .number(2), "tcp.established": .number(2),
        "tcp.established-smb": .number(0), "tcp.remote-hosts": .number(1),
      ]),
    ImporterExample(
      "netstat -tuanp: UDP rows and the UNIX section do not count",
      input: """
        Active Internet connections (servers and established)
        Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
        tcp        0      1 10.0.0.5:40000          10.0.0.30:139           SYN_SENT    900/smbclient
        udp        0      0 0.0.0.0:68              0.0.0.0:*                           795/dhclient
        Active UNIX domain sockets (servers and established)
        Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path
        unix  2      [ ACC ]     STREAM     LISTENING     13851    1/systemd            /run/x.socket
        """,
      facts: [
        "tcp.connections": .number(1), "tcp.syn-sent-smb": .number(1), "tcp.listen": .number(0),
      ]),
  ]
}
