import ArgumentParser
import TriageProbes

/// `nettriage probe interfaces`: addresses, default gateway and DNS servers.
struct ProbeInterfacesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interfaces",
    abstract: "Show addresses, the default gateway and DNS servers, as ipconfig /all would.",
    discussion: """
      Reads the interface addresses (getifaddrs), the default routes in /proc/net/route and \
      /proc/net/ipv6_route, and the DNS servers in /etc/resolv.conf — behind systemd-resolved's \
      stub 127.0.0.53 also the real upstreams in /run/systemd/resolve/resolv.conf. Points out a \
      self-assigned 169.254.x.x (APIPA) address and a missing default gateway. Gives the same \
      ipconfig.* facts as a pasted ipconfig. It only reads: nothing is sent or changed.
      """
  )

  @OptionGroup var output: ProbeOutputOptions

  func run() throws {
    try ProbeCommand.finish(ProbeCommand.runToEnd(InterfacesProbe()), output)
  }
}
