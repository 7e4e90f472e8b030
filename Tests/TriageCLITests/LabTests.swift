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
    // The station closed first: every connection reaches TIME_WAIT on its side once the
    // listener's FIN has arrived, which can be a moment after the probe returns.
    let timeWait = try Self.timeWait(in: lab, reaching: 2000)
    guard timeWait < 2000 else { return }
    // Say where the others went: sockets in other states, and the namespace's TCP counters.
    let others = try Self.sockets(in: lab).filter { !$0.hasPrefix("TIME-WAIT") }
    let counters = (try? lab.inside(["nstat", "-az"]).standardOutput) ?? ""
    let telling = counters.split(separator: "\n").filter { line in
      let words = line.split(separator: " ")
      return words.count > 1 && words[1] != "0"
        && ["Abort", "Rst", "Reset", "TW", "Orphan", "Syncookie", "Drop", "Listen", "Embryonic"]
          .contains { line.contains($0) }
    }
    Issue.record(
      "\(timeWait) TIME_WAIT of 2000; other sockets: \(others.count) \(others.prefix(10)); counters: \(telling)"
    )
  }

  /// The lab's TCP sockets as `ss -Htan` lists them, one a line.
  static func sockets(in lab: FloodLab) throws -> [String] {
    try lab.inside(["ss", "-Htan"]).standardOutput.split(separator: "\n").map(String.init)
  }

  /// The number of TIME_WAIT sockets in the lab once it reaches `count` or stops growing (nothing
  /// new for 5 s), waiting at most `seconds`: the listener's FINs arrive after the probe returns.
  static func timeWait(in lab: FloodLab, reaching count: Int, within seconds: Double = 30) throws
    -> Int
  {
    let deadline = Date().addingTimeInterval(seconds)
    var last = -1
    var lastChange = Date()
    while true {
      let ss = try lab.inside(["ss", "-Htan", "state", "time-wait"])
      let now = ss.standardOutput.split(separator: "\n").count
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
    // Counted once every FIN has arrived, so the census and ss see the same sockets.
    let expected = try Self.timeWait(in: lab, reaching: 2100)
    #expect(expected >= 2000)
    let census = try Self.json(try lab.nettriage(["probe", "census", "--json"]))
    let facts = try #require(census["facts"] as? [String: Any])
    #expect(facts["tcp.time-wait"] as? Int == expected)
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
