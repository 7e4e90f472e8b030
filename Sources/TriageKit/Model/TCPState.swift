/// The canonical TCP state names of the contract (architecture.md), whatever the source spelling:
/// Windows `netstat` (`SYN_SENT`, `TIME_WAIT`), `ss` (`SYN-SENT`, `ESTAB`, `TIME-WAIT`),
/// `Get-NetTCPConnection` (`SynSent`, `TimeWait`, `Listen`), BSD `netstat` (`SYN_SENT`, `LISTEN`),
/// `/proc/net/tcp` (hex codes) and netlink sock_diag (numbers).
public enum TCPState: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
  case established = "ESTABLISHED"
  case synSent = "SYN_SENT"
  case synReceived = "SYN_RECEIVED"
  case finWait1 = "FIN_WAIT_1"
  case finWait2 = "FIN_WAIT_2"
  case timeWait = "TIME_WAIT"
  case closeWait = "CLOSE_WAIT"
  case lastAck = "LAST_ACK"
  case closing = "CLOSING"
  case closed = "CLOSED"
  case listen = "LISTEN"

  /// The canonical state for a spelling seen in some tool's output, or `nil`. Case, `-` and `_` do
  /// not matter: `SYN-SENT`, `syn_sent`, `SynSent` and `SYN_SENT` are one state.
  public init?(spelling: some StringProtocol) {
    var key: [UInt8] = []
    key.reserveCapacity(12)
    for byte in spelling.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
      key.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
    }
    guard let state = Self.byKey[key] else { return nil }
    self = state
  }

  /// Linux's numbering (`/proc/net/tcp`'s `st` column, `tcp_states.h`, sock_diag's `idiag_state`).
  public init?(linuxCode: Int) {
    switch linuxCode {
    case 1: self = .established
    case 2: self = .synSent
    case 3: self = .synReceived
    case 4: self = .finWait1
    case 5: self = .finWait2
    case 6: self = .timeWait
    case 7: self = .closed
    case 8: self = .closeWait
    case 9: self = .lastAck
    case 10: self = .listen
    case 11: self = .closing
    case 12: self = .synReceived  // TCP_NEW_SYN_RECV: a request socket, half-open
    default: return nil
    }
  }

  /// The fact-name form: `syn-sent`, `time-wait`, `established`.
  public var factName: String {
    rawValue.lowercased().replacingOccurrences(of: "_", with: "-")
  }

  /// Contract order (the order of `allCases`).
  public static func < (lhs: TCPState, rhs: TCPState) -> Bool {
    order[lhs, default: 0] < order[rhs, default: 0]
  }

  private static let order: [TCPState: Int] = Dictionary(
    uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

  private static let byKey: [[UInt8]: TCPState] = {
    var table: [[UInt8]: TCPState] = [:]
    for state in allCases {
      table[Array(state.rawValue.utf8.filter { $0 != UInt8(ascii: "_") })] = state
    }
    let aliases: [String: TCPState] = [
      "ESTAB": .established,
      "SYNRECV": .synReceived,
      "SYNRCVD": .synReceived,
      "SYNRECEIVED": .synReceived,
      "FINWAIT1": .finWait1,
      "FINWAIT2": .finWait2,
      "UNCONN": .closed,
      "CLOSE": .closed,
      "LISTENING": .listen,
      "BOUND": .closed,  // Windows: bound, not connected; no state of its own in the contract
      "DELETETCB": .closed,
    ]
    for (spelling, state) in aliases { table[Array(spelling.utf8)] = state }
    return table
  }()
}
