import TriageKit

/// Reads ISA Server / Forefront TMG logs that are not W3C files: the Logging tab's "Copy All
/// Results" (tab-separated, a header of column names such as `Log Time`, `Client IP`,
/// `Destination IP`, `Destination Port`, `Protocol`, `Action`, `Rule`, `Result Code`) or the same
/// saved as CSV; and the "ISA Server file format" log, which has no header and every field of the
/// Firewall log in the SDK's order (`Server Name`, `Log Date`, `Log Time`, `Transport`, `Client IP
/// and Port`, `Destination IP and Port`, `Original Client IP`, `Source Network`, `Destination
/// Network`, `Action`, `Result Code`, `Rule`, …), tab- or comma-separated; and entries copied from
/// the log viewer's details pane, where each record is a block of `Label: value` lines and its
/// result code ends the `Status:` line (`… (0x80074e23 FWX_E_CONCURRENT_CONNECTIONS_…)`). ISA
/// Server 2000's file format has its own order (`c-ip`, `cs-username`, `c-agent`, …, `s-svcname`,
/// …, `s-operation`, …, `sc-status`), comma-separated.
public enum ISATextLogImporter: EvidenceImporter {
  public static let kind = EvidenceKind.isaLog

  public static let summary =
    "ISA/TMG log viewer copy or CSV export (Log Time, Client IP, Action, Result Code…) or ISA-format log"

  public static func recognition(of text: EvidenceText) -> Int {
    guard let first = LogBytes.firstLines(of: text, count: 1).first else { return 0 }
    if let header = Header(line: first), header.isLogViewer { return 95 }
    if headerless(first) != nil { return 70 }
    return hasStatusCode(LogBytes.firstLines(of: text, count: 12)) ? 80 : 0
  }

  /// Whether `lines` hold a details pane's `Status:` line with its result code (on the same line,
  /// or wrapped onto the next).
  static func hasStatusCode(_ lines: [EvidenceLine]) -> Bool {
    var previous: ArraySlice<UInt8> = []
    for line in lines {
      if statusCode(line.bytes, after: previous) != nil { return true }
      previous = LogBytes.trim(line.bytes)
    }
    return false
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    if let first = LogBytes.firstLines(of: text, count: 1).first, Header(line: first) == nil,
      headerless(first) == nil, hasStatusCode(LogBytes.firstLines(of: text, count: 12))
    {
      return try readDetails(text)
    }
    var tally = ISALogTally()
    var header: Header?
    var reader: DelimitedRecordReader?
    var lines = 0
    var unread = UnreadRows(text)
    for line in text.lines {
      lines += 1
      if header == nil {
        let content = LogBytes.trim(line.bytes)
        if content.isEmpty { continue }
        if let (separator, isa2000) = headerless(line) {
          header =
            isa2000
            ? Header.isa2000Format(separator: separator) : Header.isaFormat(separator: separator)
          reader = DelimitedRecordReader(delimiter: separator)  // and this line is a record
        } else if let found = Header(line: line),
          found.columns.client != nil || found.columns.code != nil
        {
          header = found
          reader = DelimitedRecordReader(delimiter: found.separator)
          continue
        } else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected a header with 'Client IP' and 'Result Code' or 'Action' columns, or an ISA-format record, found '\(LogBytes.quoted(content, limit: 60))'"
          )
        }
      }
      guard let layout = header, let row = reader?.feed(line) else { continue }
      if row.fields.allSatisfy({ LogBytes.trim($0).isEmpty }) { continue }
      if layout.isRepeat(of: row.fields) { continue }
      // A record that spans lines (a quoted field with line ends) is set aside by its first line.
      do throws(EvidenceError) {
        try count(row.fields, layout: layout, line: row.line, into: &tally, source: text.source)
      } catch {
        try unread.setAside(error, line: row.line, text: row.line == line.number ? line.text : "")
      }
    }
    if let reader, reader.isInsideQuotes {
      throw EvidenceError(
        source: text.source, line: reader.startLine,
        message: "a quoted field in the record that starts here is never closed (expected '\"')",
        reason: .truncated)
    }
    var evidence = try tally.evidence(
      format: header?.format ?? "log-viewer", lines: lines, source: text.source,
      expected: "ISA/TMG log rows under a header such as 'Log Time, Client IP, …, Result Code'")
    evidence.unreadRows = unread.rows
    return evidence
  }

  /// The facts it gives.
  public static let facts = ISALogTally.declaredFacts

  /// The result code at the end of a details pane's `Status:` line: the text in the last
  /// parentheses, when it is a code (`(0x80074e23 FWX_E_…)`). A long status wraps, its code on a
  /// line of its own: then `previous` (the line before, trimmed) is the `Status:` line.
  static func statusCode(_ line: ArraySlice<UInt8>, after previous: ArraySlice<UInt8> = [])
    -> ArraySlice<UInt8>?
  {
    let content = LogBytes.trim(line)
    let wrapped =
      content.first == UInt8(ascii: "(") && LogBytes.hasPrefix(previous, "Status:")
      && previous.last != UInt8(ascii: ")")
    guard LogBytes.hasPrefix(content, "Status:") || wrapped, content.last == UInt8(ascii: ")"),
      let open = content.lastIndex(of: UInt8(ascii: "("))
    else { return nil }
    let inside = content[content.index(after: open)..<content.index(before: content.endIndex)]
    return LogBytes.hasPrefix(LogBytes.trim(inside), "0x") ? inside : nil
  }

  /// Details-pane entries: one record per `Status:` line with a result code; the client is the
  /// address in the same block's `Source:` or `Client IP:` line, when there is one.
  private static func readDetails(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var tally = ISALogTally()
    var lines = 0
    var pending: (code: ISAResultCode.Code?, line: Int)?
    var client: String?
    func flush() {
      if let record = pending {
        tally.add(client: client, code: record.code, denied: true)
      }
      pending = nil
      client = nil
    }
    var previous: ArraySlice<UInt8> = []
    for line in text.lines {
      lines += 1
      let content = LogBytes.trim(line.bytes)
      if content.isEmpty { continue }
      defer { previous = content }
      if let raw = statusCode(content, after: previous) {
        if pending != nil { flush() }
        pending = (tally.code(raw), line.number)
      } else if LogBytes.hasPrefix(content, "Source:") || LogBytes.hasPrefix(content, "Client IP:")
      {
        client = address(in: content)
      }
    }
    flush()
    return try tally.evidence(
      format: "log-viewer-details", lines: lines, source: text.source,
      expected: "log viewer details with a 'Status: … (0x… FWX_E_…)' line")
  }

  /// The IPv4 address in a details line such as `Source: Internal (10.0.0.5:50321)`.
  private static func address(in line: ArraySlice<UInt8>) -> String? {
    var start = line.startIndex
    while start < line.endIndex {
      let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
      guard let first = line[start...].firstIndex(where: isDigit) else { return nil }
      let end =
        line[first...].firstIndex { !(isDigit($0) || $0 == UInt8(ascii: ".")) } ?? line.endIndex
      let candidate = line[first..<end]
      if Bytes.ipv4(candidate) != nil { return LogBytes.text(candidate) }
      start = end
    }
    return nil
  }

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "the Logging tab copied: tab-separated with a header",
      input: """
        Log Time\tClient IP\tDestination IP\tDestination Port\tProtocol\tAction\tRule\tResult Code
        3/1/2024 10:42:13 AM\t10.0.0.5\t10.1.2.3\t445\tMicrosoft CIFS (TCP)\tDenied Connection\t\t0xc0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED
        3/1/2024 10:42:13 AM\t10.0.0.5\t10.1.2.4\t445\tMicrosoft CIFS (TCP)\tDenied Connection\t\t0xc0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED
        3/1/2024 10:42:20 AM\t10.0.0.9\t10.1.2.3\t80\tHTTP\tInitiated Connection\tAllow Web\t0x0 ERROR_SUCCESS
        """,
      facts: [
        "isa.records": .number(3), "isa.0xc0040037": .number(2),
        "isa.top-client": .string("10.0.0.5"),
      ]),
    ImporterExample(
      "the same saved as CSV, with quotes",
      input: """
        "Log Time","Client IP","Destination IP","Destination Port","Protocol","Action","Rule","Result Code"
        "3/1/2024 10:42:13 AM","10.0.0.5","10.1.2.3","139","NetBios Session","Denied Connection","","0xc0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED"
        "3/1/2024 10:42:14 AM","10.0.0.7","10.1.2.3","445","Microsoft CIFS (TCP)","Denied Connection","Block, then log","0xc004000d FWX_E_POLICY_RULES_DENIED"
        """,
      facts: [
        "isa.records": .number(2), "isa.0xc0040037": .number(1), "isa.0xc004000d": .number(1),
      ]),
    ImporterExample(
      "ISA Server file format: no header, the SDK's field order",
      input: """
        ISA01\t2024-03-01\t10:42:13\tTCP\t10.0.0.5:50321\t10.1.2.3:445\t10.0.0.5\tInternal\tBranch\tDenied\t0xc0040037\t-\tMicrosoft CIFS (TCP)
        ISA01\t2024-03-01\t10:42:13\tTCP\t10.0.0.5:50322\t10.1.2.4:445\t10.0.0.5\tInternal\tBranch\tDenied\t0xc0040017\t-\tMicrosoft CIFS (TCP)
        """,
      facts: [
        "isa.records": .number(2), "isa.0xc0040037": .number(1), "isa.0xc0040017": .number(1),
        "isa.top-client": .string("10.0.0.5"),
      ]),
    ImporterExample(
      "entries copied from the log viewer's details pane, a long status wrapped",
      input: """
        Denied Connection TMG01 3/1/2024 10:42:13 AM
        Log type: Firewall service
        Status: A connection was rejected because the maximum number of TCP connect requests per minute was exceeded.
        (0xc0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED)
        Source: Internal (10.0.0.5:50321)
        Destination: External (10.1.2.3:445)

        Denied Connection TMG01 3/1/2024 10:42:14 AM
        Status: A packet was dropped because it is not a SYN packet. (0xc0040017 FWX_E_TCP_NOT_SYN_PACKET_DROPPED)
        Source: Internal (10.0.0.5:50322)
        """,
      facts: [
        "isa.records": .number(2), "isa.0xc0040037": .number(1), "isa.0xc0040017": .number(1),
        "isa.top-client": .string("10.0.0.5"),
      ]),
    ImporterExample(
      "ISA Server 2000's file format: comma-separated, client first, status 22nd",
      input: """
        10.45.100.201, -, -, N, 11/8/2006, 0:00:05, fwsrv, ACME-PROXY, -, -, 172.16.2.2, 1169, 12515, 814, 22813, 25, TCP, Accept, -, -, -, 20000, 0, Publish Internal SMTP Email Server, -, -, -
        10.45.1.37, andone, webshots.scr:3:5.1, Y, 11/8/2006, 0:00:33, fwsrv, ACME-PROXY, -, -, 216.239.124.149, 80, -, 0, 0, 80, TCP, Connect, -, -, -, 13301, 0, Internet Access, -, -, -
        10.45.100.201, -, -, N, 11/8/2006, 0:00:13, fwsrv, ACME-PROXY, -, -, 172.16.2.2, 1172, 16, 0, 0, 25, TCP, Accept, -, -, -, 0, 0, Publish Internal SMTP Email Server, -, -, -
        """,
      facts: [
        "isa.records": .number(3), "isa.20000": .number(1), "isa.13301": .number(1),
        "isa.0x0": .number(1),
      ]),
  ]

  private static func count(
    _ fields: [String], layout: Header, line: Int, into tally: inout ISALogTally, source: String
  ) throws(EvidenceError) {
    guard fields.count >= layout.width,
      layout.width == 0
        || fields[layout.width...].allSatisfy({ LogBytes.trim($0).isEmpty })
    else {
      throw EvidenceError(
        source: source, line: line,
        message: "expected \(layout.width) fields as the header names, found \(fields.count)")
    }
    if layout.width == 0, fields.count < 11 {
      throw EvidenceError(
        source: source, line: line,
        message: "expected at least 11 fields of the ISA file format, found \(fields.count)")
    }
    try ISARecord.add(
      fields: fields.map { LogBytes.trim(ArraySlice($0.utf8)) }, columns: layout.columns,
      to: &tally, line: line, source: source)
  }

  /// The separator of an ISA-format record (no header), and whether it is ISA Server 2000's: 11 or
  /// more fields with a time, a transport, a client address and a result code in the 2004/2006
  /// SDK's places; or ISA 2000's 22 or more, from the client address (`c-ip`) to the status
  /// (`sc-status`) with the service (`fwsrv`, `w3proxy`) seventh.
  private static func headerless(_ line: EvidenceLine) -> (separator: UInt8, isa2000: Bool)? {
    for separator in [UInt8(9), UInt8(ascii: ",")] {
      var probe = DelimitedRecordReader(delimiter: separator)
      guard let fields = probe.feed(line)?.fields.map({ LogBytes.trim(ArraySlice($0.utf8)) }),
        fields.count >= 11
      else { continue }
      if isISA2000Record(fields) { return (separator, true) }
      let transport = LogBytes.text(fields[3]).uppercased()
      if fields[2].contains(UInt8(ascii: ":")),
        ["TCP", "UDP", "ICMP", "IGMP", "GRE", "ESP", "AH", "IPV6", "-"].contains(transport)
          || Bytes.int(fields[3]) != nil,
        Bytes.ipv4(ISARecord.addressBytes(fields[4])) != nil
          || ISARecord.addressBytes(fields[4]).contains(UInt8(ascii: ":")),
        fields[10].elementsEqual("-".utf8) || ISAResultCode.parse(fields[10]) != nil
      {
        return (separator, false)
      }
    }
    return nil
  }

  /// An ISA Server 2000 ISA-format record (Firewall or Web Proxy log, ISA 2000 SDK "Firewall and
  /// Web Proxy Log fields"): `c-ip`, `cs-username`, `c-agent`, `sc-authenticated` (`Y`/`N`),
  /// `date`, `time`, `s-svcname`, … `s-operation` (18th), … `sc-status` (22nd).
  private static func isISA2000Record(_ fields: [ArraySlice<UInt8>]) -> Bool {
    guard fields.count >= 22 else { return false }
    let service = LogBytes.text(fields[6]).lowercased()
    let authenticated = LogBytes.text(fields[3])
    return ["fwsrv", "w3proxy", "w3reverseproxy"].contains(service)
      && (authenticated == "Y" || authenticated == "N")
      && (Bytes.ipv4(fields[0]) != nil || fields[0].elementsEqual("-".utf8))
      && fields[5].contains(UInt8(ascii: ":"))
      && (fields[21].elementsEqual("-".utf8) || ISAResultCode.parse(fields[21]) != nil)
  }

  /// The columns of a log-viewer copy or export, or the fixed ones of the ISA file format.
  private struct Header {
    var separator: UInt8
    var names: [String]
    var columns: ISARecord.Columns
    var format: String

    /// Fields a row must have (`0`: the ISA file format, 11 or more).
    var width: Int { names.count }

    /// Whether the header is a log viewer's: a client column and a result code or an action.
    var isLogViewer: Bool {
      columns.client != nil && (columns.code != nil || columns.action != nil)
        && (names.contains("logtime") || names.contains("destinationip")
          || names.contains("resultcode"))
    }

    static func isaFormat(separator: UInt8) -> Header {
      Header(
        separator: separator, names: [],
        columns: ISARecord.Columns(client: 4, originalClient: 6, code: 10, action: 9),
        format: "isa-text")
    }

    /// ISA Server 2000's file format: the client first, the operation 18th, the status 22nd.
    static func isa2000Format(separator: UInt8) -> Header {
      Header(
        separator: separator, names: [],
        columns: ISARecord.Columns(client: 0, originalClient: nil, code: 21, action: 17),
        format: "isa2000-text")
    }

    init(separator: UInt8, names: [String], columns: ISARecord.Columns, format: String) {
      self.separator = separator
      self.names = names
      self.columns = columns
      self.format = format
    }

    init?(line: EvidenceLine) {
      let tab = line.bytes.contains(9)
      separator = tab ? 9 : UInt8(ascii: ",")
      var probe = DelimitedRecordReader(delimiter: separator)
      guard let cells = probe.feed(line)?.fields, cells.count >= 2 else { return nil }
      names = cells.map { LogBytes.compactKey(ArraySlice(LogBytes.trim($0).utf8)) }
      guard names.allSatisfy({ !$0.isEmpty && $0.count <= 40 }) else { return nil }
      columns = ISARecord.Columns(names: names)
      format = tab ? "log-viewer-tab" : "log-viewer-csv"
    }

    func isRepeat(of fields: [String]) -> Bool {
      guard !names.isEmpty, fields.count >= names.count else { return false }
      return fields.prefix(names.count).map {
        LogBytes.compactKey(ArraySlice(LogBytes.trim($0).utf8))
      } == names
    }
  }
}
