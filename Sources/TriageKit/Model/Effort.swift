/// What it costs to answer a question, as the knowledge base's `effort:` says.
///
/// The interview divides a question's value (how far its answers could move the leading causes
/// apart) by this cost, so among equally telling questions the caller is asked what they know
/// before being sent to run a command, and the firewall team is asked last.
public enum Effort: String, Hashable, Sendable, CaseIterable {
  /// The caller knows or sees it (`caller`).
  case caller
  /// Someone runs a command or opens a log on the station (`station`).
  case station
  /// Another team must look: the firewall, the IPS, the network (`other-team`).
  case otherTeam = "other-team"

  /// The divisor of a question's value.
  public var cost: Double {
    switch self {
    case .caller: return 1
    case .station: return 2
    case .otherTeam: return 3
    }
  }

  /// How `.why` and the report name it.
  public var phrase: String {
    switch self {
    case .caller: return "the caller can answer"
    case .station: return "needs a command or a log on the station"
    case .otherTeam: return "needs another team"
    }
  }

  /// Who can find it out, for a check in a plan.
  public var permissionPhrase: String {
    switch self {
    case .caller: return "the caller"
    case .station: return "someone at the station (a command or a log, no change)"
    case .otherTeam: return "the team that runs the firewall, IPS or network"
    }
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Effort: Codable {}
