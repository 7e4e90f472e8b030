import Foundation
import Testing

/// Issue 5's "done when": an interactive session on a machine behind the lab's 160 limit, with the
/// person's consent to probe, ends in `isa-concurrent-connection-limit` with the measured figure in
/// the report. The session reads its answers from a pipe (the same REPL as at a terminal).
@Suite(
  "flood lab session",
  .enabled(if: LabEnvironment.isRoot, "needs root (network namespaces and iptables)"),
  .enabled(if: LabEnvironment.hasTools, "needs ip, iptables and python3 (make lab-deps)"),
  .enabled(
    if: LabEnvironment.canBuildLab,
    "cannot create a network namespace with connlimit and hashlimit rules here")
)
struct LabSessionTests {
  /// The answers follow the interview's order; with the recovery pattern and the web access
  /// unknown, nothing is established from the answers, so the tree's measurement step comes, and
  /// its figure (160) decides.
  @Test
  func consentedFanoutMeasuresTheConcurrentLimitAndTheSessionConcludesOnIt() throws {
    let lab = try FloodLab()
    let state = try TemporaryDirectory()
    // One target address repeated: with no --source in the knowledge base's probe step, Linux
    // picks the target's own loopback address as the source, so one address keeps one source.
    let targets = try state.write(
      "targets.txt", String(repeating: "127.0.1.1:\(FloodLab.Port.concurrentDrop)\n", count: 250))
    let report = state.path("lab-session.md")
    let answers = [
      "64", "isa-2006-standard", "yes", "windows-modern", "250", "unknown", "not-checked",
      "unknown", "normal", "unknown", "answer-ok", "127.0.1.1", targets, "y", ".report \(report)",
      ".quit",
    ]
    guard let ip = LabEnvironment.tool("ip") else { throw FloodLab.LabError(message: "no 'ip'") }
    let run = try BinaryRun.run(
      ["netns", "exec", lab.name, BinaryRun.executable.path],
      input: answers.joined(separator: "\n") + "\n",
      environment: ["XDG_STATE_HOME": state.url.path], executable: URL(fileURLWithPath: ip),
      timeout: 150)
    #expect(run.standardOutput.contains("It will open up to 250 TCP connections at a time"))
    #expect(run.standardOutput.contains("probe fanout: ok"), "\(run.standardOutput.suffix(2000))")
    #expect(run.standardOutput.contains("Diagnosed: "))
    let text = try state.read("lab-session.md")
    #expect(text.contains("### 1. ISA/TMG connection limit — concurrent TCP connections per IP"))
    #expect(text.contains("## Evidence and probes"))
    #expect(
      text.contains("concurrent limit at 160 concurrent connections — matches"),
      "the measured figure is in the report")
    #expect(text.contains("| probe `fanout` | `fanout` ok |"))
    // The measurement drawn over time, with the limit found as a flat line.
    #expect(text.contains("```mermaid\nxychart-beta\n"))
    #expect(text.contains("  line [160, 160, "))
    // For the right reason: 160 open and 160 connects in the minute before fit both limits at
    // the first failure; either a success after connections closed ruled the rate out, or (as
    // the lab's connlimit frees slots only lazily) 160 being ISA's concurrent default decided.
    #expect(
      text.contains("which a rate limit of 160 a minute would have stopped")
        || text.contains(
          "read as concurrent because 160 is the ISA/TMG default concurrent limit (160)"),
      "\(text.split(separator: "\n").filter { $0.contains("limit was read") })")
  }

  /// The interview asks the nslookup question before the probe step that would answer it; the
  /// person does not know (`unknown`), and the probe's timeout, once it ran, settles it.
  @Test func aSilentResolverMakesTheDNSProbeTimeOutAndTheSessionReachesDNSUnavailable() throws {
    let lab = try FloodLab()
    let state = try TemporaryDirectory()
    // `ip netns exec` shows /etc/netns/NAME/resolv.conf as /etc/resolv.conf inside the namespace.
    let config = URL(fileURLWithPath: "/etc/netns/\(lab.name)")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: config) }
    try "nameserver 127.0.3.53\noptions timeout:1 attempts:1\n".write(
      to: config.appendingPathComponent("resolv.conf"), atomically: true, encoding: .utf8)
    // The server's address exists (all of 127/8 is on lo) but drops every query: silence.
    let iptables = LabEnvironment.tool("iptables") ?? "iptables"
    let drop = try lab.inside([
      iptables, "-w", "-A", "INPUT", "-p", "udp", "-d", "127.0.3.53", "--dport", "53", "-j",
      "DROP",
    ])
    #expect(drop.status == 0, "\(drop.standardError)")
    let report = state.path("dns-session.md")
    let answers = [
      // Knowledge base 0.4's order: error-code, firewall-path, only-this-machine,
      // dns-lookup-result (unknown: the probe settles it later), ipconfig-check,
      // internet-also-fails, hosts-per-sweep, failing-host, then the dns probe's consent.
      "1203", "unknown", "no", "unknown", "normal", "yes", "30", "fileserver07", "y",
      ".report \(report)",
      ".quit",
    ]
    guard let ip = LabEnvironment.tool("ip") else { throw FloodLab.LabError(message: "no 'ip'") }
    let run = try BinaryRun.run(
      ["netns", "exec", lab.name, BinaryRun.executable.path],
      input: answers.joined(separator: "\n") + "\n",
      environment: ["XDG_STATE_HOME": state.url.path], executable: URL(fileURLWithPath: ip),
      timeout: 60)
    #expect(run.standardOutput.contains("It will look up 'fileserver07'"))
    #expect(run.standardOutput.contains("probe dns: ok"), "\(run.standardOutput.suffix(2000))")
    #expect(run.standardOutput.contains("Diagnosed: "), "\(run.standardOutput.suffix(2000))")
    let text = try state.read("dns-session.md")
    #expect(text.contains("| `dns-unavailable` |"))
    #expect(text.contains("| probe `dns` | `dns` ok |"))
    // The nslookup question was answered by the probe: a timeout, with the probe as its source.
    let answerRow = text.split(separator: "\n").first { $0.contains("(`dns-lookup-result`)") }
    #expect(answerRow?.contains("DNS request timed out.") == true, "\(answerRow ?? "")")
    #expect(answerRow?.contains("| probe #1, already known |") == true, "\(answerRow ?? "")")
  }
}
