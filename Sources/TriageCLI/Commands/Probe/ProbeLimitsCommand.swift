import ArgumentParser
import TriageProbes

/// `nettriage probe limits`: kernel and process limits a connection sweep can hit.
struct ProbeLimitsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "limits",
    abstract:
      "Show the ephemeral port range, TIME_WAIT-related settings, conntrack and file limits.",
    discussion: """
      Reads /proc/sys/net/ipv4/ip_local_port_range, tcp_fin_timeout, tcp_tw_reuse, \
      /proc/sys/net/netfilter/nf_conntrack_count and nf_conntrack_max (absent when conntrack is \
      not loaded), /proc/sys/fs/file-max and file-nr, /proc/sys/net/core/somaxconn, and this \
      process's open-file limit (getrlimit). Note that tcp_fin_timeout governs FIN_WAIT_2, not \
      TIME_WAIT, which Linux holds a fixed 60 s. It only reads: nothing is changed. Linux only.
      """
  )

  @OptionGroup var output: ProbeOutputOptions

  func run() throws {
    try ProbeCommand.finish(ProbeCommand.runToEnd(LimitsProbe()), output)
  }
}
