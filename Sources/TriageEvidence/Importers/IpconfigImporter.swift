import TriageKit

/// Reads `ipconfig` and `ipconfig /all` of Windows XP to 11: the adapters with their IPv4 address,
/// mask, default gateway, DNS servers and DHCP state.
///
/// Lines are `Name . . . . : value` with dotted leaders (XP's `IP Address`, Vista's
/// `IPv4 Address … (Preferred)`, `Autoconfiguration IPv4 Address` for APIPA); `Default Gateway`,
/// `DNS Servers` and the suffix lists continue on indented lines (an IPv6 gateway such as
/// `fe80::1%12` often comes first, the IPv4 one on the next line). A paste of
/// `ipconfig | findstr IPv4` (no adapter headers) is read as unnamed adapters.
///
/// "The adapter in use", whose address the facts report, is the first with an IPv4 default gateway,
/// else the first connected one with an IPv4 address.
public enum IpconfigImporter: EvidenceImporter {
  public static let kind = EvidenceKind.ipconfig
  public static let summary = "ipconfig and ipconfig /all (Windows XP to 11)"

  public static func recognition(of text: EvidenceText) -> Int {
    var score = 0
    for line in text.lines.prefix(40) {
      let trimmed = line.trimmed
      if trimmed.elementsEqual(headerText.utf8) { return 100 }
      if adapterHeader(trimmed) != nil {
        score = max(score, 90)
      } else if let pair = leaderPair(trimmed), Key(pair.key) != .other {
        score = max(score, pair.hasLeader ? 70 : 0)
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
        if !command.isEmpty { skipping = !PromptAwareLine.command(command, runs: ["ipconfig"]) }
      case .line(let line):
        if let command = PromptAwareLine.foreignPrompt(line.trimmed) {
          if !command.isEmpty { skipping = !PromptAwareLine.command(command, runs: ["ipconfig"]) }
        } else if !skipping {
          try reader.read(line)
        }
      }
    }
    return try reader.finish()
  }

  /// The facts it gives.
  public static let facts = SharedFacts.adapters

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "ipconfig /all, Windows 10, IPv6 gateway first then the IPv4 one",
      input: """
        Windows IP Configuration

           Host Name . . . . . . . . . . . . : MGMT-01
           Primary Dns Suffix  . . . . . . . : corp.example

        Ethernet adapter Ethernet:

           Connection-specific DNS Suffix  . : corp.example
           Description . . . . . . . . . . . : Intel(R) Ethernet Connection I219-LM
           Physical Address. . . . . . . . . : 3C-52-82-1A-4F-9B
           DHCP Enabled. . . . . . . . . . . : Yes
           Link-local IPv6 Address . . . . . : fe80::c447:d1ef:c29f:c44c%12(Preferred)
           IPv4 Address. . . . . . . . . . . : 10.0.0.5(Preferred)
           Subnet Mask . . . . . . . . . . . : 255.255.255.0
           Default Gateway . . . . . . . . . : fe80::1%12
                                               10.0.0.1
           DNS Servers . . . . . . . . . . . : 10.0.0.10
                                               10.0.0.11

        Wireless LAN adapter Wi-Fi:

           Media State . . . . . . . . . . . : Media disconnected
           Connection-specific DNS Suffix  . :
        """,
      facts: [
        "ipconfig.adapters": .number(1), "ipconfig.ipv4": .string("10.0.0.5"),
        "ipconfig.apipa": .bool(false), "ipconfig.gateway": .bool(true),
        "ipconfig.dns-servers": .number(2),
      ]),
    ImporterExample(
      "plain ipconfig with an APIPA address and no gateway",
      input: """
        Windows IP Configuration

        Ethernet adapter Local Area Connection:

           Connection-specific DNS Suffix  . :
           Autoconfiguration IPv4 Address. . : 169.254.23.118
           Subnet Mask . . . . . . . . . . . : 255.255.0.0
           Default Gateway . . . . . . . . . :
        """,
      facts: [
        "ipconfig.adapters": .number(1), "ipconfig.ipv4": .string("169.254.23.118"),
        "ipconfig.apipa": .bool(true), "ipconfig.gateway": .bool(false),
      ]),
    ImporterExample(
      "Windows XP ipconfig /all",
      input: """
        Windows IP Configuration

                Host Name . . . . . . . . . . . . : station12
                Node Type . . . . . . . . . . . . : Hybrid

        Ethernet adapter Local Area Connection:

                Connection-specific DNS Suffix  . :
                Description . . . . . . . . . . . : Intel(R) PRO/100 VE Network Connection
                Dhcp Enabled. . . . . . . . . . . : No
                IP Address. . . . . . . . . . . . : 192.168.10.25
                Subnet Mask . . . . . . . . . . . : 255.255.255.0
                IP Address. . . . . . . . . . . . : fe80::20c:29ff:fe25:b64d%4
                Default Gateway . . . . . . . . . : 192.168.10.1
                DNS Servers . . . . . . . . . . . : 192.168.10.2
                                                    fec0:0:0:ffff::1%1
        """,
      facts: [
        "ipconfig.adapters": .number(1), "ipconfig.ipv4": .string("192.168.10.25"),
        "ipconfig.gateway": .bool(true), "ipconfig.dns-servers": .number(2),
      ]),
    ImporterExample(
      "ipconfig | findstr IPv4",
      input: """
           IPv4 Address. . . . . . . . . . . : 192.168.56.1
           IPv4 Address. . . . . . . . . . . : 10.20.30.40
        """,
      facts: [
        "ipconfig.adapters": .number(2), "ipconfig.ipv4": .string("192.168.56.1"),
        "ipconfig.gateway": .bool(false),
      ]),
  ]

  static let headerText = "Windows IP Configuration"
  static let adapterWord = Array(" adapter ".utf8)

  // MARK: - Line shapes

  /// `Ethernet adapter Local Area Connection:` → (type, name).
  static func adapterHeader(_ trimmed: ArraySlice<UInt8>) -> (type: String, name: String)? {
    guard trimmed.count > 9, trimmed.last == UInt8(ascii: ":") else { return nil }
    let body = trimmed.dropLast()
    guard body.last != 32, body.last != 9, let cut = Bytes.find(adapterWord, in: body)
    else { return nil }
    let type = body[body.startIndex..<cut]
    let name = body[(cut + 9)...]
    // A leader line such as 'Tunnel adapter . . . :' is not a header.
    guard !type.isEmpty, !name.isEmpty, Bytes.find(Array(" . ".utf8), in: body) == nil else {
      return nil
    }
    return (String(decoding: type, as: UTF8.self), String(decoding: name, as: UTF8.self))
  }

  /// `IPv4 Address. . . . . : 10.0.0.5(Preferred)` → (key 'IPv4 Address', value, leader?).
  ///
  /// The separator is the first colon that follows a space and is followed by a space or the end
  /// of the line; IPv6 addresses and times (`10:39:04`) never have a space before their colons.
  static func leaderPair(_ trimmed: ArraySlice<UInt8>) -> (
    key: ArraySlice<UInt8>, value: ArraySlice<UInt8>, hasLeader: Bool
  )? {
    var index = trimmed.startIndex
    while index < trimmed.endIndex {
      if trimmed[index] == UInt8(ascii: ":"), index > trimmed.startIndex,
        trimmed[index - 1] == 32,
        index + 1 == trimmed.endIndex || trimmed[index + 1] == 32 || trimmed[index + 1] == 9
      {
        var key = trimmed[trimmed.startIndex..<index]
        var hasLeader = false
        while let last = key.last, last == 32 || last == UInt8(ascii: ".") {
          if last == UInt8(ascii: ".") { hasLeader = true }
          key = key.dropLast()
        }
        guard !key.isEmpty else { return nil }
        return (key, Bytes.trim(trimmed[(index + 1)...]), hasLeader)
      }
      index += 1
    }
    return nil
  }

  /// The keys that matter; all others are read and passed over.
  enum Key: Equatable {
    case ipv4, ipAddressXP, subnetMask, gateway, dnsServers, dhcpEnabled, mediaState
    /// A key `ipconfig /all` prints and plain `ipconfig` does not.
    case detailedOnly
    /// A list that continues on indented lines, like the DNS servers.
    case suffixList
    case adapterDetail, other

    init(_ key: ArraySlice<UInt8>) {
      self = Self.table.first { Bytes.equalsIgnoringCase(key, $0.name) }?.key ?? .other
    }

    /// Key names, compared ignoring case (XP writes 'Dhcp Enabled').
    private static let table: [(name: String, key: Key)] = [
      ("IPv4 Address", .ipv4), ("Autoconfiguration IPv4 Address", .ipv4),
      ("Autoconfiguration IP Address", .ipv4), ("IP Address", .ipAddressXP),
      ("Subnet Mask", .subnetMask), ("Default Gateway", .gateway), ("DNS Servers", .dnsServers),
      ("DHCP Enabled", .dhcpEnabled), ("Media State", .mediaState),
      ("Description", .detailedOnly), ("Physical Address", .detailedOnly),
      ("DHCP Server", .detailedOnly), ("Autoconfiguration Enabled", .detailedOnly),
      ("NetBIOS over Tcpip", .detailedOnly), ("Lease Obtained", .detailedOnly),
      ("Lease Expires", .detailedOnly), ("DHCPv6 IAID", .detailedOnly),
      ("DHCPv6 Client DUID", .detailedOnly), ("Primary WINS Server", .detailedOnly),
      ("Connection-specific DNS Suffix", .adapterDetail),
      ("Link-local IPv6 Address", .adapterDetail),
      ("IPv6 Address", .adapterDetail), ("Temporary IPv6 Address", .adapterDetail),
      ("DNS Suffix Search List", .suffixList),
      ("Connection-specific DNS Suffix Search List", .suffixList),
    ]

    /// Keys only an adapter has: one before any header starts an unnamed adapter.
    var belongsToAdapter: Bool { self != .other && self != .suffixList }

    /// Keys whose values continue on the next lines.
    var continues: Bool { self == .gateway || self == .dnsServers || self == .suffixList }
  }

  /// One adapter as read.
  struct Adapter {
    var name: String?
    var line: Int
    var ipv4: [String] = []
    var subnetMask: String?
    var gateways: [String] = []
    var dnsServers: [String] = []
    var dhcpEnabled: Bool?
    var mediaDisconnected = false
    var pairs = 0

    var ipv4Gateway: String? { gateways.first { Bytes.ipv4(ArraySlice($0.utf8)) != nil } }
    var defaultGateway: String? { ipv4Gateway ?? gateways.first }
    var hasAddress: Bool { !ipv4.isEmpty }
  }

  /// The one-pass reader: the adapter being read and the key whose values may continue.
  struct Reader {
    let source: String
    var adapters: [Adapter] = []
    var current: Adapter?
    var started = false
    var detailed = false
    var continuing: Key?
    var lastLine: Int?
    var lineCount = 0

    init(source: String) { self.source = source }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lineCount = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else { return }
      lastLine = line.number
      if trimmed.elementsEqual(headerText.utf8) {
        started = true
        continuing = nil
        return
      }
      if let header = adapterHeader(trimmed) {
        try close(before: line.number)
        current = Adapter(name: header.name, line: line.number)
        started = true
        continuing = nil
        return
      }
      if let pair = leaderPair(trimmed) {
        started = true
        try take(Key(pair.key), value: pair.value, line: line)
        return
      }
      if let key = continuing, Bytes.fields(trimmed).count == 1 {
        try add(trimmed, to: key, line: line)
        return
      }
      guard started else { return }
      throw EvidenceError(
        source: source, line: line.number, column: line.column(of: trimmed),
        message:
          "expected a 'Name . . . : value' line, a continued value or an adapter header such as 'Ethernet adapter Ethernet:', found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))'"
      )
    }

    private mutating func take(_ key: Key, value: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      continuing = key.continues ? key : nil
      if current == nil {
        guard key.belongsToAdapter else { return }
        current = Adapter(name: nil, line: line.number)
      }
      // Without headers (findstr), a second address starts the next unnamed adapter.
      if key == .ipv4, current?.name == nil, current?.hasAddress == true {
        try close(before: line.number)
        current = Adapter(name: nil, line: line.number)
      }
      current?.pairs += 1
      switch key {
      case .ipv4, .ipAddressXP:
        let address = Self.address(value)
        if Bytes.ipv4(address) != nil {
          if !address.elementsEqual("0.0.0.0".utf8) {
            current?.ipv4.append(String(decoding: address, as: UTF8.self))
          }
        } else if key == .ipv4 || !(address.isEmpty || Self.looksLikeIPv6(address)) {
          // XP lists its IPv6 addresses under 'IP Address' too.
          throw expected("an IPv4 address", found: value, line: line)
        }
      case .subnetMask:
        if !value.isEmpty {
          guard Bytes.ipv4(value) != nil else {
            throw expected("a subnet mask", found: value, line: line)
          }
          if current?.subnetMask == nil {
            current?.subnetMask = String(decoding: value, as: UTF8.self)
          }
        }
      case .gateway:
        if !value.isEmpty { try add(value, to: .gateway, line: line) }
      case .dnsServers:
        detailed = true
        if !value.isEmpty { try add(value, to: .dnsServers, line: line) }
      case .dhcpEnabled:
        detailed = true
        if Bytes.equalsIgnoringCase(value, "yes") {
          current?.dhcpEnabled = true
        } else if Bytes.equalsIgnoringCase(value, "no") {
          current?.dhcpEnabled = false
        } else {
          throw expected("'Yes' or 'No'", found: value, line: line)
        }
      case .mediaState:
        if Bytes.find(Array("disconnected".utf8), in: value) != nil {
          current?.mediaDisconnected = true
        }
      case .detailedOnly:
        detailed = true
      case .adapterDetail, .suffixList, .other:
        break
      }
    }

    /// A value of a key that continues: a gateway or DNS server must be an address.
    private mutating func add(_ value: ArraySlice<UInt8>, to key: Key, line: EvidenceLine)
      throws(EvidenceError)
    {
      switch key {
      case .gateway, .dnsServers:
        let address = Self.address(value)
        guard Bytes.ipv4(address) != nil || Self.looksLikeIPv6(address) else {
          throw expected(
            key == .gateway ? "a gateway address" : "a DNS server address", found: value,
            line: line)
        }
        let text = String(decoding: address, as: UTF8.self)
        if key == .gateway {
          if !address.elementsEqual("0.0.0.0".utf8) { current?.gateways.append(text) }
        } else {
          current?.dnsServers.append(text)
        }
      default:
        break
      }
    }

    /// The address without a `(Preferred)`-style suffix.
    private static func address(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
      guard let open = value.firstIndex(of: UInt8(ascii: "(")) else { return value }
      return Bytes.trim(value[value.startIndex..<open])
    }

    private static func looksLikeIPv6(_ value: ArraySlice<UInt8>) -> Bool {
      guard value.contains(UInt8(ascii: ":")), value.count >= 2 else { return false }
      return value.allSatisfy { byte in
        switch byte {
        case 48...57, 65...70, 97...102, UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "%"):
          return true
        default:
          // Scope IDs after '%' may be interface names on some systems.
          return (65...90).contains(byte) || (97...122).contains(byte)
        }
      }
    }

    private func expected(_ what: String, found value: ArraySlice<UInt8>, line: EvidenceLine)
      -> EvidenceError
    {
      EvidenceError(
        source: source, line: line.number, column: line.column(of: value),
        message:
          "expected \(what), found '\(String(decoding: value.prefix(60), as: UTF8.self))'")
    }

    /// Ends the adapter being read; one with no lines at all means the input was cut.
    private mutating func close(before number: Int) throws(EvidenceError) {
      guard let adapter = current else { return }
      current = nil
      guard adapter.pairs > 0 else {
        throw EvidenceError(
          source: source, line: adapter.line,
          message:
            "adapter '\(adapter.name ?? "")' has no lines before line \(number) (expected its 'Name . . . : value' lines)",
          reason: .truncated)
      }
      adapters.append(adapter)
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      if let adapter = current, adapter.pairs == 0 {
        throw EvidenceError(
          source: source, line: adapter.line,
          message:
            "the input ends after the header of adapter '\(adapter.name ?? "")' (expected its 'Name . . . : value' lines)",
          reason: .truncated)
      }
      try close(before: (lastLine ?? 0) + 1)
      guard !adapters.isEmpty else {
        throw EvidenceError(
          source: source, line: lastLine,
          message:
            "no adapter found (expected 'Windows IP Configuration' and adapter headers such as 'Ethernet adapter Ethernet:')",
          reason: started ? .truncated : .unrecognised)
      }
      return evidence()
    }

    private func evidence() -> Evidence {
      let withAddress = adapters.filter(\.hasAddress)
      let inUse =
        adapters.first { $0.hasAddress && $0.ipv4Gateway != nil }
        ?? adapters.first { $0.hasAddress && !$0.mediaDisconnected }
      var facts: [String: FactValue] = [
        "ipconfig.adapters": .number(Double(withAddress.count)),
        "ipconfig.gateway": .bool(adapters.contains { $0.defaultGateway != nil }),
      ]
      var figures = [
        "\(withAddress.count) of \(adapters.count) adapter\(adapters.count == 1 ? "" : "s") with an IPv4 address"
      ]
      if let inUse, let address = inUse.ipv4.first {
        let apipa = address.hasPrefix("169.254.")
        facts["ipconfig.ipv4"] = .string(address)
        facts["ipconfig.apipa"] = .bool(apipa)
        if detailed { facts["ipconfig.dns-servers"] = .number(Double(inUse.dnsServers.count)) }
        var figure = "adapter in use"
        if let name = inUse.name { figure += " '\(name)'" }
        figure += ": \(address)"
        figure += inUse.defaultGateway.map { ", gateway \($0)" } ?? ", no default gateway"
        if detailed {
          figure +=
            ", \(inUse.dnsServers.count) DNS server\(inUse.dnsServers.count == 1 ? "" : "s")"
        }
        figures.append(figure)
        if apipa { figures.append("APIPA address \(address): no DHCP lease was obtained") }
      }
      let disconnected = adapters.filter(\.mediaDisconnected).count
      if disconnected > 0 {
        figures.append(
          "\(disconnected) adapter\(disconnected == 1 ? "" : "s") with media disconnected")
      }
      let list: [JSONValue] = adapters.map { adapter in
        .object([
          ("name", adapter.name.map(JSONValue.string) ?? .null),
          ("ipv4", adapter.ipv4.first.map(JSONValue.string) ?? .null),
          ("subnet_mask", adapter.subnetMask.map(JSONValue.string) ?? .null),
          ("default_gateway", adapter.defaultGateway.map(JSONValue.string) ?? .null),
          ("dns_servers", detailed ? .array(adapter.dnsServers.map(JSONValue.string)) : .null),
          ("dhcp_enabled", adapter.dhcpEnabled.map(JSONValue.bool) ?? .null),
          ("media_disconnected", .bool(adapter.mediaDisconnected)),
        ])
      }
      return Evidence(
        kind: .ipconfig, format: detailed ? "windows-ipconfig-all" : "windows-ipconfig",
        fields: [("adapters", .array(list))], facts: facts, figures: figures,
        lines: lineCount)
    }
  }
}
