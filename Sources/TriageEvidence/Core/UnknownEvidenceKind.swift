import TriageKit

/// A name that is no evidence kind, with the message every place that reads one shows (`parse`,
/// `--evidence KIND:FILE`, `.paste`, `.load`, an answer file's `evidence:`).
public struct UnknownEvidenceKind: Error, Equatable, Sendable {
  /// The name as given.
  public var name: String

  /// `unknown evidence kind 'netsat' (did you mean 'netstat'?); kinds: netstat, ss, …`.
  public var message: String {
    let kinds = EvidenceKind.allCases.map(\.rawValue)
    return "unknown evidence kind '\(name)'"
      + NearestMatch.hint(
        for: name.lowercased(), among: kinds + EvidenceKind.aliases.keys.sorted())
      + "; kinds: \(kinds.joined(separator: ", "))"
  }
}

extension EvidenceKind {
  /// The kind `name` names (a kind or an alias, in any case), or why not: the one parser of kind
  /// names.
  public static func named(_ name: String) -> Result<EvidenceKind, UnknownEvidenceKind> {
    EvidenceKind(name: name).map { .success($0) } ?? .failure(UnknownEvidenceKind(name: name))
  }
}
