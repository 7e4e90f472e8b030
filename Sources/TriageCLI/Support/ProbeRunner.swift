import Foundation
import TriageKit
import TriageProbes

/// Runs the probe of a knowledge-base probe step with its resolved arguments and turns the result
/// into an observation for the session.
enum ProbeRunner {
  /// Runs `node`'s probe; never throws (a failure is an observation with status `failed`).
  static func run(_ node: ProbeNode, arguments: [String: String]) -> Observation {
    var observation = observation(
      ProbeCatalog.result(of: node.probe, arguments: arguments), node: node.id)
    observation.arguments = arguments
    return observation
  }

  /// A probe result as a session records it (and `probe … --save` writes it).
  static func observation(_ result: ProbeResult, node: String?) -> Observation {
    Observation(
      origin: .probe, kind: result.probe, format: result.status.name,
      label: "probe \(result.probe)", facts: result.facts,
      figures: result.figures
        + (result.status.reason.map { ["\(result.status.name): \($0)"] } ?? []),
      raw: result.raw, node: node)
  }
}
