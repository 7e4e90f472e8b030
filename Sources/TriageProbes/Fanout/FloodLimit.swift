import TriageKit

/// Where a fan-out's failures began and what limit that looks like.
public struct FloodLimit: Sendable, Equatable {
  /// What kind of limit the failures follow, or that the targets refused.
  public enum Kind: String, Sendable {
    /// Failures begin when about K connections are held open, and stop when some close.
    case concurrent
    /// Failures begin after about R connects within a minute, whatever is held open.
    case rate
    /// No failures, or failures that follow neither pattern and are not mostly resets.
    case none
    /// No limit: most connection requests were answered with a reset, and not after a run of
    /// successes as a limit's are (nothing listens on the targets' ports, or a firewall rejects
    /// them all).
    case refused
    /// No limit read: most connection requests went unanswered from the start, not after a run of
    /// successes (the targets or the path are down, or the station is already blocked). It says
    /// nothing for or against a per-source limit; `none` would say none was met.
    case noAnswer = "no-answer"
  }

  /// How the failed attempts failed.
  public enum Failure: String, Sendable {
    /// No answer: the firewall drops the SYN (ISA/TMG, `iptables -j DROP`).
    case silentDrop = "silent-drop"
    /// A reset: the firewall answers for the target (`-j REJECT --reject-with tcp-reset`).
    case refused
    /// Both.
    case mixed
  }

  /// The kind.
  public var kind: Kind
  /// Connections open when the first failure happened (concurrent), or connects a minute (rate).
  public var value: Double?
  /// The known default it matches, within its tolerance.
  public var matches: KnownLimit?
  /// How the failures looked.
  public var failure: Failure?
  /// Index of the first failure among the attempts.
  public var firstFailure: Int?
  /// How the value was found, for a person.
  public var method: String

  /// No limit seen: `reason` says why.
  public static func none(_ reason: String) -> FloodLimit {
    FloodLimit(
      kind: .none, value: nil, matches: nil, failure: nil, firstFailure: nil, method: reason)
  }

  /// `{kind, value?, unit?, matches, matches_title?, failure?, first_failure?, method}`.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [("kind", .string(kind.rawValue))]
    if let value {
      pairs.append(("value", .double(value)))
      pairs.append(("unit", .string(kind == .rate ? "connects-per-minute" : "connections")))
    }
    pairs.append(("matches", .string(matches?.rawValue ?? "none")))
    if let matches { pairs.append(("matches_title", .string(matches.title))) }
    if let failure { pairs.append(("failure", .string(failure.rawValue))) }
    if let firstFailure { pairs.append(("first_failure", .int(firstFailure + 1))) }
    pairs.append(("method", .string(method)))
    return .object(pairs)
  }
}
