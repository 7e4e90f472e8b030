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

/// What the DNS configuration of this machine comes to: the servers applications ask, and behind
/// a systemd-resolved stub the upstream servers it asks.
struct DNSConfiguration: Sendable, Equatable {
  /// The servers in /etc/resolv.conf; `nil` when it cannot be read.
  var configured: [String]?
  /// The upstreams in /run/systemd/resolve/resolv.conf when /etc/resolv.conf points at the stub
  /// and that file is readable.
  var upstreams: [String]?
  /// /etc/resolv.conf names only systemd-resolved's stub.
  var stub: Bool

  /// Reads both files through `files`.
  init(files: SystemFiles) {
    let text = files.read(ResolvConf.path)
    let resolv = text.map(ResolvConf.init)
    configured = resolv?.nameservers
    stub = resolv?.isResolvedStub ?? false
    upstreams =
      stub ? files.read(ResolvConf.resolvedUpstreamPath).map { ResolvConf($0).nameservers } : nil
  }

  /// The servers that really answer: the upstreams behind a stub when known, else the configured.
  var effective: [String] {
    upstreams ?? configured ?? []
  }
}
