import Foundation
import Testing
import TriageKit

@testable import TriageProbes

@Suite("fan-out probe (loopback)")
struct FanoutProbeTests {
  static func targets(_ count: Int, port: UInt16) -> TargetList {
    TargetList(
      name: "targets.txt",
      entries: (0..<count).map {
        TargetList.Entry(target: HostPort(host: "127.0.0.1", port: port), line: $0 + 1)
      })
  }

  @Test func honoursTheBudget() throws {
    let listener = try LoopbackListener()
    let list = Self.targets(40, port: listener.port)
    let budget = FanoutProbe.Budget(maxConcurrent: 4, perMinute: 2400, hold: 0.15, timeout: 2)
    var run = FanoutRun(
      entries: list.entries, budget: budget, cap: 4, connector: TCPConnector(), progress: nil)
    run.addresses = list.entries.map {
      .success(SocketAddress(numeric: "127.0.0.1", port: $0.target.port)!)
    }
    run.loop()
    let attempts = run.attempts
    #expect(attempts.count == 40)
    #expect(attempts.allSatisfy { $0.outcome == .connected })
    #expect(run.peakInFlight <= 4)
    #expect(run.peakHeld == 4)
    // Never more than 4 open at once: each start comes after enough closes.
    for attempt in attempts {
      let overlapping = attempts.filter {
        $0.start <= attempt.start && ($0.closed ?? $0.end) > attempt.start
      }
      #expect(overlapping.count <= 4)
    }
    // Never ahead of the pacer's timeline: the k-th start at least k × 60/2400 s after the
    // first (starts may come closer together only to catch up a late one).
    for (index, attempt) in attempts.enumerated() {
      #expect(attempt.start - attempts[0].start >= Double(index) * 0.025 - 1e-9)
    }
    // Every connection was held its 0.15 s before being closed.
    #expect(attempts.allSatisfy { ($0.closed ?? 0) - $0.end >= 0.15 - 1e-9 })
  }

  @Test func reportsCountsFactsAndNoLimitAgainstAListener() throws {
    let listener = try LoopbackListener()
    let closed = try LoopbackListener.closedPort()
    var entries = Self.targets(10, port: listener.port).entries
    entries.append(TargetList.Entry(target: HostPort(host: "127.0.0.1", port: closed), line: 11))
    let recorder = ProgressRecorder()
    let probe = FanoutProbe(
      targets: TargetList(name: "t.txt", entries: entries),
      budget: FanoutProbe.Budget(maxConcurrent: 20, perMinute: 6000, hold: 0, timeout: 2),
      progress: { recorder.record($0) })
    let result = probe.runNow()
    #expect(result.status == .ok)
    #expect(result.facts["probe.fanout.attempted"] == .number(11))
    #expect(result.facts["probe.fanout.connected"] == .number(10))
    #expect(result.facts["probe.fanout.refused"] == .number(1))
    #expect(result.facts["probe.fanout.timed-out"] == .number(0))
    #expect(result.facts["probe.fanout.limit-kind"] == .string("none"))
    #expect(result.facts["probe.fanout.limit-matches"] == .string("none"))
    #expect(result.facts["probe.fanout.limit-value"] == nil)
    #expect(result.json["attempts"]?.arrayValue?.count == 11)
    #expect(recorder.last?.finished == true)
    #expect(recorder.last?.attempted == 11)
  }

  @Test func noTargetsFailsTheProbe() {
    let result = FanoutProbe(targets: TargetList(name: "empty.txt", entries: [])).runNow()
    #expect(result.status == .failed("no targets in 'empty.txt'"))
  }

  @Test func consentSaysWhatItWillDo() {
    let list = Self.targets(500, port: 445)
    let holding = FanoutProbe(targets: list, budget: FanoutProbe.Budget(hold: 30))
    #expect(
      holding.consentText
        == "open up to 100 TCP connections at a time (300 a minute) to the 500 host:port targets "
        + "in targets.txt, holding each 30 s, giving each 3 s to answer")
    let defaults = FanoutProbe(targets: Self.targets(1, port: 445), source: "10.0.0.5")
    #expect(
      defaults.consentText
        == "open up to 100 TCP connections at a time (300 a minute) from '10.0.0.5' to the 1 "
        + "host:port target in targets.txt, closing each at once, giving each 3 s to answer")
  }

  @Test func theDefaultBudgetStaysBelowISADefaults() {
    let budget = FanoutProbe.Budget()
    #expect(budget.maxConcurrent == 100)
    #expect(budget.perMinute == 300)
    #expect(budget.hold == 0)
    #expect(budget.timeout == 3)
    #expect(Double(budget.maxConcurrent) < KnownLimit.isaConcurrentDefault.value)
    #expect(budget.perMinute < KnownLimit.isaRateDefault.value)
  }
}

/// Keeps the last progress report (called from the probe's thread).
final class ProgressRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var value: FanoutProgress?

  var last: FanoutProgress? { lock.withLock { value } }

  func record(_ progress: FanoutProgress) { lock.withLock { value = progress } }
}
