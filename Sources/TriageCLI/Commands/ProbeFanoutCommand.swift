import ArgumentParser
import Foundation
import TriageKit
import TriageProbes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `nettriage probe fanout --targets FILE`: connect to many targets within a budget and find
/// where failures begin.
struct ProbeFanoutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fanout",
    abstract:
      "Connect to every host:port in a file, within a budget, and find where failures begin.",
    discussion: """
      Reads one host:port a line from --targets (# starts a comment; [IPV6]:PORT for IPv6). Never \
      more than --max-concurrent connections in flight or held at once, never more than --rate new \
      connects a minute (evenly spaced); each successful connection is held --hold seconds, then \
      closed. The defaults (100 at once, 300 a minute) stay below ISA/TMG's default limits (160 \
      concurrent, 600 a minute per IP); raise them to find a limit.

      The result says how many connected, timed out or were refused, and where failures began: \
      a concurrent limit (failures start with about K connections held, successes return when \
      some close) or a rate limit (failures start after about R connects a minute), and which \
      known default it matches. A bad line in the file exits 65 with file:line:column.
      """
  )

  @Option(help: "File of targets, one host:port a line.")
  var targets: String

  @Option(help: "Connections in flight or held open at once.")
  var maxConcurrent = 100

  @Option(help: "New connects a minute: N, N/min, or N/s.")
  var rate = "300/min"

  @Option(help: "Seconds to hold each successful connection open before closing it.")
  var hold: Double = 0

  @Option(help: "Seconds each attempt (and each name lookup) may take.")
  var timeout: Double = 3

  @Option(help: "Local address to connect from (numeric).")
  var source: String?

  @OptionGroup var output: ProbeOutputOptions

  func validate() throws {
    guard maxConcurrent >= 1, maxConcurrent <= 100_000 else {
      throw ValidationError("--max-concurrent must be from 1 to 100000")
    }
    guard Self.perMinute(rate) != nil else {
      throw ValidationError("--rate '\(rate)': expected N, N/min or N/s, with N above 0")
    }
    guard hold >= 0, hold <= 3600 else {
      throw ValidationError("--hold must be from 0 to 3600 seconds")
    }
    guard timeout > 0, timeout <= 600 else {
      throw ValidationError("--timeout must be more than 0 and at most 600 seconds")
    }
  }

  func run() throws {
    let list: TargetList
    do {
      list = try TargetList.read(path: targets)
    } catch let error as TriageError {
      Terminal.standardError.line(ErrorMessage.formatted(error.description))
      throw ExitStatus(error).exitCode
    } catch {
      Terminal.standardError.write("\(error)\n")
      throw ExitStatus.invalidInput.exitCode
    }
    guard !list.entries.isEmpty else {
      Terminal.standardError.write(
        "\(targets): error: no targets (expected one 'host:port' a line)\n")
      throw ExitStatus.invalidInput.exitCode
    }
    let budget = FanoutProbe.Budget(
      maxConcurrent: maxConcurrent, perMinute: Self.perMinute(rate) ?? 300, hold: hold,
      timeout: timeout)
    let bar = isatty(STDERR_FILENO) != 0 ? FanoutProgressBar(terminal: .standardError) : nil
    var progress: (@Sendable (FanoutProgress) -> Void)?
    if let bar { progress = { bar.draw($0) } }
    let probe = FanoutProbe(targets: list, budget: budget, source: source, progress: progress)
    let result = probe.runNow()
    let status = output.emit(result)
    if result.status != .ok { throw status }
  }

  /// `600`, `600/min`, `600/minute`, `10/s`, `10/sec` → connects a minute.
  static func perMinute(_ text: String) -> Double? {
    let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let number = Double(parts[0]), number > 0,
      number.isFinite
    else { return nil }
    guard parts.count == 2 else { return number }
    switch parts[1] {
    case "min", "minute", "m": return number
    case "s", "sec", "second": return number * 60
    default: return nil
    }
  }
}

/// The fan-out's progress on standard error, one line redrawn in place; only for a terminal.
private struct FanoutProgressBar: Sendable {
  let terminal: Terminal

  func draw(_ progress: FanoutProgress) {
    guard !progress.finished else {
      terminal.write("\r\u{1B}[2K", verbatim: true)
      return
    }
    let width = 24
    let done = progress.total > 0 ? progress.attempted * width / progress.total : width
    let bar = String(repeating: "#", count: done) + String(repeating: "-", count: width - done)
    terminal.write(
      "\r\u{1B}[2Kfanout [\(bar)] \(progress.attempted)/\(progress.total) attempted · "
        + "\(progress.connected) connected · \(progress.failed) failed · \(progress.open) open",
      verbatim: true)
  }
}
