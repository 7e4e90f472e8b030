import ArgumentParser
import TriageProbes

/// `nettriage probe dns NAME`: the system resolver and each DNS server, asked directly.
struct ProbeDNSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dns",
    abstract: "Look a name up through the system resolver and directly at each DNS server.",
    discussion: """
      Asks the system resolver (getaddrinfo) for NAME, and sends an A query for NAME over UDP to \
      each DNS server in /etc/resolv.conf (behind systemd-resolved's stub also its upstreams), \
      or to the --server addresses instead. Each server's answer is classified — ok, nxdomain, \
      servfail, refused, timeout, no-response — with its latency. A server that does not answer \
      gets the query once more halfway through the timeout. getaddrinfo cannot be cancelled: \
      after the timeout the probe stops waiting for it. Nothing is changed.
      """
  )

  @Argument(help: "The name to look up (A records).")
  var name: String

  @Option(
    name: .customLong("server"),
    help: ArgumentHelp(
      "Ask this DNS server instead of the configured ones; repeatable.",
      discussion:
        "An IPv4 or IPv6 address, optionally with a port: 10.0.0.53, [2001:db8::53]:5353.",
      valueName: "address"))
  var servers: [String] = []

  @Option(help: "Seconds to wait for each server and for the system resolver.")
  var timeout: Double = DNSProbe.defaultTimeout

  @OptionGroup var output: ProbeOutputOptions

  func validate() throws {
    guard timeout > 0, timeout <= 60 else {
      throw ValidationError("timeout '\(timeout)': expected more than 0 and at most 60 seconds")
    }
    for server in servers {
      do {
        _ = try DNSServer(parsing: server, role: .given)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }

  func run() throws {
    let probe = DNSProbe(name: name, servers: servers, timeout: timeout)
    try ProbeCommand.finish(ProbeCommand.runToEnd(probe), output)
  }
}
