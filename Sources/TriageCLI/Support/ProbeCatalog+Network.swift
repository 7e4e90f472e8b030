import TriageKit
import TriageProbes

extension ProbeCatalog {
  /// `connect` (`target`, `timeout`, `source`) and `fanout` (`targets`, `max-concurrent`, `rate`,
  /// `hold`, `timeout`, `source`): the probes that open connections.
  static func makeNetwork(_ name: String, arguments: [String: String]) -> Result<
    any Probe, ProbeSetupError
  > {
    func number(_ key: String) -> Double? { arguments[key].flatMap(Double.init) }
    switch name {
    case ConnectProbe.name:
      guard let text = arguments["target"] else {
        return .failure(ProbeSetupError(message: "the connect probe needs a 'target' argument"))
      }
      do {
        let target = try HostPort.parse(text)
        return .success(
          ConnectProbe(target: target, timeout: number("timeout") ?? 3, source: arguments["source"])
        )
      } catch {
        return .failure(ProbeSetupError(message: "target '\(text)': \(error.message)"))
      }
    case FanoutProbe.name:
      guard let path = arguments["targets"], !path.isEmpty else {
        return .failure(ProbeSetupError(message: "the fanout probe needs a 'targets' file"))
      }
      let targets: TargetList
      do {
        targets = try TargetList.read(path: path)
      } catch let error as TriageError {
        return .failure(ProbeSetupError(message: error.description))
      } catch {
        return .failure(ProbeSetupError(message: "\(error)"))
      }
      var budget = FanoutProbe.Budget()
      if let value = number("max-concurrent") { budget.maxConcurrent = Int(value) }
      if let value = number("rate") { budget.perMinute = value }
      if let value = number("hold") { budget.hold = value }
      if let value = number("timeout") { budget.timeout = value }
      return .success(FanoutProbe(targets: targets, budget: budget, source: arguments["source"]))
    default:
      return .failure(ProbeSetupError(message: "unknown probe '\(name)'"))
    }
  }
}
