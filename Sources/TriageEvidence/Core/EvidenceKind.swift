import TriageKit

/// The kinds of evidence, as `nettriage parse KIND` and the evidence JSON's `kind` name them.
public enum EvidenceKind: String, CaseIterable, Hashable, Sendable, Codable {
  case netstat
  case ss
  case getNetTCPConnection = "get-nettcpconnection"
  case ipconfig
  case nslookup
  case netUse = "net-use"
  case eventlog
  case isaLog = "isa-log"
  case testNetConnection = "test-netconnection"
  case routePrint = "route-print"
  case kernelLog = "kernel-log"
  case sysctl
  case ulimit
  case dynamicPort = "dynamic-port"

  /// Other names users type for a kind (`net-view`, `wevtutil`, `tmg-log`).
  public static let aliases: [String: EvidenceKind] = [
    "net-view": .netUse, "net-helpmsg": .netUse, "net": .netUse, "wevtutil": .eventlog,
    "get-winevent": .eventlog, "event": .eventlog, "events": .eventlog, "tmg-log": .isaLog,
    "isa": .isaLog, "tmg": .isaLog, "tnc": .testNetConnection, "route": .routePrint,
    "gnc": .getNetTCPConnection, "dmesg": .kernelLog, "journalctl": .kernelLog,
    "kernel": .kernelLog, "proc-sys": .sysctl, "netsh": .dynamicPort,
  ]

  /// The kind for a name or alias, case-insensitively.
  public init?(name: String) {
    let key = name.lowercased()
    if let kind = EvidenceKind(rawValue: key) ?? Self.aliases[key] {
      self = kind
    } else {
      return nil
    }
  }
}
