import TriageKit

/// Reads Windows `netsh int ipv4 show dynamicport tcp` (also `ipv6`, `udp`, and all four pasted
/// together): the ephemeral port range new outgoing connections take their local port from.
///
/// Labels are found anywhere on the line, so a log prefix before every line (`vhd: Start Port : …`
/// from a build log) is read too. The first TCP table gives the facts.
public enum DynamicPortImporter: EvidenceImporter {
  public static let kind = EvidenceKind.dynamicPort
  public static let summary = "Windows netsh int ipv4 show dynamicport tcp"
  static let format = "netsh-dynamicport"

  public static func recognition(of text: EvidenceText) -> Int {
    for line in ConnectionRows.head(of: text) where line.contains("Dynamic Port Range") {
      return 95
    }
    for line in ConnectionRows.head(of: text) where line.contains("Number of Ports") { return 80 }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var tables: [(protocol: String, start: Int?, count: Int?, line: Int)] = []
    var lastLine = 0
    for line in text.lines {
      lastLine = line.number
      let bytes = line.bytes
      if let at = Bytes.find(Array("Protocol ".utf8), in: bytes),
        line.contains("Dynamic Port Range")
      {
        let name = Bytes.fields(bytes[(at + 9)...]).first.map {
          String(decoding: $0, as: UTF8.self).lowercased()
        }
        guard name == "tcp" || name == "udp" else {
          throw EvidenceError(
            source: text.source, line: line.number, column: line.column(of: line.trimmed),
            message:
              "expected 'Protocol tcp Dynamic Port Range' (or udp), found '\(ConnectionRows.shown(line.trimmed))'"
          )
        }
        tables.append((name ?? "tcp", nil, nil, line.number))
      } else if line.contains("Start Port") {
        if tables.isEmpty { tables.append(("tcp", nil, nil, line.number)) }
        tables[tables.count - 1].start = try value(of: line, in: text)
      } else if line.contains("Number of Ports") {
        if tables.isEmpty { tables.append(("tcp", nil, nil, line.number)) }
        tables[tables.count - 1].count = try value(of: line, in: text)
      }
    }
    guard let table = tables.first(where: { $0.protocol == "tcp" }) ?? tables.first else {
      throw EvidenceError(
        source: text.source, line: text.lines.first { !$0.isBlank }?.number,
        message: "no 'Start Port' and 'Number of Ports' found (netsh int ipv4 show dynamicport tcp)"
      )
    }
    guard let start = table.start, let count = table.count else {
      throw EvidenceError(
        source: text.source, line: table.line,
        message:
          "the table of protocol '\(table.protocol)' ends before its \(table.start == nil ? "'Start Port'" : "'Number of Ports'")",
        reason: .truncated)
    }
    let high = start + count - 1
    var facts: [String: FactValue] = [:]
    if table.protocol == "tcp" {
      facts["limits.port-range-low"] = .number(Double(start))
      facts["limits.port-range-high"] = .number(Double(high))
      facts["limits.port-range-size"] = .number(Double(count))
    }
    let fields: [(key: String, value: JSONValue)] = [
      ("protocol", .string(table.protocol)), ("start_port", .int(start)),
      ("number_of_ports", .int(count)), ("end_port", .int(high)),
    ]
    return Evidence(
      kind: kind, format: format, fields: fields, facts: facts,
      figures: [
        "\(table.protocol) dynamic ports \(start)–\(high) (\(FactValue.grouped(count)))"
      ], lines: lastLine)
  }

  /// The number after the line's last `:`.
  private static func value(of line: EvidenceLine, in text: EvidenceText) throws(EvidenceError)
    -> Int
  {
    guard let colon = line.bytes.lastIndex(of: UInt8(ascii: ":")),
      let value = Bytes.int(Bytes.trim(line.bytes[(colon + 1)...])), value <= 65535
    else {
      throw EvidenceError(
        source: text.source, line: line.number,
        message: "expected a port number after ':', found '\(ConnectionRows.shown(line.trimmed))'",
        reason: ConnectionRows.isLast(line, in: text) ? .truncated : .garbled)
    }
    return value
  }

  public static let facts = SharedFacts.limits.filter { $0.name.hasPrefix("limits.port-range") }

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "the default range of Windows Vista and later",
      input: """

        Protocol tcp Dynamic Port Range
        ---------------------------------
        Start Port      : 49152
        Number of Ports : 16384

        """,
      facts: [
        "limits.port-range-low": .number(49152), "limits.port-range-high": .number(65535),
        "limits.port-range-size": .number(16384),
      ]),
    ImporterExample(
      "a range widened by an installer, as a build log prints it",
      input: """
            vhd: Protocol tcp Dynamic Port Range
            vhd: ---------------------------------
            vhd: Start Port      : 1024
            vhd: Number of Ports : 64511
        """,
      facts: ["limits.port-range-size": .number(64511), "limits.port-range-high": .number(65534)]),
    ImporterExample(
      "the narrow range of Windows XP and Server 2003 (1025–5000), set by hand on a later Windows",
      input: """
        C:\\>netsh int ipv4 show dynamicport tcp

        Protocol tcp Dynamic Port Range
        ---------------------------------
        Start Port      : 1025
        Number of Ports : 3976

        """,
      facts: [
        "limits.port-range-low": .number(1025), "limits.port-range-high": .number(5000),
        "limits.port-range-size": .number(3976),
      ]),
  ]
}
