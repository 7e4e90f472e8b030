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
