/// The DNS servers of a resolv.conf, and systemd-resolved's stub in it.
struct ResolvConf: Sendable, Equatable {
  /// The system's resolver configuration.
  static let path = "/etc/resolv.conf"
  /// systemd-resolved's list of the real upstream servers, when it runs.
  static let resolvedUpstreamPath = "/run/systemd/resolve/resolv.conf"
  /// Addresses of systemd-resolved's stub listener (127.0.0.54 is its "proxy" stub).
  static let stubAddresses: Set<String> = ["127.0.0.53", "127.0.0.54"]

  /// `nameserver` addresses in file order (a `%scope` suffix kept).
  var nameservers: [String]

  /// Reads `nameserver ADDR` lines; `#` and `;` start comments.
  init(_ text: String) {
    var servers: [String] = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if words.count >= 2, words[0] == "nameserver" { servers.append(String(words[1])) }
    }
    nameservers = servers
  }

  /// Whether every server is systemd-resolved's stub: the real servers are elsewhere.
  var isResolvedStub: Bool {
    !nameservers.isEmpty && nameservers.allSatisfy { Self.stubAddresses.contains($0) }
  }
}
