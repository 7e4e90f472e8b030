import ArgumentParser
import Foundation
import TriageKit
import TriageProbes

/// `--json` for every `probe` subcommand, and how a result is shown.
struct ProbeOutputOptions: ParsableArguments {
  @Flag(
    name: .long,
    help:
      "Print the result as JSON (probe, status, reason, duration_ms, fields, facts, figures, raw).")
  var json = false

  @Flag(name: .long, help: "Also print the raw observation.")
  var raw = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Append the result to FILE (one JSON line each) for an answer file's 'probes: replay FILE'.",
      valueName: "file"))
  var save: String?

  /// Prints `result` and returns the exit status: 0 when the probe ran (`ok`), 1 when it failed or
  /// did not run (the reason is printed), 73 when --save cannot write (the result is still printed,
  /// so it is not lost, and the file keeps its earlier results whole).
  func emit(_ result: ProbeResult) -> ExitCode {
    var saveFailed = false
    if let save {
      do throws(TriageError) {
        try Self.save(result, to: save)
      } catch {
        Terminal.standardError.line(ErrorMessage.formatted(error.description))
        saveFailed = true
      }
    }
    printResult(result)
    if saveFailed { return ExitCode(ExitStatus.cannotWrite.rawValue) }
    return result.status == .ok ? .success : ExitCode(ExitStatus.inconclusive.rawValue)
  }

  /// Appends `result` to `path` as one JSON line, for `probes: replay FILE`.
  static func save(_ result: ProbeResult, to path: String) throws(TriageError) {
    let observation = ProbeRunner.observation(result, node: nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(observation) else {
      throw .cannotWrite(path, "cannot encode the result")
    }
    try AtomicFile.appendLine(String(decoding: data, as: UTF8.self), to: URL(fileURLWithPath: path))
  }

  private func printResult(_ result: ProbeResult) {
    if json {
      Terminal.standardOutput.write(result.json.serialized(pretty: true) + "\n", verbatim: true)
    } else {
      Terminal.standardOutput.write(ProbeOutputOptions.text(result, raw: raw))
    }
  }

  /// The plain-text form: a status line, the key figures, then the raw observation if asked.
  static func text(_ result: ProbeResult, raw: Bool) -> String {
    var out = "\(result.probe): \(result.status.name)"
    out += String(format: " (%.2f s)", result.duration)
    if let reason = result.status.reason { out += " — \(reason)" }
    out += "\n"
    for figure in result.figures { out += "  \(figure)\n" }
    out += sparklines(result)
    if raw, !result.raw.isEmpty {
      out += "\nraw:\n" + result.raw + (result.raw.hasSuffix("\n") ? "" : "\n")
    }
    return out
  }

  /// A fan-out's connections in flight and failures over time as compact text charts, the same
  /// picture the report draws (``FanoutChart``); empty for other probes.
  static func sparklines(_ result: ProbeResult) -> String {
    sparklines(ProbeRunner.observation(result, node: nil))
  }

  /// The same for a recorded observation (a probe step run in the REPL).
  static func sparklines(_ observation: Observation) -> String {
    guard let chart = FanoutChart(observation) else { return "" }
    let slice = UnitPhrase.quantity(chart.sliceSeconds, "seconds")
    var out = "  in flight: \(chart.sparkline())  peak \(chart.inFlight.max() ?? 0)"
    if chart.limitKind == "concurrent", let limit = chart.limit {
      out += ", limit found \(FactValue.format(limit))"
    }
    out += "\n  failures:  \(FanoutChart.sparkline(chart.failures))  total "
    out += "\(chart.failures.reduce(0, +)) (one mark per \(slice))\n"
    return out
  }
}
