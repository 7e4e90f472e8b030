import Foundation
import TriageKit

/// What a probe observed: its status, the facts it gives the session, key figures, the raw
/// observation and how long it took. One probe per file; each returns one of these.
public struct ProbeResult: Sendable, Equatable {
  /// Whether it ran and worked.
  public enum Status: Sendable, Equatable {
    /// It ran and observed what it was for.
    case ok
    /// It ran and could not observe: the reason.
    case failed(String)
    /// It did not run: the reason (not Linux, no permission, the person said no…).
    case notRun(String)

    /// `ok`, `failed`, `not-run`.
    public var name: String {
      switch self {
      case .ok: return "ok"
      case .failed: return "failed"
      case .notRun: return "not-run"
      }
    }

    /// The reason, for `failed` and `not-run`.
    public var reason: String? {
      switch self {
      case .ok: return nil
      case .failed(let reason), .notRun(let reason): return reason
      }
    }
  }

  /// The probe's name: `census`, `limits`, `interfaces`, `dns`, `connect`, `fanout`.
  public var probe: String
  /// Status.
  public var status: Status
  /// Facts for the session (names in docs/evidence.md and docs/probes.md; census gives the same
  /// `tcp.*` facts as a pasted netstat).
  public var facts: [String: FactValue]
  /// Key figures for the report: `1,214 TIME_WAIT`, `limit at 160 concurrent (ISA/TMG default)`.
  public var figures: [String]
  /// Probe-specific fields for `--json` (`states`, `limit`, `servers`…), in a stable order.
  public var data: [(key: String, value: JSONValue)]
  /// The raw observation (what was read or seen), for the report's collapsible block.
  public var raw: String
  /// Seconds it took.
  public var duration: Double

  public init(
    probe: String, status: Status, facts: [String: FactValue] = [:], figures: [String] = [],
    data: [(key: String, value: JSONValue)] = [], raw: String = "", duration: Double = 0
  ) {
    self.probe = probe
    self.status = status
    self.facts = facts
    self.figures = figures
    self.data = data
    self.raw = raw
    self.duration = duration
  }

  /// `{probe, status, reason?, duration_ms, …data, facts, figures, raw}`.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [
      ("probe", .string(probe)), ("status", .string(status.name)),
    ]
    if let reason = status.reason { pairs.append(("reason", .string(reason))) }
    pairs.append(("duration_ms", .int(Int((duration * 1000).rounded()))))
    pairs += data
    pairs.append(("facts", JSONValue.facts(facts)))
    pairs.append(("figures", .array(figures.map(JSONValue.string))))
    pairs.append(("raw", .string(raw)))
    return .object(pairs)
  }

  public static func == (lhs: ProbeResult, rhs: ProbeResult) -> Bool {
    lhs.json == rhs.json
  }
}
