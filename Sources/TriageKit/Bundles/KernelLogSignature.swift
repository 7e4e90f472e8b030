/// A kernel-log message that tells about a connection limit on a Linux station, with the fact it
/// counts. `nettriage collect` keeps only the kernel-log lines that match one; the bundle reader
/// counts them.
public struct KernelLogSignature: Sendable, Equatable {
  /// The fact that counts matching lines: `kernel.conntrack-full`.
  public var fact: String
  /// Text every matching line contains (case-sensitive, as the kernel prints it).
  public var marker: String
  /// What it means, for the figures.
  public var meaning: String

  /// The messages, from the kernel sources (net/netfilter/nf_conntrack_core.c,
  /// net/ipv4/tcp_input.c `tcp_syn_flood_action`, net/ipv4/tcp.c `tcp_check_oom`).
  public static let all: [KernelLogSignature] = [
    KernelLogSignature(
      fact: "kernel.conntrack-full", marker: "table full, dropping packet",
      meaning: "the connection-tracking table was full and new flows were dropped"),
    KernelLogSignature(
      fact: "kernel.syn-flooding", marker: "Possible SYN flooding on port",
      meaning: "a listening port's SYN backlog overflowed"),
    KernelLogSignature(
      fact: "kernel.orphaned-sockets", marker: "too many orphaned sockets",
      meaning: "the kernel reset connections because too many sockets were orphaned"),
    KernelLogSignature(
      fact: "kernel.tcp-out-of-memory", marker: "out of memory -- consider tuning tcp_mem",
      meaning: "TCP ran out of its memory budget (tcp_mem)"),
  ]

  /// The signature `line` matches, if any.
  public static func match(_ line: Substring) -> KernelLogSignature? {
    all.first { line.contains($0.marker) }
  }
}
