/// A per-source connection limit with a known default, that a fan-out's measured limit is
/// compared with (domain facts, section 1.2, and the Windows half-open limit, section 2).
public enum KnownLimit: String, Sendable, CaseIterable {
  /// ISA Server / Forefront TMG "maximum concurrent TCP connections per IP address", 160.
  case isaConcurrentDefault = "isa-concurrent-default"
  /// ISA 2006 / TMG "maximum TCP connect requests per minute per IP address", 600.
  case isaRateDefault = "isa-rate-default"
  /// The same concurrent limit for addresses on the IP Exceptions tab ("custom limit"), 400.
  case isaConcurrentCustom = "isa-concurrent-custom"
  /// The same rate limit for addresses on the IP Exceptions tab, 6,000 a minute.
  case isaRateCustom = "isa-rate-custom"
  /// Windows XP SP2 … Vista SP1 outbound half-open connection limit, 10.
  case halfOpen = "half-open"

  /// For a person: `ISA/TMG default concurrent limit (160)`.
  public var title: String {
    switch self {
    case .isaConcurrentDefault: return "ISA/TMG default concurrent limit (160)"
    case .isaRateDefault: return "ISA/TMG default rate limit (600/min)"
    case .isaConcurrentCustom: return "ISA/TMG custom concurrent (400)"
    case .isaRateCustom: return "custom rate (6,000/min)"
    case .halfOpen: return "Windows half-open limit (10)"
    }
  }

  /// Whether it limits connections held at once (`concurrent`) or new ones a minute (`rate`).
  public var kind: FloodLimit.Kind {
    switch self {
    case .isaConcurrentDefault, .isaConcurrentCustom, .halfOpen: return .concurrent
    case .isaRateDefault, .isaRateCustom: return .rate
    }
  }

  /// Connections, or connects a minute.
  public var value: Double {
    switch self {
    case .isaConcurrentDefault: return 160
    case .isaRateDefault: return 600
    case .isaConcurrentCustom: return 400
    case .isaRateCustom: return 6000
    case .halfOpen: return 10
    }
  }

  /// How far a measurement may be and still match: 5 % (at least 1) for a count of connections,
  /// which other traffic from the same station can lower a little; 10 % for a rate, which is
  /// estimated over a few seconds.
  public var tolerance: Double {
    kind == .concurrent ? max(1, value * 0.05) : value * 0.10
  }

  /// The known limit of `kind` that `value` matches, if any.
  public static func matching(_ kind: FloodLimit.Kind, value: Double) -> KnownLimit? {
    allCases.first { $0.kind == kind && abs($0.value - value) <= $0.tolerance }
  }
}
