import Foundation

/// How a non-interactive replay reads evidence files and runs probe steps. TriageKit knows neither
/// importers nor probes; the command line passes these in.
public struct Observers: Sendable {
  /// Reads an answer file's evidence entry.
  public var readEvidence:
    @Sendable (AnswerFile.EvidenceReference) throws(TriageError) -> Observation
  /// Runs the probe of a step with its resolved arguments (`probes: run`).
  public var runProbe: @Sendable (ProbeNode, [String: String]) -> Observation

  /// Observers reading evidence with `readEvidence` and running probes with `runProbe`.
  public init(
    readEvidence:
      @escaping @Sendable (AnswerFile.EvidenceReference) throws(TriageError) -> Observation,
    runProbe: @escaping @Sendable (ProbeNode, [String: String]) -> Observation
  ) {
    self.readEvidence = readEvidence
    self.runProbe = runProbe
  }

  /// Neither: evidence entries are an error, probes do not run (for tests of the engine alone).
  public static let none = Observers(
    readEvidence: { (reference: AnswerFile.EvidenceReference) throws(TriageError) -> Observation in
      throw .invalidAnswerFile([
        Diagnostic(.error, "evidence files cannot be read here", at: reference.location)
      ])
    },
    runProbe: { node, _ in .notRun(node, reason: "no probes in this context") })

  /// Recorded probe results (`probes: replay FILE`): one observation per line (JSON), as
  /// `.save answers` (next to the answer file) and `probe … --save` write them.
  public static func loadRecorded(_ path: String) throws(TriageError) -> [Observation] {
    let data = try InputFile.read(
      path, limit: InputLimits.answerFileBytes, what: "a file of recorded probe results")
    var observations: [Observation] = []
    let decoder = JSONDecoder()
    for (index, line) in String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      do {
        observations.append(try decoder.decode(Observation.self, from: Data(line.utf8)))
      } catch {
        throw .invalidInput(
          "\(path):\(index + 1):1: expected a recorded probe result (one JSON object per line)")
      }
    }
    return observations
  }
}
