import Foundation
import Testing

/// The flood-mitigation lab: the built binary's probes run inside a network namespace whose
/// netfilter rules behave like ISA/TMG per-source limits (lab/flood-lab.sh, docs/lab.md). Each
/// test builds its own namespace and takes it down. Skipped, with the reason, where the machine
/// cannot build one.
@Suite(
  "flood lab", .serialized,
  .enabled(if: LabEnvironment.isRoot, "needs root (network namespaces and iptables)"),
  .enabled(if: LabEnvironment.hasTools, "needs ip, iptables and python3 (make lab-deps)"),
  .enabled(
    if: LabEnvironment.canBuildLab,
    "cannot create a network namespace with connlimit and hashlimit rules here")
)
struct LabTests {
  static func json(_ run: BinaryRun) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
      "not JSON: \(run.standardOutput.prefix(500)) \(run.standardError)")
  }

  static func fanout(
    _ lab: FloodLab, port: Int, count: Int, _ options: [String]
  ) throws -> [String: Any] {
    let targets = try lab.targets(port: port, count: count)
    let run = try lab.nettriage(
      ["probe", "fanout", "--json", "--targets", targets, "--source", FloodLab.station] + options)
    #expect(run.status == 0, "\(run.standardError)")
    return try json(run)
  }

  @Test func aConcurrentLimitIsFoundAtExactly160WithSilentDrops() throws {
    let lab = try FloodLab()
    // 300 connections allowed at once, each held 20 s: connlimit drops the 161st and later.
    let result = try Self.fanout(
      lab, port: FloodLab.Port.concurrentDrop, count: 300,
      ["--max-concurrent", "300", "--rate", "60000/min", "--hold", "20", "--timeout", "3"])
    let limit = try #require(result["limit"] as? [String: Any])
    #expect(limit["kind"] as? String == "concurrent")
    #expect(limit["value"] as? Int == 160)
    #expect(limit["matches"] as? String == "isa-concurrent-default")
    #expect(limit["failure"] as? String == "silent-drop")
    let facts = try #require(result["facts"] as? [String: Any])
    #expect(facts["probe.fanout.attempted"] as? Int == 300)
    #expect(facts["probe.fanout.connected"] as? Int == 160)
    #expect(facts["probe.fanout.timed-out"] as? Int == 140)
    #expect(facts["probe.fanout.limit-kind"] as? String == "concurrent")
    #expect(facts["probe.fanout.limit-value"] as? Int == 160)
    #expect(facts["probe.fanout.limit-matches"] as? String == "isa-concurrent-default")
    // The budget held: never more than 300 in flight.
    #expect((result["peak_in_flight"] as? Int ?? .max) <= 300)
  }

  @Test func aRateLimitIsFoundNear600AMinute() throws {
    let lab = try FloodLab()
    // 100 connects a second against hashlimit 600/minute (10 a second, burst 10): after the
    // burst, admissions go on at the limit's pace, which the probe measures over ~5 s.
    let result = try Self.fanout(
      lab, port: FloodLab.Port.rateDrop, count: 500,
      ["--max-concurrent", "300", "--rate", "6000/min", "--timeout", "2"])
    let limit = try #require(result["limit"] as? [String: Any])
    #expect(limit["kind"] as? String == "rate")
    let value = try #require(limit["value"] as? Int)
    #expect(abs(value - 600) <= 60, "measured \(value) connects a minute")
    #expect(limit["matches"] as? String == "isa-rate-default")
    #expect(limit["failure"] as? String == "silent-drop")
    let facts = try #require(result["facts"] as? [String: Any])
    #expect(facts["probe.fanout.limit-kind"] as? String == "rate")
    #expect((facts["probe.fanout.timed-out"] as? Int ?? 0) > 0)
  }

  @Test func aConcurrentLimitThatResetsIsClassifiedRefused() throws {
    let lab = try FloodLab()
    let result = try Self.fanout(
      lab, port: FloodLab.Port.concurrentReset, count: 200,
      ["--max-concurrent", "200", "--rate", "60000/min", "--hold", "5", "--timeout", "3"])
    let limit = try #require(result["limit"] as? [String: Any])
    #expect(limit["kind"] as? String == "concurrent")
    #expect(limit["value"] as? Int == 160)
    #expect(limit["failure"] as? String == "refused")
    let facts = try #require(result["facts"] as? [String: Any])
    #expect(facts["probe.fanout.refused"] as? Int == 40)
    #expect(facts["probe.fanout.timed-out"] as? Int == 0)
  }

  @Test func connectTellsConnectedRefusedTimedOutAndUnreachableApart() throws {
    let lab = try FloodLab()
    let cases = [
      (FloodLab.Port.open, "connected"), (FloodLab.Port.closed, "refused"),
      (FloodLab.Port.drop, "timed-out"), (FloodLab.Port.unreachable, "unreachable"),
    ]
    for (port, outcome) in cases {
      let run = try lab.nettriage([
        "probe", "connect", "127.0.1.1:\(port)", "--timeout", "1", "--source", FloodLab.station,
        "--json",
      ])
      #expect(run.status == 0, "\(run.standardError)")
      let result = try Self.json(run)
      #expect(result["outcome"] as? String == outcome, "port \(port)")
      let facts = try #require(result["facts"] as? [String: Any])
      #expect(facts["probe.connect.outcome"] as? String == outcome)
    }
  }

  @Test func fanoutHolds2000ConnectionsAtOnceAndLeavesThemInTimeWait() throws {
    let lab = try FloodLab()
    let result = try Self.fanout(
      lab, port: FloodLab.Port.open, count: 2000,
      ["--max-concurrent", "2000", "--rate", "600000/min", "--hold", "2", "--timeout", "5"])
    #expect(result["connected"] as? Int == 2000)
    #expect(result["peak_open"] as? Int == 2000)
    #expect((result["peak_in_flight"] as? Int ?? .max) <= 2000)
    // The station closed first: every connection went through TIME_WAIT on its side once the
    // listener's FIN arrived, which can be a moment after the probe returns. Counted by the
    // namespace's own counter of sockets that entered TIME_WAIT (TcpExt TW), not by the sockets
    // still there: under load the kernel may end one early when a stray RST reaches it (TIME_WAIT
    // assassination, RFC 1337), which once made this test fail with 1999 sockets and TW = 2000.
    let entered = try Self.counter("TW", in: lab, reaching: 2000)
    let remaining = entered == 2000 ? 0 : try Self.timeWait(in: lab, reaching: 2000)
    #expect(
      entered == 2000,
      "\(entered) connections went through TIME_WAIT, not 2000 (\(remaining) are in it now)")
  }

  /// A `TcpExt` counter of the lab's namespace (from its /proc/net/netstat) once it reaches
  /// `count` or stops changing for 5 s, waiting at most `seconds`.
  static func counter(
    _ name: String, in lab: FloodLab, reaching count: Int, within seconds: Double = 30
  ) throws -> Int {
    try settled(reaching: count, within: seconds) {
      let lines = try lab.inside(["cat", "/proc/net/netstat"]).standardOutput.split(
        separator: "\n")
      let rows = lines.filter { $0.hasPrefix("TcpExt:") }.map { $0.split(separator: " ") }
      guard rows.count == 2, let index = rows[0].firstIndex(of: Substring(name)),
        index < rows[1].count
      else { return -1 }
      return Int(rows[1][index]) ?? -1
    }
  }

  /// `measure()` once it reaches `count` or has not changed for 5 s, waiting at most `seconds`.
  static func settled(reaching count: Int, within seconds: Double, _ measure: () throws -> Int)
    rethrows -> Int
  {
    let deadline = Date().addingTimeInterval(seconds)
    var last = Int.min
    var lastChange = Date()
    while true {
      let now = try measure()
      if now != last {
        last = now
        lastChange = Date()
      }
      if now >= count || Date() > deadline || Date().timeIntervalSince(lastChange) > 5 {
        return now
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
  }

  /// The number of TIME_WAIT sockets in the lab once it reaches `count` or stops growing,
  /// waiting at most `seconds`: the listener's FINs arrive after the probe returns.
  static func timeWait(in lab: FloodLab, reaching count: Int, within seconds: Double = 30) throws
    -> Int
  {
    try settled(reaching: count, within: seconds) {
      try lab.inside(["ss", "-Htan", "state", "time-wait"]).standardOutput.split(separator: "\n")
        .count
    }
  }

  // Runs once `probe census` (another branch) is merged into the binary; until then it is
  // skipped with this reason rather than passed.
  @Test(
    .enabled(
      if: LabEnvironment.binaryHasCensus,
      "'nettriage probe census' is not in this binary yet (it comes from the census branch)"))
  func censusCountsTimeWaitLikeSS() throws {
    let lab = try FloodLab()
    _ = try Self.fanout(
      lab, port: FloodLab.Port.open, count: 2100,
      ["--max-concurrent", "500", "--rate", "600000/min", "--timeout", "5"])
    // Counted once every FIN has arrived, before and after the census: TIME_WAIT sockets only
    // leave in that time (never within 60 s but for a stray RST), so the census lies between.
    let before = try Self.timeWait(in: lab, reaching: 2100)
    #expect(before >= 2000)
    let census = try Self.json(try lab.nettriage(["probe", "census", "--json"]))
    let after = try Self.timeWait(in: lab, reaching: 0)
    let facts = try #require(census["facts"] as? [String: Any])
    let counted = try #require(facts["tcp.time-wait"] as? Int)
    #expect(counted <= before && counted >= after, "census \(counted), ss \(before) then \(after)")
  }

  @Test func downRemovesTheNamespaceAndIsIdempotent() throws {
    var lab: FloodLab? = try FloodLab()
    let name = try #require(lab?.name)
    let status = try FloodLab.script(["status", name])
    #expect(status.status == 0)
    #expect(status.standardOutput.contains("listener: running"))
    lab = nil
    let list = try BinaryRun.run(
      ["netns", "list"], executable: URL(fileURLWithPath: LabEnvironment.tool("ip") ?? "/sbin/ip"))
    #expect(!list.standardOutput.contains(name))
    #expect(try FloodLab.script(["down", name]).status == 0)
    #expect(try FloodLab.script(["up", "not-a-lab-name"]).status != 0)
  }
}
