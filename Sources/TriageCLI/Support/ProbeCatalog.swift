import Foundation
import TriageProbes

/// Runs the probes of knowledge-base probe steps (``ProbeRegistry`` builds them from the step's
/// filled-in arguments).
enum ProbeCatalog {
  /// What the probe will touch, exactly, for the consent question; `nil` when it cannot be built.
  static func consentText(of name: String, arguments: [String: String]) -> String? {
    if case .success(let probe) = ProbeRegistry.make(name, arguments: arguments) {
      return probe.consentText
    }
    return nil
  }

  /// Runs the probe to its end; a probe that cannot be built is `not-run` with the reason.
  static func result(of name: String, arguments: [String: String]) -> ProbeResult {
    switch ProbeRegistry.make(name, arguments: arguments) {
    case .success(let probe): return ProbeCommand.runToEnd(probe)
    case .failure(let problem): return ProbeResult(probe: name, status: .notRun(problem.message))
    }
  }
}
