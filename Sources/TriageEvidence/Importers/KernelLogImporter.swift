import TriageKit

/// Reads the Linux kernel log as `dmesg`, `dmesg -T`, `journalctl -k` or syslog (`/var/log/messages`,
/// `kern.log`) print it, and counts the messages of a station or a middlebox out of connections:
/// conntrack table full, SYN flooding, TCP out of memory, too many orphaned sockets, neighbour
/// table overflow and the file-max limit.
///
/// Other kernel messages, and the second half of a message wrapped onto the next line by a terminal
/// or an e-mail client (`nf_conntrack: table full,` / `dropping packet`), are read and passed over.
public enum KernelLogImporter: EvidenceImporter {
  public static let kind = EvidenceKind.kernelLog
  public static let summary =
    "Linux kernel log: dmesg, journalctl -k, syslog kernel lines (conntrack full, SYN flooding…)"
  static let format = "linux-kernel-log"

  /// A message counted, the bytes that identify it and the fact it gives.
  struct Message {
    let key: String
    let needle: [UInt8]
    let label: String
    /// The fact it counts into: `kernel.<key>` for the kernel's own messages.
    let fact: String

    init(key: String, needle: [UInt8], label: String, fact: String? = nil) {
      self.key = key
      self.needle = needle
      self.label = label
      self.fact = fact ?? "kernel.\(key)"
    }
  }

  /// The messages counted, from the kernel's sources (net/netfilter/nf_conntrack_core.c,
  /// net/ipv4/tcp_input.c, net/ipv4/tcp.c, net/core/neighbour.c, fs/file_table.c).
  static let messages: [Message] = [
    Message(
      key: "conntrack-full", needle: Array("conntrack: table full".utf8),
      label: "conntrack table full"),
    Message(
      key: "syn-flooding", needle: Array("SYN flooding on port".utf8),
      label: "possible SYN flooding"),
    Message(
      key: "tcp-out-of-memory", needle: Array("TCP: out of memory".utf8), label: "TCP out of memory"
    ),
    Message(
      key: "orphaned-sockets", needle: Array("too many orphaned sockets".utf8),
      label: "too many orphaned sockets"),
    Message(
      key: "neighbour-overflow", needle: Array("neighbor table overflow".utf8),
      label: "neighbour table overflow"),
    Message(key: "file-max", needle: Array("file-max limit".utf8), label: "file-max limit reached"),
    // Not the kernel's, but in the same system log: a DNS forwarder refusing more queries in flight
    // (dnsmasq's dns-forward-max, 150 by default, src/forward.c; Docker's embedded resolver, 100,
    // libnetwork/resolver.go). The station's lookups time out only while it is busy.
    Message(
      key: "dns-query-cap", needle: Array("Maximum number of concurrent DNS queries reached".utf8),
      label: "DNS forwarder at its cap of concurrent queries (dnsmasq)", fact: "dns.query-cap"),
    Message(
      key: "dns-query-cap-docker", needle: Array("concurrent queries from".utf8),
      label: "DNS forwarder at its cap of concurrent queries (Docker's resolver)",
      fact: "dns.query-cap"),
  ]

  public static func recognition(of text: EvidenceText) -> Int {
    var logLines = 0
    for line in ConnectionRows.head(of: text) {
      if messages.contains(where: { Bytes.find($0.needle, in: line.bytes) != nil }) { return 85 }
      if isLogLine(line.trimmed) { logLines += 1 }
    }
    return logLines >= 2 ? 40 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var counts = [Int](repeating: 0, count: messages.count)
    var first = [String?](repeating: nil, count: messages.count)
    var logLines = 0
    var lastLine = 0
    for line in text.lines {
      lastLine = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else { continue }
      if isLogLine(trimmed) { logLines += 1 }
      for (index, message) in messages.enumerated()
      where Bytes.find(message.needle, in: trimmed) != nil {
        counts[index] += 1
        if first[index] == nil { first[index] = stamp(trimmed) }
      }
    }
    guard logLines > 0 || counts.contains(where: { $0 > 0 }) else {
      let firstLine = text.lines.first { !$0.isBlank }
      throw EvidenceError(
        source: text.source, line: firstLine?.number,
        message:
          "no kernel log lines found; expected lines such as '[12345.678901] nf_conntrack: table full, dropping packet' or 'Feb 23 16:44:36 host kernel: …'",
        reason: .garbled)
    }
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    var found: [(key: String, value: JSONValue)] = []
    for (index, message) in messages.enumerated() {
      // Two messages may count into one fact (both forwarders' caps).
      var sum = 0.0
      if case .number(let earlier)? = facts[message.fact] { sum = earlier }
      facts[message.fact] = .number(sum + Double(counts[index]))
      guard counts[index] > 0 else { continue }
      found.append((message.key, .int(counts[index])))
      var figure = "\(FactValue.grouped(counts[index])) × \(message.label)"
      if let stamp = first[index] { figure += " (first at \(stamp))" }
      figures.append(figure)
    }
    if figures.isEmpty { figures.append("none of the connection-limit messages") }
    let fields: [(key: String, value: JSONValue)] = [
      ("log_lines", .int(logLines)), ("messages", .object(found)),
    ]
    return Evidence(
      kind: kind, format: format, fields: fields, facts: facts, figures: figures, lines: lastLine)
  }

  /// A kernel log line: `[  12.345678] …` (dmesg), `[Mon Feb 23 16:44:36 2018] …` (dmesg -T), or a
  /// syslog/journal line whose fourth or fifth field is `kernel:`.
  static func isLogLine(_ trimmed: ArraySlice<UInt8>) -> Bool {
    if trimmed.first == UInt8(ascii: "["), trimmed.contains(UInt8(ascii: "]")) { return true }
    return Bytes.find(Array(" kernel: ".utf8), in: trimmed) != nil
      || trimmed.starts(with: "kernel: ".utf8)
  }

  /// The time stamp at the start of a log line (`[38775494.392631]`, `Feb 23 16:44:36`), or `nil`.
  private static func stamp(_ trimmed: ArraySlice<UInt8>) -> String? {
    if trimmed.first == UInt8(ascii: "["), let close = trimmed.firstIndex(of: UInt8(ascii: "]")) {
      return String(decoding: Bytes.trim(trimmed[(trimmed.startIndex + 1)..<close]), as: UTF8.self)
    }
    let fields = Bytes.fields(trimmed)
    if fields.count >= 3, fields[2].contains(UInt8(ascii: ":")), Bytes.int(fields[1]) != nil {
      return fields[0...2].map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
    if let kernel = Bytes.find(Array("kernel: [".utf8), in: trimmed) {
      let rest = trimmed[(kernel + 8)...]
      return stamp(rest)
    }
    return nil
  }

  public static let facts =
    messages.filter { $0.fact.hasPrefix("kernel.") }.map {
      FactDeclaration(
        $0.fact, .number, unit: "lines", "kernel log lines: \($0.label) (0 when none)")
    } + [
      FactDeclaration(
        "dns.query-cap", .number, unit: "lines",
        "system log lines of a DNS forwarder at its cap of concurrent queries: dnsmasq's 'Maximum number of concurrent DNS queries reached', Docker's resolver's 'more than 100 concurrent queries' (0 when none)"
      )
    ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "dmesg on a NAT gateway whose conntrack table filled",
      input: """
        [1694410.101010] IPv6: ADDRCONF(NETDEV_CHANGE): eth1: link becomes ready
        [1694413.644132] nf_conntrack: nf_conntrack: table full, dropping packet
        [1694413.651201] nf_conntrack: nf_conntrack: table full, dropping packet
        """,
      facts: ["kernel.conntrack-full": .number(2), "kernel.syn-flooding": .number(0)]),
    ImporterExample(
      "syslog with a message wrapped at 80 columns",
      input: """
        Feb 23 16:44:36 jobs kernel: [38775494.393661] nf_conntrack: table full,
        dropping packet
        Feb 23 16:44:37 jobs kernel: [38775495.000001] TCP: request_sock_TCP: Possible SYN flooding on port 445. Sending cookies.  Check SNMP counters.
        """,
      facts: ["kernel.conntrack-full": .number(1), "kernel.syn-flooding": .number(1)]),
    ImporterExample(
      "journalctl -k with TCP memory pressure",
      input: """
        Mar 02 10:01:02 mgmt kernel: TCP: out of memory -- consider tuning tcp_mem
        Mar 02 10:01:02 mgmt kernel: TCP: too many orphaned sockets
        """,
      facts: ["kernel.tcp-out-of-memory": .number(1), "kernel.orphaned-sockets": .number(1)]),
    ImporterExample(
      "a DNS forwarder's log at its cap of queries in flight",
      input: """
        Jun 16 10:16:51 router dnsmasq[2444]: Maximum number of concurrent DNS queries reached (max: 150)
        Jun 16 10:16:52 router dnsmasq[2444]: Maximum number of concurrent DNS queries reached (max: 150)
        Jun  3 14:33:40 host dockerd: level=error msg="[resolver] more than 100 concurrent queries from 172.18.0.5:60717"
        """,
      facts: ["dns.query-cap": .number(3), "kernel.conntrack-full": .number(0)]),
  ]
}
