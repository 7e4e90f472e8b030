import Foundation
import TriageProbes

/// The probes a knowledge-base probe step can name, built from the step's resolved arguments.
enum ProbeCatalog {
  /// The probe for `name` with `arguments`, or why it cannot be built.
  static func make(_ name: String, arguments: [String: String]) -> Result<
    any Probe, ProbeSetupError
  > {
    switch name {
    case CensusProbe.name: return .success(CensusProbe())
    case LimitsProbe.name: return .success(LimitsProbe())
    case InterfacesProbe.name: return .success(InterfacesProbe())
    case DNSProbe.name:
      guard let lookup = arguments["name"], !lookup.isEmpty else {
        return .failure(ProbeSetupError(message: "the dns probe needs a 'name' argument"))
      }
      let servers = arguments["server"].map { [$0] } ?? []
      let timeout = arguments["timeout"].flatMap(Double.init) ?? DNSProbe.defaultTimeout
      return .success(DNSProbe(name: lookup, servers: servers, timeout: timeout))
    default:
      return makeNetwork(name, arguments: arguments)
    }
  }

  /// What the probe will touch, exactly, for the consent question; `nil` when it cannot be built.
  static func consentText(of name: String, arguments: [String: String]) -> String? {
    if case .success(let probe) = make(name, arguments: arguments) { return probe.consentText }
    return nil
  }

  /// Runs the probe to its end; a probe that cannot be built is `not-run` with the reason.
  static func result(of name: String, arguments: [String: String]) -> ProbeResult {
    switch make(name, arguments: arguments) {
    case .success(let probe): return ProbeCommand.runToEnd(probe)
    case .failure(let problem): return ProbeResult(probe: name, status: .notRun(problem.message))
    }
  }
}

/// Why a probe step's probe could not be built from its arguments.
struct ProbeSetupError: Error {
  var message: String
}
