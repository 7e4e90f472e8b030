import TriageKit

/// Reads the `netstat` of a Metasploit meterpreter session, as people paste it from a penetration
/// test or an incident: a "Connection list" table indented four spaces, `Proto  Local address
/// Remote address  State  User  Inode  PID/Program name`, lower-case `tcp`/`udp` rows. The table
/// wraps a cell wider than its column onto the next line, in the same column (a real paste has
/// `51.104.162.168:` and `443` below it): such continuation lines are joined to their row's cell.
public enum MeterpreterNetstatImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netstat
  public static let summary = "Metasploit meterpreter netstat (\"Connection list\")"
  static let format = "meterpreter-netstat"

  public static func recognition(of text: EvidenceText) -> Int {
    text.withRowLines { lines in
      var score = 0
      var buffer = RowFields()
      for (index, line) in lines.head().enumerated() {
        let later = min(index, 15)
        if line.trimmed.elementsEqual(title) { return 95 - later }
        if line.contains("Proto"), line.contains("Local address"), line.contains("Remote address") {
          return 90 - later
        }
        buffer.split(line.bytes)
        if score == 0, isRow(buffer.fields) { score = 60 - later }
      }
      return score
    }
  }

  /// A TCP row in the table's shape: `tcp 10.0.0.5:52312 10.0.0.9:445 SYN_SENT 0 0 4/System`,
  /// the foreign address possibly cut where the table wrapped it.
  private static func isRow(_ fields: [RowField]) -> Bool {
    guard fields.count >= 7, isTCP(fields[0]), ConnectionRows.endpoint(fields[1]) != nil,
      ConnectionRows.number(fields[4]) != nil, ConnectionRows.number(fields[5]) != nil
    else { return false }
    return ConnectionRows.state(fields[3]) != nil
  }

  /// A row while its wrapped cells are gathered: its line and its cells, each with its column.
  private struct Row {
    let line: RowLine
    var cells: [(column: Int, bytes: ArraySlice<UInt8>)]
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    try text.withRowLines { (lines) throws(EvidenceError) in
      var tally = ConnectionTally()
      var buffer = RowFields()
      var pending: Row?
      var started = false
      var header: RowLine?
      var lastLine = 0
      for line in lines {
        lastLine = line.number
        buffer.split(line.bytes)
        let fields = buffer.fields
        guard let first = fields.first else { continue }
        let columns = fields.map { $0.startIndex - line.bytes.startIndex }
        // A continuation: every field starts in a column of the row above, right of its first.
        if var row = pending, let firstColumn = row.cells.first?.column, columns[0] > firstColumn,
          columns.allSatisfy({ column in row.cells.contains { $0.column == column } })
        {
          for (field, column) in zip(fields, columns) {
            if let index = row.cells.firstIndex(where: { $0.column == column }) {
              row.cells[index].bytes += field
            }
          }
          pending = row
          continue
        }
        if let row = pending {
          try add(row, to: &tally, text: text)
          pending = nil
        }
        if line.trimmed.elementsEqual(title) || line.trimmed.allSatisfy({ $0 == 0x3D }) {
          continue  // the title and its rule of `=`
        }
        if ConnectionRows.equals(first, proto) {
          started = true
          header = header ?? line
          continue
        }
        if first.allSatisfy({ $0 == 0x2D }) { continue }  // the rule of dashes under the header
        if isTCP(first) || isUDP(first) {
          started = true
          pending = Row(
            line: line,
            cells: zip(columns, fields).map { (column: $0, bytes: ArraySlice(Array($1))) })
          continue
        }
        if started {
          throw ConnectionRows.rowError(
            "expected a connection row such as '\(example)', found '\(ConnectionRows.shown(line.trimmed))'",
            line: line, at: first, in: text)
        }
      }
      if let row = pending { try add(row, to: &tally, text: text) }
      guard tally.hasTCPRows else {
        throw ConnectionRows.noConnections(
          in: text, header: header?.evidenceLine(in: text), udpRows: tally.udpRows,
          example: example)
      }
      return tally.evidence(kind: kind, format: format, lines: lastLine)
    }
  }

  /// Counts `row`: a TCP row in its state and foreign address, a UDP row as UDP.
  private static func add(_ row: Row, to tally: inout ConnectionTally, text: EvidenceText)
    throws(EvidenceError)
  {
    let cells = row.cells.map(\.bytes)
    let isTCPRow = isTCP(cells[0])
    guard cells.count >= (isTCPRow ? 4 : 3) else {
      throw ConnectionRows.rowError(
        "expected proto, local address, remote address\(isTCPRow ? " and state" : ""); found \(cells.count) columns",
        line: row.line, in: text)
    }
    guard ConnectionRows.endpoint(cells[1]) != nil else {
      throw ConnectionRows.rowError(
        "expected a local address and port such as '10.0.0.5:52312', found '\(ConnectionRows.shown(cells[1]))'",
        line: row.line, in: text)
    }
    guard let remote = ConnectionRows.endpoint(cells[2]) else {
      throw ConnectionRows.rowError(
        "expected a remote address and port such as '10.0.0.9:445', found '\(ConnectionRows.shown(cells[2]))'",
        line: row.line, in: text)
    }
    guard isTCPRow else {
      tally.addUDP()
      return
    }
    guard let state = ConnectionRows.state(cells[3]) else {
      throw ConnectionRows.rowError(
        "expected a state such as ESTABLISHED or SYN_SENT, found '\(ConnectionRows.shown(cells[3]))'",
        line: row.line, in: text)
    }
    var pid: Int?
    if cells.count >= 7, let slash = cells[6].firstIndex(of: UInt8(ascii: "/")) {
      pid = ConnectionRows.number(cells[6][..<slash])
      tally.listsProcesses = true
    }
    tally.add(state: state, remoteAddress: remote.address, remotePort: remote.port, pid: pid)
  }

  private static func isTCP(_ field: some ByteSlice) -> Bool {
    field.elementsEqual("tcp".utf8) || field.elementsEqual("tcp6".utf8)
  }

  private static func isUDP(_ field: some ByteSlice) -> Bool {
    field.elementsEqual("udp".utf8) || field.elementsEqual("udp6".utf8)
  }

  private static let title = Array("Connection list".utf8)
  private static let proto = Array("Proto".utf8)
  private static let example =
    "tcp    10.0.0.5:52312     10.0.0.9:445       SYN_SENT     0     0      4/System"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "meterpreter netstat on Windows, the title and header",
      input: """
        Connection list
        ===============

            Proto  Local address      Remote address     State        User  Inode  PID/Program name
            -----  -------------      --------------     -----        ----  -----  ----------------
            tcp    0.0.0.0:135        0.0.0.0:*          LISTEN       0     0      788/svchost.exe
            tcp    10.0.0.5:52312     10.0.0.9:445       SYN_SENT     0     0      4/System
            tcp    10.0.0.5:52313     10.0.0.10:445      SYN_SENT     0     0      4/System
            udp    0.0.0.0:123        0.0.0.0:*                       0     0      1100/svchost.exe
        """,
      facts: [
        "tcp.connections": .number(2), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.listen": .number(1), "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "rows without the header, foreign addresses wrapped in their column",
      input: """
            tcp    192.168.153.132:56416            51.104.162.168:  ESTABLISHED  0     0      1352/svchost.exe
                                                    443
            tcp    192.168.153.132:56417            20.50.80.210:44  TIME_WAIT    0     0      0/[System Process]
                                                    3
            tcp    192.168.153.132:56420            20.7.2.167:443   ESTABLISHED  0     0      3164/svchost.exe
        """,
      facts: [
        "tcp.connections": .number(3), "tcp.established": .number(2), "tcp.time-wait": .number(1),
        "tcp.remote-hosts": .number(3),
      ]),
    ImporterExample(
      "Linux meterpreter, tcp6 rows",
      input: """
            Proto  Local address          Remote address         State        User  Inode   PID/Program name
            -----  -------------          --------------         -----        ----  -----   ----------------
            tcp    0.0.0.0:22             0.0.0.0:*              LISTEN       0     13512   -
            tcp    10.0.0.5:22            10.0.0.77:51514        ESTABLISHED  0     448910  -
            tcp6   :::80                  :::*                   LISTEN       0     14003   -
        """,
      facts: [
        "tcp.connections": .number(1), "tcp.established": .number(1), "tcp.listen": .number(2),
        "tcp.remote-hosts": .number(1),
      ]),
  ]
}
