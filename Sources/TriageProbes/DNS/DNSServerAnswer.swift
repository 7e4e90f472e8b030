import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one server said to one query.
public struct DNSServerAnswer: Sendable, Equatable {
  /// The classification.
  public enum Status: Sendable, Equatable {
    /// RCODE 0 (the name exists; `addresses` may still be empty: no A record).
    case ok
    /// RCODE 3: the name does not exist.
    case nxdomain
    /// RCODE 2: the server could not get an answer.
    case servfail
    /// RCODE 5: the server will not answer this client.
    case refused
    /// No reply before the timeout.
    case timeout
    /// ICMP port unreachable came back: nothing listens for DNS there.
    case noResponse
    /// No route to the server (ENETUNREACH, EHOSTUNREACH).
    case unreachable
    /// Another RCODE (1 FORMERR, 4 NOTIMP…).
    case rcode(Int)
    /// A local socket error.
    case error(String)

    /// `ok`, `nxdomain`, `servfail`, `refused`, `timeout`, `no-response`, `unreachable`,
    /// `formerr`, `notimp`, `rcode-N`, `error` — the `nslookup.status` vocabulary and a few more.
    public var name: String {
      switch self {
      case .ok: return "ok"
      case .nxdomain: return "nxdomain"
      case .servfail: return "servfail"
      case .refused: return "refused"
      case .timeout: return "timeout"
      case .noResponse: return "no-response"
      case .unreachable: return "unreachable"
      case .rcode(1): return "formerr"
      case .rcode(4): return "notimp"
      case .rcode(let code): return "rcode-\(code)"
      case .error: return "error"
      }
    }

    /// The server sent a DNS reply, whatever it said.
    public var answered: Bool {
      switch self {
      case .ok, .nxdomain, .servfail, .refused, .rcode: return true
      case .timeout, .noResponse, .unreachable, .error: return false
      }
    }

    init(rcode: Int) {
      switch rcode {
      case 0: self = .ok
      case 2: self = .servfail
      case 3: self = .nxdomain
      case 5: self = .refused
      default: self = .rcode(rcode)
      }
    }
  }

  /// The server asked.
  public var server: DNSServer
  /// What came of it.
  public var status: Status
  /// Milliseconds from the first send to the reply; `nil` without a reply.
  public var milliseconds: Double?
  /// A records in the reply.
  public var addresses: [String]
  /// Datagrams sent (a second one halfway through the timeout).
  public var attempts: Int
  /// The reply had TC set (too long for UDP).
  public var truncated: Bool
  /// What was sent and received, for the raw block.
  public var transcript: [String]
}
