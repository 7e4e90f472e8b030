/// Facts that evidence importers and probes of different layers both give, declared once here:
/// a pasted netstat and the census probe give the same `tcp.*` facts, a pasted ipconfig and the
/// interfaces probe the same `ipconfig.*`, nslookup and the dns probe `nslookup.status`.
public enum SharedFacts {
  /// The `tcp.*` facts of a connection table.
  public static let connections: [FactDeclaration] =
    [
      FactDeclaration(
        "tcp.connections", .number, unit: "connections", "TCP connections other than LISTEN")
    ]
    + TCPState.allCases.map { state in
      FactDeclaration(
        "tcp.\(state.factName)", .number, unit: "connections",
        "connections in state \(state.rawValue) (0 when none)")
    } + [
      FactDeclaration(
        "tcp.established-smb", .number, unit: "connections",
        "ESTABLISHED to remote port 445 or 139"),
      FactDeclaration(
        "tcp.syn-sent-smb", .number, unit: "connections", "SYN_SENT to remote port 445 or 139"),
      FactDeclaration(
        "tcp.remote-hosts", .number, unit: "hosts",
        "distinct remote addresses (wildcards excluded)"),
    ]

  /// The `ipconfig.*` facts of the adapter in use.
  public static let adapters: [FactDeclaration] = [
    FactDeclaration(
      "ipconfig.adapters", .number, unit: "adapters", "adapters with an IPv4 address"),
    FactDeclaration(
      "ipconfig.ipv4", .text,
      "IPv4 address of the adapter with a default gateway (else the first)"),
    FactDeclaration("ipconfig.apipa", .yesNo, "that adapter has a 169.254.x.x address"),
    FactDeclaration("ipconfig.gateway", .yesNo, "some adapter has a default gateway"),
    FactDeclaration(
      "ipconfig.dns-servers", .number, unit: "servers", "DNS servers of that adapter"),
  ]

  /// `nslookup.status`: how a name lookup ended.
  public static let lookupStatus = FactDeclaration(
    "nslookup.status", .text,
    "`ok`, `nxdomain`, `timeout`, `servfail`, `refused`, `no-response` (the dns probe also `unreachable`, `formerr`, `notimp`, `rcode-N`, `error`)"
  )
}
