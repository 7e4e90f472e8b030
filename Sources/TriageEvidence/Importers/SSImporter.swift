import TriageKit

/// Reads Linux `ss -tan`, `ss -tanp` (`users:(("smbclient",pid=123,fd=3))`), `ss -tn`, `ss -tuna`
/// and `ss -an` (the `Netid` column; only `tcp` rows count, `udp` apart, the rest skipped), with
/// `ss`'s spellings (`ESTAB`, `SYN-SENT`, `TIME-WAIT`, `UNCONN`) and addresses (`[::ffff:10.0.0.5]:445`,
/// `[::]:22`, `*:*`, `127.0.0.53%lo:53`).
///
/// A state filter (`ss -tan state syn-sent`) drops the State column; the state then comes from the
/// command line pasted with the output (`$ ss -tan state syn-sent`), and without it the input is
/// refused rather than guessed at.
public enum SSImporter: EvidenceImporter {
  public static let kind = EvidenceKind.ss
  public static let summary = "Linux ss -tan, -tanp, -tn, -tuna, state-filtered ss"
  static let format = "linux-ss"

  public static func recognition(of text: EvidenceText) -> Int {
    text.withRowLines { lines in recognition(of: lines) }
  }

  private static func recognition(of lines: RowLines) -> Int {
    var score = 0
    var buffer = RowFields()
    for (index, line) in lines.head().enumerated() {
      let later = min(index, 15)  // the earliest header wins when outputs are pasted together
      buffer.split(line.bytes)
      let fields = buffer.fields
      if Layout(header: fields) != nil {
        return line.contains("Address:Port") ? 95 - later : 80 - later
      }
      if score == 0, let layout = Layout(row: fields), layout.hasState,
        fields.count >= layout.width, ConnectionRows.endpoint(fields[layout.local]) != nil,
        ConnectionRows.endpoint(fields[layout.local + 1]) != nil
      {
        score = 60 - later
      }
    }
    return score
  }

  /// Where the columns are: `[Netid] [State] Recv-Q Send-Q Local Peer [Process]`.
  struct Layout {
    var hasNetid: Bool
    var hasState: Bool

    /// Index of the Recv-Q column.
    var queues: Int { (hasNetid ? 1 : 0) + (hasState ? 1 : 0) }
    /// Index of the local address column.
    var local: Int { queues + 2 }
    /// Columns a row has at least.
    var width: Int { local + 2 }

    /// The layout a header line gives, or `nil` if it is not ss's header.
    init?(header fields: [RowField]) {
      guard let first = fields.first else { return nil }
      if ConnectionRows.equals(first, SSImporter.netid) {
        hasNetid = true
        hasState = fields.count > 1 && ConnectionRows.equals(fields[1], SSImporter.stateColumn)
      } else if ConnectionRows.equals(first, SSImporter.stateColumn) {
        hasNetid = false
        hasState = true
      } else if ConnectionRows.equals(first, SSImporter.recvQ) {
        hasNetid = false
        hasState = false
      } else {
        return nil
      }
      guard fields.contains(where: { ConnectionRows.equals($0, SSImporter.sendQ) }) else {
        return nil
      }
    }

    /// The layout a header-less row suggests, or `nil`.
    init?(row fields: [RowField]) {
      guard let first = fields.first, fields.count >= 4 else { return nil }
      if ConnectionRows.state(first) != nil, ConnectionRows.number(fields[1]) != nil {
        hasNetid = false
        hasState = true
      } else if ConnectionRows.state(fields[1]) != nil, ConnectionRows.number(fields[2]) != nil,
        SSImporter.isNetid(first)
      {
        hasNetid = true
        hasState = true
      } else if ConnectionRows.number(first) != nil, ConnectionRows.number(fields[1]) != nil {
        hasNetid = false
        hasState = false
      } else {
        return nil
      }
    }
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var layout: Layout?
    var filterState: TCPState?
    let onlyTCP = commandIsTCPOnly(text.command)
    return try ConnectionTable.read(text, kind: kind, format: format, example: example) {
      (line, fields, table) throws(EvidenceError) in
      let first = fields[0]
      // Details of -i, -m, -e wrap onto indented lines; -p's users may wrap onto its own line.
      if line.bytes.first == 32 || line.bytes.first == 9 || first.starts(with: usersPrefix) {
        if layout != nil { return }
      }
      if let found = Layout(header: fields) {
        layout = found
        table.keepHeader(line, in: text)
        if !found.hasState { filterState = try stateFilter(text, header: line.number) }
        return
      }
      if layout == nil {
        guard let found = Layout(row: fields) else { return }  // text before the table
        layout = found
        if !found.hasState { filterState = try stateFilter(text, header: line.number) }
      }
      guard let layout else { return }
      try readRow(
        fields, layout: layout, filterState: filterState, onlyTCP: onlyTCP, line: line,
        into: &table.tally, text: text)
    }
  }

  private static func readRow(
    _ fields: [RowField], layout: Layout, filterState: TCPState?, onlyTCP: Bool,
    line: RowLine, into tally: inout ConnectionTally, text: EvidenceText
  ) throws(EvidenceError) {
    var isTCP = onlyTCP
    var isUDP = false
    if layout.hasNetid {
      let netid = fields[0]
      isTCP = ConnectionRows.equals(netid, tcp)
      isUDP = ConnectionRows.equals(netid, udp)
      // Unix, netlink, packet and vsock rows have addresses of their own; they are not read.
      guard isTCP || isUDP else {
        guard isNetid(netid), fields.count >= 3,
          !layout.hasState || ConnectionRows.state(fields[1]) != nil
        else {
          throw ConnectionRows.rowError(
            "expected a row such as '\(example)', found '\(ConnectionRows.shown(line.trimmed))'",
            line: line, at: netid, in: text)
        }
        return
      }
    }
    guard fields.count >= layout.width else {
      throw ConnectionRows.rowError(
        "expected \(layout.hasState ? "state, " : "")Recv-Q, Send-Q, local and peer address; found \(fields.count) columns",
        line: line, in: text)
    }
    var state = filterState
    if layout.hasState {
      let spelling = fields[layout.queues - 1]
      state = ConnectionRows.state(spelling)
      if state == nil {
        throw ConnectionRows.rowError(
          "expected a state such as ESTAB or SYN-SENT, found '\(ConnectionRows.shown(spelling))'",
          line: line, at: spelling, in: text)
      }
    }
    try ConnectionRows.requireNumber(fields[layout.queues], named: "Recv-Q", line: line, in: text)
    try ConnectionRows.requireNumber(
      fields[layout.queues + 1], named: "Send-Q", line: line, in: text)
    let localField = fields[layout.local]
    guard ConnectionRows.endpoint(localField) != nil else {
      throw ConnectionRows.rowError(
        "expected a local address and port such as '10.0.0.5:52312', found '\(ConnectionRows.shown(localField))'",
        line: line, at: localField, in: text)
    }
    let peerField = fields[layout.local + 1]
    guard let peer = ConnectionRows.endpoint(peerField) else {
      throw ConnectionRows.rowError(
        "expected a peer address and port such as '10.0.0.9:445' or '*:*', found '\(ConnectionRows.shown(peerField))'",
        line: line, at: peerField, in: text)
    }
    if isUDP || !isTCP {
      tally.addUDP()
      return
    }
    var pid: Int?
    if fields.count > layout.width {
      let rest = line.bytes[fields[layout.width].startIndex..<line.bytes.endIndex]
      pid = ConnectionRows.ssProcess(in: rest)
      if pid != nil { tally.listsProcesses = true }
    }
    if let state {
      tally.add(state: state, remoteAddress: peer.address, remotePort: peer.port, pid: pid)
    }
  }

  /// Whether `field` looks like a Netid: `tcp`, `u_str`, `icmp6`, `p_raw`.
  private static func isNetid(_ field: RowField) -> Bool {
    field.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
  }

  /// The state of `ss … state X` in the pasted command line, which is what the rows are in when
  /// the State column is missing.
  private static func stateFilter(_ text: EvidenceText, header: Int) throws(EvidenceError)
    -> TCPState
  {
    if let command = text.command {
      let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if let at = words.firstIndex(where: { $0.lowercased() == "state" }), at + 1 < words.count,
        let state = TCPState(spelling: words[at + 1].trimmingQuotes())
      {
        return state
      }
    }
    throw EvidenceError(
      source: text.source, line: header,
      message:
        "the output has no State column (ss with a 'state' filter); paste it with its command line, such as '$ ss -tan state syn-sent', or run ss without the filter",
      reason: .garbled)
  }

  /// Whether the pasted command lists TCP only or sockets of any kind without a Netid column:
  /// `ss -uan` lists UDP without saying so, and those rows must not count as TCP.
  private static func commandIsTCPOnly(_ command: String?) -> Bool {
    guard let command else { return true }
    var letters = Set<Character>()
    for word in command.split(separator: " ") where word.hasPrefix("-") && !word.hasPrefix("--") {
      letters.formUnion(word.dropFirst())
    }
    if letters.contains("t") { return true }
    return letters.isDisjoint(with: ["u", "x", "w", "d", "S", "0"])
  }

  static let netid = Array("Netid".utf8)
  static let stateColumn = Array("State".utf8)
  static let recvQ = Array("Recv-Q".utf8)
  static let sendQ = Array("Send-Q".utf8)
  private static let tcp = Array("tcp".utf8)
  private static let udp = Array("udp".utf8)
  private static let usersPrefix = Array("users:((".utf8)
  private static let example = "SYN-SENT 0      1      10.0.0.5:52312      10.0.0.9:445"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "ss -tan during a sweep",
      input: """
        State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
        LISTEN     0      128          0.0.0.0:22                      0.0.0.0:*
        SYN-SENT   0      1           10.0.0.5:52312                  10.0.0.9:445
        SYN-SENT   0      1           10.0.0.5:52313                 10.0.0.10:445
        ESTAB      0      0    [::ffff:10.0.0.5]:445       [::ffff:10.0.0.11]:50100
        TIME-WAIT  0      0           10.0.0.5:52100                  10.0.0.9:445
        """,
      facts: [
        "tcp.connections": .number(4), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.established": .number(1), "tcp.time-wait": .number(1), "tcp.listen": .number(1),
        "tcp.remote-hosts": .number(3),
      ]),
    ImporterExample(
      "ss -tanp with processes",
      input: """
        State    Recv-Q   Send-Q     Local Address:Port      Peer Address:Port   Process
        ESTAB    0        0               10.0.0.5:50200         10.0.0.9:445     users:(("smbclient",pid=123,fd=3))
        ESTAB    0        0               10.0.0.5:50201        10.0.0.12:445     users:(("smbclient",pid=123,fd=4))
        LISTEN   0        128        127.0.0.53%lo:53             0.0.0.0:*       users:(("systemd-resolve",pid=564,fd=14))
        """,
      facts: [
        "tcp.established-smb": .number(2), "tcp.connections": .number(2),
        "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "ss -tuan: the Netid column, UDP apart",
      input: """
        Netid  State    Recv-Q   Send-Q     Local Address:Port      Peer Address:Port
        udp    UNCONN   0        0          127.0.0.53%lo:53             0.0.0.0:*
        tcp    SYN-SENT 0        1               10.0.0.5:40000         10.0.0.9:139
        tcp    LISTEN   0        128                 [::]:22                [::]:*
        """,
      facts: [
        "tcp.connections": .number(1), "tcp.syn-sent-smb": .number(1), "tcp.closed": .number(0),
      ]),
    ImporterExample(
      "ss -tan state syn-sent, pasted with its command",
      input: """
        $ ss -tan state syn-sent
        Recv-Q   Send-Q     Local Address:Port      Peer Address:Port
        0        1               10.0.0.5:50200         10.0.0.9:445
        0        1               10.0.0.5:50201        10.0.0.10:445
        """,
      facts: [
        "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2), "tcp.established": .number(0),
      ]),
  ]
}

extension Substring {
  /// Without surrounding single or double quotes (`'syn-sent'`).
  fileprivate func trimmingQuotes() -> Substring {
    var text = self
    while let first = text.first, first == "'" || first == "\"" { text = text.dropFirst() }
    while let last = text.last, last == "'" || last == "\"" { text = text.dropLast() }
    return text
  }
}
