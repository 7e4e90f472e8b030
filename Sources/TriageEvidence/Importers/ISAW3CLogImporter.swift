import TriageKit

/// Reads ISA Server 2000, 2004 and 2006 and Forefront TMG logs in W3C extended format: `#Software:`,
/// `#Version:`, `#Date:` and `#Fields:` directives, then one record per line with the fields the
/// `#Fields:` line names, separated by tabs (ISA's field names have spaces: `IP protocol`,
/// `original client IP`). The Firewall log's `source` (`IP:port`), `original client IP`, `action`
/// and `status` (the result code) are used; the Web Proxy log's `c-ip`, `action` and `sc-status`
/// too. ISA Server 2000 writes `Microsoft(R)` in `#Software:`; its Web Proxy and Firewall logs give
/// `c-ip` and `sc-status` (an HTTP status or a Winsock error), its packet filter log the source in
/// `r-ip` and `s-filter-rule` (0 dropped). A later `#Fields:` line (a restarted service, two files pasted together) applies from there.
public enum ISAW3CLogImporter: EvidenceImporter {
  public static let kind = EvidenceKind.isaLog

  public static let summary =
    "ISA Server / Forefront TMG Firewall or Web Proxy log in W3C format (#Software, #Fields, tab-separated)"

  public static func recognition(of text: EvidenceText) -> Int {
    for line in LogBytes.firstLines(of: text, count: 8) {
      let content = LogBytes.trim(line.bytes)
      guard content.first == UInt8(ascii: "#") else { return 0 }
      if LogBytes.hasPrefix(content, "#Software: Microsoft Internet Security and Acceleration")
        || LogBytes.hasPrefix(content, "#Software: Microsoft(R) Internet Security and Acceleration")
        || LogBytes.hasPrefix(content, "#Software: Microsoft Forefront Threat Management")
        || LogBytes.hasPrefix(content, "#Software: Microsoft Forefront TMG")
      {
        return 100
      }
      if LogBytes.hasPrefix(content, "#Fields:"),
        LogBytes.contains(content, lowercase: "original client ip")
          || LogBytes.contains(content, lowercase: "destination network")
          || (LogBytes.contains(content, lowercase: "c-ip")
            && LogBytes.contains(content, lowercase: "\trule"))
          || (LogBytes.contains(content, lowercase: "s-filter-rule")
            && LogBytes.contains(content, lowercase: "r-ip"))
      {
        return 90
      }
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var tally = ISALogTally()
    var columns: Columns?
    var lines = 0
    var unread = UnreadRows(text)
    for line in text.lines {
      lines += 1
      let content = LogBytes.trim(line.bytes)
      if content.isEmpty { continue }
      if content.first == UInt8(ascii: "#") {
        if LogBytes.hasPrefix(content, "#Fields:") {
          columns = try Columns(content.dropFirst(8), line: line.number, source: text.source)
        }
        continue
      }
      do throws(EvidenceError) {
        guard let layout = columns else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected a '#Fields:' directive before the first record, found '\(LogBytes.quoted(content))'"
          )
        }
        let fields = layout.split(line.bytes)
        guard fields.count >= layout.count,
          fields[layout.count...].allSatisfy({ LogBytes.trim($0).isEmpty })
        else {
          throw EvidenceError(
            source: text.source, line: line.number,
            message:
              "expected \(layout.count) \(layout.separator == 9 ? "tab-separated " : "")fields as the '#Fields:' line \(layout.line) names, found \(fields.count)"
          )
        }
        try ISARecord.add(
          fields: fields.map { LogBytes.trim($0) }, columns: layout.roles, to: &tally,
          line: line.number,
          source: text.source)
      } catch {
        try unread.setAside(error, line: line.number, text: line.text)
      }
    }
    var evidence = try tally.evidence(
      format: "w3c", lines: lines, source: text.source,
      expected: "ISA/TMG W3C log records after a '#Fields:' directive")
    evidence.unreadRows = unread.rows
    return evidence
  }

  /// The facts it gives.
  public static let facts = ISALogTally.declaredFacts

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "ISA 2006 Firewall log: a client over the per-minute connection rate",
      input: """
        #Software: Microsoft Internet Security and Acceleration Server 2006
        #Version: 1.0
        #Date: 2024-03-01 10:00:00
        #Fields: computer\tdate\ttime\tIP protocol\tsource\tdestination\toriginal client IP\tsource network\tdestination network\taction\tstatus\trule\tapplication protocol
        ISA01\t2024-03-01\t10:42:13\tTCP\t10.0.0.5:50321\t10.1.2.3:445\t10.0.0.5\tInternal\tBranch\tDenied\t0xc0040037\t-\tMicrosoft CIFS (TCP)
        ISA01\t2024-03-01\t10:42:13\tTCP\t10.0.0.5:50322\t10.1.2.4:445\t10.0.0.5\tInternal\tBranch\tDenied\t0xc0040037\t-\tMicrosoft CIFS (TCP)
        ISA01\t2024-03-01\t10:42:14\tTCP\t10.0.0.9:50410\t10.1.2.3:445\t10.0.0.9\tInternal\tBranch\tEstablish\t0x0\tAllow SMB\tMicrosoft CIFS (TCP)
        """,
      facts: [
        "isa.records": .number(3), "isa.0xc0040037": .number(2), "isa.0x0": .number(1),
        "isa.top-client": .string("10.0.0.5"),
      ]),
    ImporterExample(
      "status printed in decimal",
      input: """
        #Software: Microsoft Internet Security and Acceleration Server 2006
        #Fields: date\ttime\tsource\tdestination\taction\tstatus
        2024-03-01\t10:42:13\t10.0.0.5:50321\t10.1.2.3:139\tDenied\t3221487671
        2024-03-01\t10:42:13\t10.0.0.5:50322\t10.1.2.4:139\tDenied\t3221487671
        """,
      facts: ["isa.records": .number(2), "isa.0xc0040037": .number(2)]),
    ImporterExample(
      "ISA 2004 Firewall log with policy denials",
      input: """
        #Software: Microsoft Internet Security and Acceleration Server 2004
        #Version: 2.0
        #Date: 2006-10-27 00:00:00
        #Fields: computer\tdate\ttime\tIP protocol\tsource\tdestination\toriginal client IP\tsource network\tdestination network\taction\tstatus\trule\tapplication protocol
        ACME-PROXY\t2006-10-27\t00:00:00\tUDP\t192.168.100.115:61683\t255.255.255.255:14000\t192.168.100.115\tInternal\tLocal Host\tDenied\t0xc004000d\t-\tUnidentified IP Traffic
        ACME-PROXY\t2006-10-27\t00:00:00\tIGMP\t192.168.80.148\t224.0.0.1\t192.168.80.148\tInternal\tLocal Host\tDenied\t0xc004000d\t-\tUnidentified IP Traffic
        """,
      facts: [
        "isa.records": .number(2), "isa.0xc004000d": .number(2),
        "isa.top-client": .string("192.168.100.115"),
      ]),
    ImporterExample(
      "ISA Server 2000 packet filter log: dropped SYNs of one client",
      input: """
        #Software: Microsoft(R) Internet Security and Acceleration Server 2000
        #Version: 1.0
        #Fields: date\ttime\tr-ip\ts-ip\tprotocol\tparam#1\tparam#2\ttcp-flags\ts-filter-rule\ts-interface
        2003-05-27\t10:42:13\t10.0.0.5\t10.0.0.1\tTCP\t50321\t139\tSYN\t0\t10.0.0.1
        2003-05-27\t10:42:13\t10.0.0.5\t10.0.0.1\tTCP\t50322\t139\tSYN\t0\t10.0.0.1
        2003-05-27\t10:42:15\t10.0.0.9\t10.0.0.1\tUDP\t1029\t53\t-\t1\t10.0.0.1
        """,
      facts: ["isa.records": .number(3), "isa.top-client": .string("10.0.0.5")]),
  ]

  /// The layout a `#Fields:` directive gives.
  private struct Columns {
    var separator: UInt8
    var count: Int
    var roles: ISARecord.Columns
    /// The line of the directive.
    var line: Int

    init(_ list: ArraySlice<UInt8>, line: Int, source: String) throws(EvidenceError) {
      let names = LogBytes.trim(list)
      separator = names.contains(9) ? 9 : 32
      let cells =
        separator == 9
        ? Bytes.split(names, on: 9).map { LogBytes.trim($0) } : Bytes.fields(names)
      count = cells.count
      self.line = line
      roles = ISARecord.Columns(names: cells.map { LogBytes.compactKey($0) })
      guard roles.client != nil || roles.code != nil else {
        throw EvidenceError(
          source: source, line: line,
          message:
            "expected a client ('source', 'original client IP', 'c-ip', or 'r-ip' with ISA 2000's 's-filter-rule') or result ('status', 'sc-status') field in '#Fields:'"
        )
      }
    }

    func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
      guard separator == 9 else { return Bytes.fields(bytes) }
      // Only spaces are trimmed: a trailing tab is an empty last field.
      var start = bytes.startIndex
      var end = bytes.endIndex
      while start < end, bytes[start] == 32 || bytes[start] == 13 { start += 1 }
      while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 13 { end -= 1 }
      return Bytes.split(bytes[start..<end], on: 9)
    }
  }
}
