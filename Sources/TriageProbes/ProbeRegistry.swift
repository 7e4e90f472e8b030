import TriageKit

/// Every probe a knowledge-base probe step can name. A new probe is one file in Probes/ and one
/// line here; tests check that every file in Probes/ is listed and that each declaration is sound.
public enum ProbeRegistry {
  /// Every probe.
  public static let registered: [any Probe.Type] = [
    CensusProbe.self,
    LimitsProbe.self,
    InterfacesProbe.self,
    DNSProbe.self,
    ConnectProbe.self,
    FanoutProbe.self,
  ]

  /// The declarations of every probe: the probe part of the ``Vocabulary``.
  public static var declarations: [ProbeDeclaration] {
    registered.map { $0.declaration }
  }

  /// The probe `name` with `arguments` (filled in from the session's facts), or why it cannot be
  /// built: an unknown name, arguments its declaration does not allow, or its own setup failing.
  public static func make(_ name: String, arguments: [String: String]) -> Result<
    any Probe, ProbeSetupError
  > {
    guard let probe = registered.first(where: { $0.name == name }) else {
      return .failure(
        ProbeSetupError(
          message: "unknown probe '\(name)'"
            + NearestMatch.hint(for: name, among: registered.map { $0.name }, listing: true)))
    }
    let problems = probe.declaration.problems(with: arguments, filled: true)
    guard problems.isEmpty else {
      return .failure(ProbeSetupError(message: problems.joined(separator: "; ")))
    }
    do {
      return .success(try probe.init(arguments: arguments))
    } catch {
      return .failure(error)
    }
  }
}
