import TriageKit

/// Reads Windows `route print` (and `netstat -r`, which prints the same tables): the interface
/// list, the IPv4 table with its active and persistent routes, and the IPv6 table.
///
/// Windows 2000/XP put `IPv4 Route Table` (or `Route Table`) above the interface list, end the
/// active routes with `Default Gateway:` and name interfaces `0x2`; Vista and later list the
/// interfaces first, write `On-link` for directly reachable networks and wrap long IPv6 routes onto
/// a second line. Default gateways are the gateways of active `0.0.0.0 / 0.0.0.0` routes that are
/// not `On-link`.
public enum RoutePrintImporter: EvidenceImporter {
  public static let kind = EvidenceKind.routePrint
  public static let summary = "route print / netstat -r (Windows 2000 to 11)"

  public static func recognition(of text: EvidenceText) -> Int {
    var score = 0
    for (index, line) in text.lines.prefix(200).enumerated() {
      let trimmed = line.trimmed
      // A table further down (after a script's other output) is route's too, but weaker.
      let cap = index < 40 ? 100 : 60
      if trimmed.elementsEqual("IPv4 Route Table".utf8) { return index < 40 ? 95 : max(score, cap) }
      if trimmed.elementsEqual("Interface List".utf8)
        || trimmed.starts(with: "Network Destination".utf8)
      {
        score = max(score, min(90, cap))
      } else if trimmed.elementsEqual("Active Routes:".utf8) {
        score = max(score, min(80, cap))
      }
    }
    return score
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var reader = Reader(source: text.source)
    var skipping = false
    for item in text.linesWithPrompts {
      switch item {
      case .prompt(_, let command):
        // Output of another command pasted along is passed over.
        if !command.isEmpty { skipping = !runsRoute(command) }
      case .line(let line):
        if let command = PromptAwareLine.foreignPrompt(line.trimmed) {
          if !command.isEmpty { skipping = !runsRoute(command) }
        } else if !skipping {
          try reader.read(line)
        } else if startsTable(line.trimmed) {
          // A script run at the prompt printed route's tables: they are read from here.
          skipping = false
          try reader.read(line)
        }
      }
    }
    return try reader.finish()
  }

  /// The facts it gives.
  public static let facts = [
    FactDeclaration(
      "route.default-gateways", .number, unit: "gateways",
      "distinct default gateways (0.0.0.0/0 routes)")
  ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Windows 10, one gateway",
      input: """
        ===========================================================================
        Interface List
         12...00 1c 42 da 01 6a ......Intel(R) Ethernet Connection
          1...........................Software Loopback Interface 1
        ===========================================================================

        IPv4 Route Table
        ===========================================================================
        Active Routes:
        Network Destination        Netmask          Gateway       Interface  Metric
                  0.0.0.0          0.0.0.0         10.0.0.1        10.0.0.5     25
                 10.0.0.0    255.255.255.0         On-link         10.0.0.5    281
                 10.0.0.5  255.255.255.255         On-link         10.0.0.5    281
                127.0.0.0        255.0.0.0         On-link        127.0.0.1    331
        ===========================================================================
        Persistent Routes:
          None

        IPv6 Route Table
        ===========================================================================
        Active Routes:
         If Metric Network Destination      Gateway
          1    331 ::1/128                  On-link
         12    281 fe80::c447:d1ef:c29f:c44c/128
                                            On-link
        ===========================================================================
        Persistent Routes:
          None
        """,
      facts: ["route.default-gateways": .number(1)]),
    ImporterExample(
      "two default routes through two gateways (VPN and LAN)",
      input: """
        IPv4 Route Table
        ===========================================================================
        Active Routes:
        Network Destination        Netmask          Gateway       Interface  Metric
                  0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.20     35
                  0.0.0.0          0.0.0.0        10.8.0.1        10.8.0.6      1
              192.168.1.0    255.255.255.0         On-link     192.168.1.20    291
        ===========================================================================
        Persistent Routes:
          None
        """,
      facts: ["route.default-gateways": .number(2)]),
    ImporterExample(
      "Windows XP: no default route at all",
      input: """
        IPv4 Route Table
        ===========================================================================
        Interface List
        0x1 ........................... MS TCP Loopback interface
        0x2 ...00 0c 29 21 f9 3e ...... Intel(R) PRO/1000 MT Network Connection
        ===========================================================================
        ===========================================================================
        Active Routes:
        Network Destination        Netmask          Gateway       Interface  Metric
                127.0.0.0        255.0.0.0        127.0.0.1       127.0.0.1       1
              169.254.0.0      255.255.0.0   169.254.10.20   169.254.10.20      20
        ===========================================================================
        Persistent Routes:
          None
        """,
      facts: ["route.default-gateways": .number(0)]),
  ]

  /// The first line of route's interface list or IPv4 table.
  private static func startsTable(_ trimmed: ArraySlice<UInt8>) -> Bool {
    trimmed.elementsEqual("Interface List".utf8) || trimmed.elementsEqual("IPv4 Route Table".utf8)
  }

  private static func runsRoute(_ command: String) -> Bool {
    PromptAwareLine.command(command, runs: ["route", "netstat"])
  }

  enum Family { case none, ipv4, ipv6 }
  enum Table { case none, active, persistent }

  struct Reader {
    let source: String
    var started = false
    var inInterfaceList = false
    var interfaces: Int?
    var family = Family.none
    var table = Table.none
    var sawIPv4Active = false
    var ipv4Routes = 0
    var persistentIPv4Routes = 0
    var ipv6Routes: Int?
    var gateways: [String] = []
    /// An IPv6 route whose gateway is on the next line (wrapped after a long destination).
    var wrappedIPv6: Int?
    var lastLine: Int?
    var lineCount = 0

    init(source: String) { self.source = source }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lineCount = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else { return }
      lastLine = line.number
      if let pending = wrappedIPv6 {
        wrappedIPv6 = nil
        let fields = Bytes.fields(trimmed)
        guard fields.count == 1, Self.isIPv6Gateway(fields[0]) else {
          throw garbled(
            trimmed, line: line,
            expected: "the gateway of the IPv6 route on line \(pending) ('On-link' or an address)")
        }
        return
      }
      if trimmed.allSatisfy({ $0 == UInt8(ascii: "=") }) {
        inInterfaceList = false
        table = .none
        return
      }
      switch String(decoding: trimmed, as: UTF8.self) {
      case "Interface List":
        started = true
        inInterfaceList = true
        interfaces = interfaces ?? 0
        return
      case "IPv4 Route Table", "Route Table":
        started = true
        family = .ipv4
        table = .none
        return
      case "IPv6 Route Table":
        started = true
        family = .ipv6
        table = .none
        ipv6Routes = ipv6Routes ?? 0
        return
      case "Active Routes:", "Persistent Routes:":
        started = true
        if family == .none { family = .ipv4 }
        table = trimmed.first == UInt8(ascii: "A") ? .active : .persistent
        if table == .active, family == .ipv4 { sawIPv4Active = true }
        return
      case "None":
        if table == .persistent { return }
      default:
        break
      }
      if inInterfaceList {
        guard Self.isInterfaceEntry(trimmed) else {
          throw garbled(
            trimmed, line: line,
            expected: "an interface line such as ' 12...00 1c 42 da 01 6a ......Name' or '='s")
        }
        interfaces = (interfaces ?? 0) + 1
        return
      }
      if trimmed.starts(with: "Network Destination".utf8)
        || trimmed.starts(with: "Network Address".utf8) || trimmed.starts(with: "If Metric".utf8)
      {
        // A paste trimmed by its author may keep the column header without `Active Routes:`.
        if table == .none, family != .none, !trimmed.starts(with: "Network Address".utf8) {
          table = .active
          if family == .ipv4 { sawIPv4Active = true }
        }
        return
      }
      if trimmed.starts(with: "Default Gateway:".utf8) {
        let value = Bytes.trim(trimmed.dropFirst("Default Gateway:".utf8.count))
        if Bytes.ipv4(value) != nil { addGateway(value) }
        return
      }
      guard started else { return }
      switch (family, table) {
      case (.ipv4, .active): try ipv4Route(trimmed, line: line)
      case (.ipv4, .persistent): try persistentIPv4Route(trimmed, line: line)
      case (.ipv6, .active), (.ipv6, .persistent): try ipv6Route(trimmed, line: line)
      default:
        throw garbled(
          trimmed, line: line,
          expected:
            "'Interface List', 'IPv4 Route Table', 'IPv6 Route Table', 'Active Routes:', 'Persistent Routes:' or a route line"
        )
      }
    }

    private mutating func ipv4Route(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      let fields = Bytes.fields(trimmed)
      guard fields.count == 5, let destination = Bytes.ipv4(fields[0]),
        let mask = Bytes.ipv4(fields[1]),
        Bytes.ipv4(fields[2]) != nil || fields[2].elementsEqual("On-link".utf8),
        Bytes.ipv4(fields[3]) != nil, Bytes.int(fields[4]) != nil
      else {
        throw garbled(
          trimmed, line: line,
          expected: "an IPv4 route 'destination netmask gateway interface metric'")
      }
      ipv4Routes += 1
      let isDefault =
        destination == (0, 0, 0, 0) && mask == (0, 0, 0, 0)
      if isDefault, Bytes.ipv4(fields[2]) != nil { addGateway(fields[2]) }
    }

    private mutating func persistentIPv4Route(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      let fields = Bytes.fields(trimmed)
      guard fields.count == 4, Bytes.ipv4(fields[0]) != nil, Bytes.ipv4(fields[1]) != nil,
        Bytes.ipv4(fields[2]) != nil || fields[2].elementsEqual("On-link".utf8),
        Bytes.int(fields[3]) != nil || fields[3].elementsEqual("Default".utf8)
      else {
        throw garbled(
          trimmed, line: line,
          expected: "a persistent route 'address netmask gateway metric' or 'None'")
      }
      persistentIPv4Routes += 1
    }

    private mutating func ipv6Route(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      let fields = Bytes.fields(trimmed)
      guard fields.count == 3 || fields.count == 4, Bytes.int(fields[0]) != nil,
        Bytes.int(fields[1]) != nil, fields[2].contains(UInt8(ascii: ":")),
        fields.count == 3 || Self.isIPv6Gateway(fields[3])
      else {
        throw garbled(
          trimmed, line: line, expected: "an IPv6 route 'interface metric destination gateway'")
      }
      if table == .active { ipv6Routes = (ipv6Routes ?? 0) + 1 }
      if fields.count == 3 { wrappedIPv6 = line.number }
    }

    private mutating func addGateway(_ value: ArraySlice<UInt8>) {
      let text = String(decoding: value, as: UTF8.self)
      if !gateways.contains(text) { gateways.append(text) }
    }

    /// ` 12...00 1c 42 da 01 6a ......Name` or XP's `0x2 ...00 0c 29 21 f9 3e ...... Name`.
    private static func isInterfaceEntry(_ trimmed: ArraySlice<UInt8>) -> Bool {
      var index = trimmed.startIndex
      if trimmed.starts(with: "0x".utf8) { index += 2 }
      let digits = index
      while index < trimmed.endIndex, Bytes.hex(trimmed[index..<index + 1]) != nil { index += 1 }
      guard index > digits else { return false }
      while index < trimmed.endIndex, trimmed[index] == 32 { index += 1 }
      return trimmed[index...].starts(with: "...".utf8)
    }

    private static func isIPv6Gateway(_ field: ArraySlice<UInt8>) -> Bool {
      field.elementsEqual("On-link".utf8) || field.contains(UInt8(ascii: ":"))
    }

    private func garbled(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine, expected: String)
      -> EvidenceError
    {
      EvidenceError(
        source: source, line: line.number, column: line.column(of: trimmed),
        message:
          "expected \(expected), found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))'")
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      if let pending = wrappedIPv6 {
        throw EvidenceError(
          source: source, line: pending,
          message: "the input ends before the gateway of the IPv6 route on line \(pending)",
          reason: .truncated)
      }
      guard sawIPv4Active else {
        throw EvidenceError(
          source: source, line: lastLine,
          message:
            "no IPv4 route table found (expected 'IPv4 Route Table' and 'Active Routes:' with its routes)",
          reason: started ? .truncated : .unrecognised)
      }
      guard ipv4Routes > 0 else {
        throw EvidenceError(
          source: source, line: lastLine,
          message: "the IPv4 table has no active route (expected lines after 'Active Routes:')",
          reason: .truncated)
      }
      var figures = [
        "\(ipv4Routes) active IPv4 routes",
        gateways.isEmpty
          ? "no default route"
          : "default gateway\(gateways.count == 1 ? "" : "s") "
            + gateways.joined(separator: ", "),
      ]
      if let interfaces { figures.append("\(interfaces) interfaces") }
      if gateways.count > 1 {
        figures.append("\(gateways.count) default gateways: traffic may leave by either")
      }
      return Evidence(
        kind: .routePrint, format: "windows-route-print",
        fields: [
          ("interfaces", interfaces.map(JSONValue.int) ?? .null),
          ("default_gateways", .array(gateways.map(JSONValue.string))),
          ("ipv4_routes", .int(ipv4Routes)),
          ("persistent_ipv4_routes", .int(persistentIPv4Routes)),
          ("ipv6_routes", ipv6Routes.map(JSONValue.int) ?? .null),
        ],
        facts: ["route.default-gateways": .number(Double(gateways.count))],
        figures: figures, lines: lineCount)
    }
  }
}
