import TriageKit

/// Reads ISA Server / Forefront TMG logs that are not W3C files: the Logging tab's "Copy All
/// Results" (tab-separated, a header of column names such as `Log Time`, `Client IP`,
/// `Destination IP`, `Destination Port`, `Protocol`, `Action`, `Rule`, `Result Code`) or the same
/// saved as CSV; and the "ISA Server file format" log, which has no header and every field of the
/// Firewall log in the SDK's order (`Server Name`, `Log Date`, `Log Time`, `Transport`, `Client IP
/// and Port`, `Destination IP and Port`, `Original Client IP`, `Source Network`, `Destination
/// Network`, `Action`, `Result Code`, `Rule`, …), tab- or comma-separated.
public enum ISATextLogImporter: EvidenceImporter {
  public static let kind = EvidenceKind.isaLog

  public static let summary =
    "ISA/TMG log viewer copy or CSV export (Log Time, Client IP, Action, Result Code…) or ISA-format log"

  public static func recognition(of text: EvidenceText) -> Int {
    guard let first = LogBytes.firstLines(of: text, count: 1).first else { return 0 }
    if let header = Header(line: first), header.isLogViewer { return 95 }
    return headerless(first) != nil ? 70 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var tally = ISALogTally()
    var header: Header?
    var reader: DelimitedRecordReader?
    var lines = 0
    for line in text.lines {
      lines += 1
      if header == nil {
        let content = LogBytes.trim(line.bytes)
        if content.isEmpty { continue }
        if let separator = headerless(line) {
          header = Header.isaFormat(separator: separator)
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
      try count(row.fields, layout: layout, line: row.line, into: &tally, source: text.source)
    }
    if let reader, reader.isInsideQuotes {
      throw EvidenceError(
        source: text.source, line: reader.startLine,
        message: "a quoted field in the record that starts here is never closed (expected '\"')",
        reason: .truncated)
    }
    return try tally.evidence(
      format: header?.format ?? "log-viewer", lines: lines, source: text.source,
      expected: "ISA/TMG log rows under a header such as 'Log Time, Client IP, …, Result Code'")
  }

  /// The facts it gives.
  public static let facts = ISALogTally.declaredFacts

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

  /// The separator of an ISA-format record (no header): 11 or more fields with a time, a transport,
  /// a client address and a result code in the SDK's places.
  private static func headerless(_ line: EvidenceLine) -> UInt8? {
    for separator in [UInt8(9), UInt8(ascii: ",")] {
      var probe = DelimitedRecordReader(delimiter: separator)
      guard let fields = probe.feed(line)?.fields.map({ LogBytes.trim(ArraySlice($0.utf8)) }),
        fields.count >= 11
      else { continue }
      let transport = LogBytes.text(fields[3]).uppercased()
      if fields[2].contains(UInt8(ascii: ":")),
        ["TCP", "UDP", "ICMP", "IGMP", "GRE", "ESP", "AH", "IPV6", "-"].contains(transport)
          || Bytes.int(fields[3]) != nil,
        Bytes.ipv4(ISARecord.addressBytes(fields[4])) != nil
          || ISARecord.addressBytes(fields[4]).contains(UInt8(ascii: ":")),
        fields[10].elementsEqual("-".utf8) || ISAResultCode.parse(fields[10]) != nil
      {
        return separator
      }
    }
    return nil
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
