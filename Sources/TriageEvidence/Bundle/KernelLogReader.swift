import TriageKit

/// Reads the kernel-log lines `nettriage collect` keeps (those matching a
/// ``KernelLogSignature``, after `#` comment lines saying where they came from) and counts each
/// signature: `kernel.conntrack-full`, `kernel.syn-flooding`, `kernel.orphaned-sockets`,
/// `kernel.tcp-out-of-memory` (0 when none). A pasted `dmesg` or `journalctl -k` reads the same.
public enum KernelLogReader {
  /// The observation kind.
  public static let kind = "kernel-log"

  /// The counts in `text`. Never throws for an empty log: no matching line is a finding (0).
  public static func read(_ text: EvidenceText) -> Observation {
    var counts: [String: Int] = [:]
    var first: [String: String] = [:]
    var read = 0
    for line in text.lines {
      let content = line.text
      if content.hasPrefix("#") || line.isBlank { continue }
      read += 1
      guard let signature = KernelLogSignature.match(content[...]) else { continue }
      counts[signature.fact, default: 0] += 1
      if first[signature.fact] == nil {
        first[signature.fact] = content.trimmingCharacters(in: .whitespaces)
      }
    }
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    for signature in KernelLogSignature.all {
      let count = counts[signature.fact] ?? 0
      facts[signature.fact] = .number(Double(count))
      if count > 0 {
        figures.append(
          "\(FactValue.grouped(count)) × '\(signature.marker)': \(signature.meaning)")
      }
    }
    if figures.isEmpty {
      figures.append(
        "no conntrack, SYN-flooding, orphaned-socket or tcp_mem messages in the kernel log"
          + (read > 0 ? " (\(FactValue.grouped(read)) other lines)" : ""))
    }
    return Observation(
      origin: .evidence, kind: kind, format: "kernel-log", label: text.source, facts: facts,
      figures: figures, raw: String(decoding: text.bytes, as: UTF8.self))
  }
}
