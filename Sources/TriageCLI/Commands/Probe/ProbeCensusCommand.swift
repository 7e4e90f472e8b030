import ArgumentParser
import TriageProbes

/// `nettriage probe census`: TCP connections by state, remote port and remote host.
struct ProbeCensusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "census",
    abstract: "Count this machine's TCP connections by state, remote port and remote host.",
    discussion: """
      Reads the kernel's TCP socket table through netlink sock_diag (as 'ss' does), falling back \
      to /proc/net/tcp and /proc/net/tcp6 when netlink fails; the output says which source was \
      used. Gives the same tcp.* facts as a pasted netstat: connections per canonical state, \
      ESTABLISHED and SYN_SENT to SMB (445/139), distinct remote hosts. It only reads: no \
      connection is opened and nothing is changed. Linux only.
      """
  )

  /// `--source`.
  enum Source: String, ExpressibleByArgument, CaseIterable {
    case automatic
    case netlink
    case proc
  }

  @Option(help: "Where to read the socket table: automatic (netlink, then /proc), netlink, proc.")
  var source: Source = .automatic

  @OptionGroup var output: ProbeOutputOptions

  func run() throws {
    let probeSource: CensusProbe.Source
    switch source {
    case .automatic: probeSource = .automatic
    case .netlink: probeSource = .netlink
    case .proc: probeSource = .proc
    }
    try ProbeCommand.finish(ProbeCommand.runToEnd(CensusProbe(source: probeSource)), output)
  }
}
