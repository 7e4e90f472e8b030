import ArgumentParser
import TriageProbes

/// `nettriage probe connect HOST:PORT`: one TCP connect, classified.
struct ProbeConnectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "connect",
    abstract: "Open one TCP connection and say how it ended.",
    discussion: """
      Outcomes: connected; refused (a reset: nothing listens, or a firewall's REJECT); timed-out \
      (no answer: a silent drop, as ISA/TMG flood mitigation and 'iptables -j DROP' do); \
      unreachable (EHOSTUNREACH, ENETUNREACH, ICMP); local-error with the errno (EADDRNOTAVAIL: out \
      of local ports, EMFILE: too many open files…); unresolved. The connection is closed at once. \
      Exit 0 when the probe ran, whatever the outcome; 1 when it could not run.
      """
  )

  @Argument(help: "The target: HOST:PORT, or [IPV6]:PORT.")
  var target: String

  @Option(help: "Seconds for the name lookup, and again for the handshake.")
  var timeout: Double = 3

  @Option(help: "Local address to connect from (numeric).")
  var source: String?

  @OptionGroup var output: ProbeOutputOptions

  func validate() throws {
    do {
      _ = try HostPort.parse(target)
    } catch {
      throw ValidationError("'\(target)', column \(error.column): \(error.message)")
    }
    guard timeout > 0, timeout <= 600 else {
      throw ValidationError("--timeout must be more than 0 and at most 600 seconds")
    }
  }

  func run() throws {
    let hostPort: HostPort
    do {
      hostPort = try HostPort.parse(target)
    } catch {
      throw ValidationError("'\(target)': \(error.message)")
    }
    let result = ConnectProbe(target: hostPort, timeout: timeout, source: source).runNow()
    let status = output.emit(result)
    if result.status != .ok { throw status }
  }
}
