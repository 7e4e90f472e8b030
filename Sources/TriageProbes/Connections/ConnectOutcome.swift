#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How one TCP connection attempt ended.
///
/// The kinds are what a person troubleshooting a flood limit needs to tell apart: an answer
/// (`connected`, `refused`), silence (`timedOut`, what a firewall's DROP looks like), a network
/// that says no (`unreachable`, ICMP), and this machine's own limits (`localError`: out of ports,
/// out of descriptors).
public enum ConnectOutcome: Sendable, Hashable {
  /// The three-way handshake completed.
  case connected
  /// The target answered with a reset (`ECONNREFUSED`): nothing listens, or a firewall's REJECT.
  case refused
  /// No answer within the timeout: a silent drop, or a host that is not there.
  case timedOut
  /// The network said the target cannot be reached (`EHOSTUNREACH`, `ENETUNREACH`, ICMP).
  case unreachable(errno: Int32)
  /// This machine could not make the attempt: the step (`socket`, `bind`, `connect`) and errno.
  case localError(step: String, errno: Int32)
  /// The name did not resolve: why.
  case unresolved(String)

  /// `connected`, `refused`, `timed-out`, `unreachable`, `local-error`, `unresolved`.
  public var kind: String {
    switch self {
    case .connected: return "connected"
    case .refused: return "refused"
    case .timedOut: return "timed-out"
    case .unreachable: return "unreachable"
    case .localError: return "local-error"
    case .unresolved: return "unresolved"
    }
  }

  /// The errno behind the outcome, when there is one.
  public var errno: Int32? {
    switch self {
    case .connected, .timedOut, .unresolved: return nil
    case .refused: return ECONNREFUSED
    case .unreachable(let code), .localError(_, let code): return code
    }
  }

  /// A line for a person: `refused (ECONNREFUSED: connection refused)`.
  public var message: String {
    switch self {
    case .connected: return "connected"
    case .refused: return "refused (ECONNREFUSED: the target answered with a reset)"
    case .timedOut: return "timed out (no answer: a silent drop or a host that is not there)"
    case .unreachable(let code):
      return "unreachable (\(ErrorNumber.name(code)): \(ErrorNumber.meaning(code)))"
    case .localError("bind", EADDRNOTAVAIL):
      return "local error in bind (EADDRNOTAVAIL: the source address is not on this machine)"
    case .localError(let step, let code):
      return "local error in \(step) (\(ErrorNumber.name(code)): \(ErrorNumber.meaning(code)))"
    case .unresolved(let reason): return "unresolved (\(reason))"
    }
  }

  /// Whether it is a failure that a per-source flood limit produces (a drop or a reset).
  public var isLimitLike: Bool {
    self == .timedOut || self == .refused
  }

  /// The outcome for an errno that `connect` or `SO_ERROR` reported (0 is `connected`).
  public static func classify(_ code: Int32, step: String = "connect") -> ConnectOutcome {
    switch code {
    case 0: return .connected
    case ECONNREFUSED, ECONNRESET: return .refused
    case ETIMEDOUT: return .timedOut
    case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN: return .unreachable(errno: code)
    default: return .localError(step: step, errno: code)
    }
  }
}
