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
      FactDeclaration(
        "tcp.bound", .number, unit: "ports",
        "local ports in Windows' `Bound` state (`netstat -anq` BOUND, `Get-NetTCPConnection -State Bound`): held, not connected, not in `tcp.connections`; 0 when none"
      ),
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

  /// The `limits.*` facts of the station's kernel and process limits: the limits probe reads them
  /// live, `sysctl`, `ulimit` and `netsh … dynamicport` output give them from a paste.
  public static let limits: [FactDeclaration] = [
    FactDeclaration(
      "limits.port-range-low", .number, unit: "port", "low end of `net.ipv4.ip_local_port_range`"),
    FactDeclaration(
      "limits.port-range-high", .number, unit: "port",
      "high end of `net.ipv4.ip_local_port_range`"),
    FactDeclaration(
      "limits.port-range-size", .number, unit: "ports",
      "ephemeral ports (high − low + 1; 28,232 by default)"),
    FactDeclaration(
      "limits.fin-timeout", .number, unit: "s",
      "`tcp_fin_timeout`: the FIN_WAIT_2 timeout of orphaned sockets, **not** TIME_WAIT (Linux holds TIME_WAIT a fixed 60 s)"
    ),
    FactDeclaration(
      "limits.tw-reuse", .number, "`tcp_tw_reuse`: 0 off, 1 on, 2 loopback only (the default)"),
    FactDeclaration(
      "limits.conntrack-loaded", .yesNo, "`/proc/sys/net/netfilter/nf_conntrack_count` exists"),
    FactDeclaration(
      "limits.conntrack-count", .number, unit: "entries",
      "conntrack entries now (absent when conntrack is not loaded)"),
    FactDeclaration(
      "limits.conntrack-max", .number, unit: "entries",
      "the conntrack table's size (absent when conntrack is not loaded)"),
    FactDeclaration("limits.conntrack-usage", .number, unit: "ratio", "count ÷ max, 0..1"),
    FactDeclaration(
      "limits.nofile-soft", .number, unit: "files",
      "soft open-file limit (RLIMIT_NOFILE) of the probing process; absent when unlimited"),
    FactDeclaration(
      "limits.nofile-hard", .number, unit: "files",
      "hard open-file limit (RLIMIT_NOFILE) of the probing process; absent when unlimited"),
    FactDeclaration(
      "limits.somaxconn", .number, unit: "connections",
      "`net.core.somaxconn`, the longest listen backlog"),
  ]
}
