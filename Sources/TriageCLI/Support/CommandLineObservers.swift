import ArgumentParser
import Foundation
import TriageEvidence
import TriageKit

/// The observers `run` and `kb test` use: evidence through the importers, probes through
/// ``ProbeRunner``.
enum CommandLineObservers {
  /// For `kb test` and `kb coverage`: evidence files are read, probes never run (a scenario
  /// replays recorded results with `probes: replay FILE`).
  static let offline = Observers(
    readEvidence: standard().readEvidence,
    runProbe: { node, _ in
      .notRun(node, reason: "knowledge-base tests never run live probes (use probes: replay FILE)")
    })

  /// Evidence through the importers (a file that cannot be read is set aside unless `strict`),
  /// probes through ``ProbeRunner``.
  static func standard(strict: Bool = false) -> Observers {
    Observers(
      readEvidence: {
        (reference: AnswerFile.EvidenceReference) throws(TriageError) -> Observation in
        // Bundles and their own kinds (docs/fleet.md); `run` expands bundles before the replay.
        if let observation = try EvidenceBundleInput.answerFileEntry(reference) {
          return observation
        }
        var kind: EvidenceKind?
        if let name = reference.kind {
          switch EvidenceKind.named(name) {
          case .success(let named): kind = named
          case .failure(let unknown):
            throw .invalidAnswerFile([Diagnostic(.error, unknown.message, at: reference.location)])
          }
        }
        return try EvidenceInput.observationOrSetAside(
          path: reference.path, kind: kind, strict: strict)
      },
      runProbe: { node, arguments in ProbeRunner.run(node, arguments: arguments) })
  }
}
