import TriageKit

/// Reads macOS and FreeBSD `netstat -an` (and `-Aan`): `tcp4 0 0 10.0.0.5.52312 10.0.0.9.445
/// ESTABLISHED`, ports after the last dot, `*.445`, `tcp46`, `udp4` rows. Any other "Active …"
/// section ("Active LOCAL (UNIX) domain sockets", "Active Multipath Internet connections") ends the
/// TCP part.
public enum BSDNetstatImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netstat
  public static let summary = "macOS and FreeBSD netstat -an"
  static let format = "bsd-netstat"

  public static func recognition(of text: EvidenceText) -> Int {
    text.withRowLines { lines in recognition(of: lines) }
  }

  private static func recognition(of lines: RowLines) -> Int {
    var score = 0
    var buffer = RowFields()
    for (index, line) in lines.head().enumerated() {
      let later = min(index, 15)  // the earliest header wins when outputs are pasted together
      if let title = NetstatTitle(line) {
        switch title {
        case .linux: return 0
        case .bsd: return 95 - later
        case .unmarked: continue
        }
      }
      if line.hasPrefix("Proto") || line.contains(" Proto ") {
        if line.contains("(state)") { return 95 - later }
        continue
      }
      buffer.split(line.bytes)
      if score == 0, let index = protoIndex(in: buffer.fields), isRow(buffer.fields, proto: index) {
        score = 60 - later
      }
    }
    return score
  }

  /// A row in the shape of a BSD TCP row: `tcp4 0 0 10.0.0.5.52312 10.0.0.9.445 SYN_SENT`.
  private static func isRow(_ fields: [RowField], proto: Int) -> Bool {
    guard fields.count >= proto + 6, protocolOf(fields[proto]) == .tcp,
      ConnectionRows.endpoint(fields[proto + 3], dotted: true) != nil,
      ConnectionRows.endpoint(fields[proto + 4], dotted: true) != nil
    else { return false }
    return ConnectionRows.state(fields[proto + 5]) != nil
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var headerProto: Int?
    var inInternetSection = true
    var started = false
    return try ConnectionTable.read(text, kind: kind, format: format, example: example) {
      (line, fields, table) throws(EvidenceError) in
      let first = fields[0]
      if ConnectionRows.equals(first, active) {
        inInternetSection = line.hasPrefix("Active Internet connections")
        if inInternetSection {
          started = true
          table.keepHeader(line, in: text)
        }
        return
      }
      guard inInternetSection else { return }
      if let index = fields.firstIndex(where: { ConnectionRows.equals($0, proto) }), index < 3 {
        started = true
        table.keepHeader(line, in: text)
        headerProto = index
        return
      }
      let index = headerProto ?? protoIndex(in: fields)
      guard let index, index < fields.count, let kind = protocolOf(fields[index]) else {
        if started {
          throw ConnectionRows.rowError(
            "expected a connection row such as '\(example)', found '\(ConnectionRows.shown(line.trimmed))'",
            line: line, at: first, in: text)
        }
        return
      }
      started = true
      try readRow(fields, proto: index, kind: kind, line: line, into: &table.tally, text: text)
    }
  }

  private static func readRow(
    _ fields: [RowField], proto index: Int, kind: RowProtocol, line: RowLine,
    into tally: inout ConnectionTally, text: EvidenceText
  ) throws(EvidenceError) {
    guard fields.count >= index + 5 else {
      throw ConnectionRows.rowError(
        "expected proto, Recv-Q, Send-Q, local address and foreign address; found \(fields.count - index) columns",
        line: line, in: text)
    }
    try ConnectionRows.requireNumber(fields[index + 1], named: "Recv-Q", line: line, in: text)
    try ConnectionRows.requireNumber(fields[index + 2], named: "Send-Q", line: line, in: text)
    guard ConnectionRows.endpoint(fields[index + 3], dotted: true) != nil else {
      throw ConnectionRows.rowError(
        "expected a local address and port such as '10.0.0.5.52312' or '*.445', found '\(ConnectionRows.shown(fields[index + 3]))'",
        line: line, at: fields[index + 3], in: text)
    }
    guard let remote = ConnectionRows.endpoint(fields[index + 4], dotted: true) else {
      throw ConnectionRows.rowError(
        "expected a foreign address and port such as '10.0.0.9.445' or '*.*', found '\(ConnectionRows.shown(fields[index + 4]))'",
        line: line, at: fields[index + 4], in: text)
    }
    switch kind {
    case .tcp:
      guard fields.count > index + 5 else {
        throw ConnectionRows.rowError(
          "expected a state such as ESTABLISHED or SYN_SENT after the foreign address", line: line,
          in: text)
      }
      guard let state = ConnectionRows.state(fields[index + 5]) else {
        throw ConnectionRows.rowError(
          "expected a state such as ESTABLISHED or SYN_SENT, found '\(ConnectionRows.shown(fields[index + 5]))'",
          line: line, at: fields[index + 5], in: text)
      }
      tally.add(state: state, remoteAddress: remote.address, remotePort: remote.port)
    case .udp:
      tally.addUDP()
    case .other:
      break
    }
  }

  enum RowProtocol {
    case tcp, udp, other
  }

  /// `tcp4`, `tcp6`, `tcp46` are TCP; `udp4`… UDP; `icm4`, `raw`, `sctp`, `div` other; else `nil`.
  private static func protocolOf(_ field: RowField) -> RowProtocol? {
    guard field.count >= 3, field.count <= 5 else { return nil }
    let suffix = field.dropFirst(3)
    guard suffix.allSatisfy({ $0 == UInt8(ascii: "4") || $0 == UInt8(ascii: "6") }) else {
      return field.elementsEqual("sctp".utf8) ? .other : nil
    }
    let stem = field.prefix(3)
    if stem.elementsEqual("tcp".utf8) { return .tcp }
    if stem.elementsEqual("udp".utf8) { return .udp }
    if stem.elementsEqual("icm".utf8) || stem.elementsEqual("raw".utf8)
      || stem.elementsEqual("div".utf8)
    {
      return .other
    }
    return nil
  }

  /// Where the protocol column is when there is no header: first (`netstat -an`), or after the
  /// socket and flow-hash columns of `-A`.
  private static func protoIndex(in fields: [RowField]) -> Int? {
    fields.prefix(3).firstIndex { protocolOf($0) != nil }
  }

  private static let active = Array("Active".utf8)
  private static let proto = Array("Proto".utf8)
  private static let example = "tcp4       0      0  10.0.0.5.52312     10.0.0.9.445       SYN_SENT"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "macOS netstat -an during a sweep",
      input: """
        Active Internet connections (including servers)
        Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)
        tcp4       0      0  10.0.0.5.52312         10.0.0.9.445           SYN_SENT
        tcp4       0      0  10.0.0.5.52313         10.0.0.10.445          SYN_SENT
        tcp4       0      0  10.0.0.5.52100         10.0.0.9.445           ESTABLISHED
        tcp46      0      0  *.22                   *.*                    LISTEN
        udp4       0      0  *.5353                 *.*
        Active LOCAL (UNIX) domain sockets
        Address          Type   Recv-Q Send-Q            Inode             Conn             Refs          Nextref Addr
        7fb03cb95130f2c5 stream      1      0                0 7fb03cb95130d6a5                0                0
        """,
      facts: [
        "tcp.connections": .number(3), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.established-smb": .number(1), "tcp.listen": .number(1), "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "FreeBSD netstat -an with tcp6",
      input: """
        Active Internet connections (including servers)
        Proto Recv-Q Send-Q Local Address          Foreign Address        (state)
        tcp4       0      0 192.168.71.163.22      192.168.71.1.56321     ESTABLISHED
        tcp6       0      0 fe80::1%em0.22         fe80::2%em0.51000      TIME_WAIT
        tcp4       0      0 *.22                   *.*                    LISTEN
        """,
      facts: [
        "tcp.connections": .number(2), "tcp.established": .number(1), "tcp.time-wait": .number(1),
        "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "macOS netstat -Aan with socket and flow-hash columns",
      input: """
        Active Internet connections (including servers)
        Socket           Flowhash Proto Recv-Q Send-Q  Local Address      Foreign Address    (state)
        7fb03cb94d505aed cedd0cbf tcp4       0      0  10.0.0.5.5486      10.0.0.9.139       CLOSE_WAIT
        7fb03cb94d692475 1c9f9fcd tcp4       0      0  10.0.0.5.5480      10.0.0.9.445       ESTABLISHED
        """,
      facts: [
        "tcp.connections": .number(2), "tcp.close-wait": .number(1),
        "tcp.established-smb": .number(1),
      ]),
  ]
}
