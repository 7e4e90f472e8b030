import ArgumentParser
import Dispatch
import Foundation
import TriageProbes

/// `nettriage probe`: live observations on this machine, one subcommand per probe.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract:
      "Observe this machine: TCP connection census, limits, interfaces, DNS, one connect, a fan-out.",
    discussion: """
      Each probe looks at one thing and prints what it saw: a status line and key figures, the \
      raw observation with --raw, everything as JSON with --json. The census, limits and \
      interfaces probes only read; the dns probe sends one small query (two at most) to each DNS \
      server. No probe changes anything on this machine. connect and fanout open TCP connections \
      only to the targets named on the command line or in the --targets file, never through a \
      shell, each with a timeout, within the budget given (fanout's defaults stay below ISA/TMG's \
      default limits).

      Exit status: 0 when the probe ran, 1 when it failed or could not run (the reason is \
      printed), 64 when the command line is wrong.
      """,
    subcommands: [
      ProbeCensusCommand.self, ProbeLimitsCommand.self, ProbeInterfacesCommand.self,
      ProbeDNSCommand.self, ProbeConnectCommand.self, ProbeFanoutCommand.self,
    ]
  )

  /// Runs `probe` to its end from a synchronous command (the root command is synchronous).
  static func runToEnd(_ probe: some Probe) -> ProbeResult {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      box.result = await probe.run()
      done.signal()
    }
    done.wait()
    return box.result ?? ProbeResult(probe: "", status: .failed("the probe did not finish"))
  }

  /// Prints `result` the way `output` asks and exits with its status.
  static func finish(_ result: ProbeResult, _ output: ProbeOutputOptions) throws {
    let code = output.emit(result)
    if code != .success { throw code }
  }
}

/// Hands a probe's result from its task to the waiting command.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: ProbeResult?

  var result: ProbeResult? {
    get {
      lock.lock()
      defer { lock.unlock() }
      return stored
    }
    set {
      lock.lock()
      stored = newValue
      lock.unlock()
    }
  }
}
