import TriageKit

/// Counts over a TCP socket table: by canonical state, by remote port, distinct remote hosts, and
/// the `tcp.*` facts a pasted netstat gives.
struct TCPCensus: Sendable, Equatable {
  /// Remote ports SMB uses (445 direct, 139 NetBIOS session).
  static let smbPorts: Set<Int> = [445, 139]
  /// How many remote ports `--json` lists.
  static let listedPorts = 20
  /// How many sockets the raw block lists.
  static let rawLines = 2000

  /// Sockets in each state (every state present, 0 when none).
  var states: [TCPState: Int]
  /// Connections other than LISTEN.
  var connections: Int
  /// Outbound connections per remote port. A connection whose local port is a listening port is
  /// taken as inbound and left out: its remote port is only the client's ephemeral port.
  var remotePorts: [Int: Int]
  /// Distinct remote hosts of connections, wildcards excluded, IPv4-mapped IPv6 counted as IPv4.
  var remoteHosts: Int
  /// ESTABLISHED to port 445 or 139.
  var establishedSMB: Int
  /// SYN_SENT to port 445 or 139.
  var synSentSMB: Int

  init(_ records: [TCPSocketRecord]) {
    var states = Dictionary(uniqueKeysWithValues: TCPState.allCases.map { ($0, 0) })
    var remotePorts: [Int: Int] = [:]
    var hosts: Set<String> = []
    var establishedSMB = 0
    var synSentSMB = 0
    let listening = Set(records.filter { $0.state == .listen }.map(\.localPort))
    for record in records {
      states[record.state, default: 0] += 1
      guard record.state != .listen else { continue }
      if record.remotePort != 0, !listening.contains(record.localPort) {
        remotePorts[record.remotePort, default: 0] += 1
      }
      if let host = record.remoteHost { hosts.insert(host) }
      if Self.smbPorts.contains(record.remotePort) {
        if record.state == .established { establishedSMB += 1 }
        if record.state == .synSent { synSentSMB += 1 }
      }
    }
    self.states = states
    self.connections = records.count - states[.listen, default: 0]
    self.remotePorts = remotePorts
    self.remoteHosts = hosts.count
    self.establishedSMB = establishedSMB
    self.synSentSMB = synSentSMB
  }

  /// `tcp.connections`, `tcp.<state>` for all 11 states, `tcp.established-smb`,
  /// `tcp.syn-sent-smb`, `tcp.remote-hosts` (docs/evidence.md).
  var facts: [String: FactValue] {
    var facts: [String: FactValue] = [
      "tcp.connections": .number(Double(connections)),
      "tcp.established-smb": .number(Double(establishedSMB)),
      "tcp.syn-sent-smb": .number(Double(synSentSMB)),
      "tcp.remote-hosts": .number(Double(remoteHosts)),
    ]
    for state in TCPState.allCases {
      facts["tcp.\(state.factName)"] = .number(Double(states[state, default: 0]))
    }
    return facts
  }

  /// Remote ports by count, most used first, then by port.
  var rankedPorts: [(port: Int, count: Int)] {
    remotePorts.map { (port: $0.key, count: $0.value) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.port < $1.port }
  }

  /// `connections`, `states`, `remote_ports` (the 20 most used by outbound connections),
  /// `remote_hosts`.
  var data: [(key: String, value: JSONValue)] {
    [
      ("connections", .int(connections)),
      (
        "states",
        .object(TCPState.allCases.map { (key: $0.rawValue, value: .int(states[$0, default: 0])) })
      ),
      (
        "remote_ports",
        .object(
          rankedPorts.prefix(Self.listedPorts).map { (key: String($0.port), value: .int($0.count)) }
        )
      ),
      ("remote_hosts", .int(remoteHosts)),
    ]
  }

  /// `1,214 connections (not LISTEN) to 37 remote hosts`, `1,214 TIME_WAIT`, SMB counts, top ports.
  var figures: [String] {
    var figures = [
      "\(FactValue.grouped(connections)) connections (not LISTEN) to "
        + "\(FactValue.grouped(remoteHosts)) remote hosts"
    ]
    let present = TCPState.allCases.filter { states[$0, default: 0] > 0 }
      .sorted { states[$0, default: 0] > states[$1, default: 0] }
    for state in present {
      figures.append("\(FactValue.grouped(states[state, default: 0])) \(state.rawValue)")
    }
    if establishedSMB > 0 {
      figures.append("\(FactValue.grouped(establishedSMB)) ESTABLISHED to SMB (445/139)")
    }
    if synSentSMB > 0 {
      figures.append("\(FactValue.grouped(synSentSMB)) SYN_SENT to SMB (445/139)")
    }
    let top = rankedPorts.prefix(3)
    if !top.isEmpty {
      figures.append(
        "busiest remote ports of outbound connections: "
          + top.map { "\($0.port) (\(FactValue.grouped($0.count)))" }.joined(separator: ", "))
    }
    return figures
  }

  /// One line per socket, listeners last, at most ``rawLines``.
  static func raw(_ records: [TCPSocketRecord]) -> String {
    let sorted = records.sorted {
      ($0.state == .listen ? 1 : 0, $0.state, $0.remoteAddress, $0.remotePort, $0.localPort)
        < ($1.state == .listen ? 1 : 0, $1.state, $1.remoteAddress, $1.remotePort, $1.localPort)
    }
    var lines = sorted.prefix(rawLines).map(\.line)
    if sorted.count > rawLines {
      lines.append("… and \(FactValue.grouped(sorted.count - rawLines)) more")
    }
    return lines.joined(separator: "\n")
  }
}
