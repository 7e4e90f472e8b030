import TriageProbes

extension ProbeCatalog {
  static func makeNetwork(_ name: String, arguments: [String: String]) -> Result<
    any Probe, ProbeSetupError
  > {
    .failure(ProbeSetupError(message: "unknown probe '\(name)'"))
  }
}
