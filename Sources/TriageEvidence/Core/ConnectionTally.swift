import TriageKit

/// Counts the rows of a connection table (`netstat`, `ss`, `Get-NetTCPConnection`) into the evidence
/// fields of the contract and the `tcp.*` facts of docs/evidence.md.
///
/// Importers add rows as they parse them, in one pass. IPv4 remote addresses are kept as numbers
/// in a set of their own, other addresses as bytes, so a table of 60,000 connections costs one set
/// entry per distinct remote host and nothing per row.
public struct ConnectionTally: Sendable {
  /// TCP rows, LISTEN included (the `connections` field).
  public private(set) var tcpRows = 0
  /// UDP rows; counted apart and never as TCP connections.
  public private(set) var udpRows = 0
  /// Windows' `BOUND` rows (`netstat -q`, `Get-NetTCPConnection`): local ports a process holds
  /// without a connection, such as ports leaving TIME_WAIT. Not a TCP state, so neither CLOSED nor
  /// in `connections`; the `bound` field when there are any.
  public private(set) var boundRows = 0
  /// Whether the format names the owning process of a row; only then is `pids` a field.
  public var listsProcesses = false
  /// Whether rows carried remote endpoints; `false` for counts-only input (`Group-Object State`),
  /// which then has no `remote_ports`, `remote_hosts` or remote-port facts rather than zeros.
  public var listsEndpoints = true

  private var stateCounts = [Int](repeating: 0, count: TCPState.allCases.count)
  /// Rows per remote port, indexed by port; allocated at the first remote port.
  private var remotePorts: [Int32] = []
  /// Distinct IPv4 remote hosts (most of them), and the others (IPv6, names) apart.
  private var remoteIPv4Hosts = IPv4Set()
  private var remoteHosts: Set<[UInt8]> = []
  private var processes: [Int: Int] = [:]
  /// Consecutive rows of one process are counted here before they reach `processes`.
  private var runProcess = -1
  private var runLength = 0
  private var establishedSMB = 0
  private var synSentSMB = 0

  public init() {}

  /// Adds one TCP row. `remoteAddress` is as printed (brackets, `%scope` and `::ffff:` are
  /// normalised here); `remotePort` is `nil` for `*`.
  public mutating func addTCP(
    state: TCPState, remoteAddress: ArraySlice<UInt8>, remotePort: Int?, pid: Int? = nil
  ) {
    add(state: state, remoteAddress: remoteAddress, remotePort: remotePort, pid: pid)
  }

  /// ``addTCP(state:remoteAddress:remotePort:pid:)`` for any slice of the input.
  mutating func add(
    state: TCPState, remoteAddress: some ByteSlice, remotePort: Int?, pid: Int? = nil
  ) {
    tcpRows += 1
    stateCounts[Self.index(of: state)] += 1
    if let pid { count(pid) }
    guard state != .listen else { return }
    let host = Self.hostKey(remoteAddress)
    guard !host.isEmpty else { return }
    if let address = Self.ipv4(host) {
      guard address != 0 else { return }  // 0.0.0.0
      remoteIPv4Hosts.insert(address)
    } else {
      guard !Self.isUnspecified(host) else { return }
      remoteHosts.insert(Array(host))
    }
    guard let remotePort, remotePort > 0, remotePort <= 65535 else { return }
    if remotePorts.isEmpty { remotePorts = [Int32](repeating: 0, count: 65536) }
    remotePorts[remotePort] &+= 1
    if remotePort == 445 || remotePort == 139 {
      if state == .established {
        establishedSMB += 1
      } else if state == .synSent {
        synSentSMB += 1
      }
    }
  }

  /// Adds `count` TCP connections in `state` whose endpoints are not known (`Group-Object State`).
  public mutating func addTCP(state: TCPState, count: Int) {
    tcpRows += count
    stateCounts[Self.index(of: state)] += count
  }

  /// Adds one `BOUND` row: a local port held, not a connection; its process counts in `pids`.
  public mutating func addBound(pid: Int? = nil) {
    boundRows += 1
    if let pid { count(pid) }
  }

  /// Adds `count` `BOUND` rows whose ports are not known (`Group-Object State`).
  public mutating func addBound(count: Int) {
    boundRows += count
  }

  /// Whether rows of TCP were read: connections or bound ports.
  public var hasTCPRows: Bool { tcpRows > 0 || boundRows > 0 }

  private mutating func count(_ pid: Int) {
    if pid == runProcess {
      runLength += 1
    } else {
      if runLength > 0 { processes[runProcess, default: 0] += runLength }
      runProcess = pid
      runLength = 1
    }
  }

  /// Adds one UDP row.
  public mutating func addUDP() {
    udpRows += 1
  }

  /// Connections counted in `state`.
  public func count(of state: TCPState) -> Int {
    stateCounts[Self.index(of: state)]
  }

  /// Distinct remote addresses, wildcards and unspecified addresses excluded.
  public var remoteHostCount: Int { remoteIPv4Hosts.count + remoteHosts.count }

  /// The evidence: fields in contract order, all `tcp.*` facts, and the figures a person reads.
  public func evidence(kind: EvidenceKind, format: String, lines: Int) -> Evidence {
    Evidence(
      kind: kind, format: format, fields: fields, facts: facts, figures: figures, lines: lines)
  }

  /// `connections`, `states`, `remote_ports`, `remote_hosts`, `pids` (architecture.md).
  var fields: [(key: String, value: JSONValue)] {
    var states: [(key: String, value: JSONValue)] = []
    for state in TCPState.allCases where count(of: state) > 0 {
      states.append((state.rawValue, .int(count(of: state))))
    }
    var result: [(key: String, value: JSONValue)] = [
      ("connections", .int(tcpRows)), ("states", .object(states)),
    ]
    if boundRows > 0 { result.append(("bound", .int(boundRows))) }
    if listsEndpoints {
      var ports: [(key: String, value: JSONValue)] = []
      for (port, count) in remotePorts.enumerated() where count > 0 {
        ports.append((String(port), .int(Int(count))))
      }
      result.append(("remote_ports", .object(ports)))
      result.append(("remote_hosts", .int(remoteHostCount)))
    }
    if listsProcesses {
      var counts = processes
      if runLength > 0 { counts[runProcess, default: 0] += runLength }
      result.append(
        ("pids", .object(counts.keys.sorted().map { (String($0), .int(counts[$0, default: 0])) })))
    }
    return result
  }

  /// The `tcp.*` facts of docs/evidence.md; every state is present, 0 when absent.
  var facts: [String: FactValue] {
    var facts: [String: FactValue] = [
      "tcp.connections": .number(Double(tcpRows - count(of: .listen)))
    ]
    for state in TCPState.allCases {
      facts["tcp.\(state.factName)"] = .number(Double(count(of: state)))
    }
    facts["tcp.bound"] = .number(Double(boundRows))
    if listsEndpoints {
      facts["tcp.established-smb"] = .number(Double(establishedSMB))
      facts["tcp.syn-sent-smb"] = .number(Double(synSentSMB))
      facts["tcp.remote-hosts"] = .number(Double(remoteHostCount))
    }
    return facts
  }

  /// `1,214 TIME_WAIT`, `11 SYN_SENT` (non-zero states, largest first), `312 ESTABLISHED to
  /// 445/139`, `500 remote hosts`.
  var figures: [String] {
    let states = TCPState.allCases.filter { count(of: $0) > 0 }.sorted {
      count(of: $0) != count(of: $1) ? count(of: $0) > count(of: $1) : $0 < $1
    }
    var figures = states.map { "\(FactValue.grouped(count(of: $0))) \($0.rawValue)" }
    if boundRows > 0 {
      figures.append("\(FactValue.grouped(boundRows)) BOUND (local ports held, not connected)")
    }
    if listsEndpoints {
      if establishedSMB > 0 {
        figures.append("\(FactValue.grouped(establishedSMB)) ESTABLISHED to 445/139")
      }
      if synSentSMB > 0 { figures.append("\(FactValue.grouped(synSentSMB)) SYN_SENT to 445/139") }
      let hosts = remoteHostCount
      if hosts > 0 {
        figures.append("\(FactValue.grouped(hosts)) remote host\(hosts == 1 ? "" : "s")")
      }
    }
    return figures
  }

  /// The address that identifies a remote host: without brackets, `%scope` and the `::ffff:` of an
  /// IPv4-mapped address, so `[::ffff:10.0.0.9]` and `10.0.0.9` are one host.
  static func hostKey<Field: ByteSlice>(_ address: Field) -> Field {
    var host = address
    if host.first == UInt8(ascii: "[") {
      host = host.dropFirst()
      if let close = host.firstIndex(of: UInt8(ascii: "]")) { host = host[..<close] }
    }
    if let percent = host.firstIndex(of: UInt8(ascii: "%")) { host = host[..<percent] }
    if host.count > 7, host.first == UInt8(ascii: ":"), host.contains(UInt8(ascii: ".")),
      host.prefix(7).elementsEqual("::ffff:".utf8, by: { Bytes.lower($0) == $1 })
    {
      host = host.dropFirst(7)
    }
    return host
  }

  /// Whether an address is a wildcard or unspecified (`*`, `0.0.0.0`, `::`, `[::]`), as
  /// `Bytes.isUnspecified` says.
  static func isUnspecified(_ address: some ByteSlice) -> Bool {
    address.elementsEqual("*".utf8) || address.elementsEqual("0.0.0.0".utf8)
      || address.elementsEqual("::".utf8) || address.elementsEqual("[::]".utf8)
  }

  /// A dotted-quad IPv4 address as a number, without allocating; `nil` for anything else.
  static func ipv4(_ bytes: some ByteSlice) -> UInt32? {
    var value: UInt32 = 0
    var part: UInt32 = 0
    var digits = 0
    var dots = 0
    for byte in bytes {
      if byte >= 0x30 && byte <= 0x39 {
        part = part * 10 + UInt32(byte - 0x30)
        digits += 1
        guard digits <= 3, part <= 255 else { return nil }
      } else if byte == UInt8(ascii: "."), digits > 0, dots < 3 {
        value = value << 8 | part
        part = 0
        digits = 0
        dots += 1
      } else {
        return nil
      }
    }
    guard dots == 3, digits > 0 else { return nil }
    return value << 8 | part
  }

  /// A set of IPv4 addresses: open addressing with a multiplicative hash, which is several times
  /// cheaper per row than `Set`'s seeded hashing. 0.0.0.0 never enters (it is unspecified), so 0
  /// marks an empty slot.
  struct IPv4Set: Sendable {
    private var slots: [UInt32] = []
    private(set) var count = 0

    mutating func insert(_ address: UInt32) {
      guard address != 0 else { return }
      if count * 2 >= slots.count { grow() }
      let mask = slots.count - 1
      var index = Self.slot(of: address, mask: mask)
      while true {
        let current = slots[index]
        if current == address { return }
        if current == 0 {
          slots[index] = address
          count += 1
          return
        }
        index = (index + 1) & mask
      }
    }

    private mutating func grow() {
      let old = slots
      slots = [UInt32](repeating: 0, count: max(64, old.count * 2))
      count = 0
      for address in old where address != 0 { insert(address) }
    }

    private static func slot(of address: UInt32, mask: Int) -> Int {
      Int(truncatingIfNeeded: (UInt64(address) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
  }

  private static func index(of state: TCPState) -> Int {
    switch state {
    case .established: return 0
    case .synSent: return 1
    case .synReceived: return 2
    case .finWait1: return 3
    case .finWait2: return 4
    case .timeWait: return 5
    case .closeWait: return 6
    case .lastAck: return 7
    case .closing: return 8
    case .closed: return 9
    case .listen: return 10
    }
  }
}
