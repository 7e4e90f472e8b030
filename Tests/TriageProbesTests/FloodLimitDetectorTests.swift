import Testing

@testable import TriageProbes

/// The detector on fan-outs simulated against idealised firewalls: one attempt every `spacing`
/// seconds, each held `hold` seconds when it connects, each failure taking `timeout` seconds.
@Suite("flood-limit detector")
struct FloodLimitDetectorTests {
  /// Decides each attempt from what is open and what came before.
  typealias Firewall = (_ time: Double, _ open: Int, _ history: [FanoutAttempt]) -> ConnectOutcome

  static func simulate(
    count: Int, spacing: Double, hold: Double, timeout: Double = 3, firewall: Firewall
  ) -> [FanoutAttempt] {
    var attempts: [FanoutAttempt] = []
    for index in 0..<count {
      let time = Double(index) * spacing
      let open = attempts.filter { $0.outcome == .connected && ($0.closed ?? 0) > time }.count
      let outcome = firewall(time, open, attempts)
      let latency = outcome == .connected ? 0.0005 : (outcome == .timedOut ? timeout : 0.0005)
      var attempt = FanoutAttempt(
        target: HostPort(host: "192.0.2.\(index % 250 + 1)", port: 445), line: index + 1,
        address: nil, start: time, outcome: outcome, latency: latency)
      if outcome == .connected { attempt.closed = time + latency + hold }
      attempts.append(attempt)
    }
    FanoutAttempt.annotate(&attempts)
    return attempts
  }

  static func connlimit(_ limit: Int, answer: ConnectOutcome) -> Firewall {
    { _, open, _ in open >= limit ? answer : .connected }
  }

  @Test func aConcurrentLimitWithSilentDropsIsFoundAtExactly160() {
    // 300 attempts, every connection held 20 s: the 161st and later are dropped.
    let attempts = Self.simulate(
      count: 300, spacing: 0.001, hold: 20, firewall: Self.connlimit(160, answer: .timedOut))
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .concurrent)
    #expect(limit.value == 160)
    #expect(limit.matches == .isaConcurrentDefault)
    #expect(limit.failure == .silentDrop)
    #expect(limit.firstFailure == 160)
  }

  @Test func aConcurrentLimitIsFoundWhenSuccessesResumeAsConnectionsClose() {
    // 200 attempts a second, each held 1 s: the limit is reached at 0.8 s and connections
    // close from 1 s on, so successes and resets alternate with the open count.
    let attempts = Self.simulate(
      count: 600, spacing: 0.005, hold: 1, firewall: Self.connlimit(400, answer: .refused))
    #expect(attempts.contains { $0.outcome == .connected && $0.start > 2.5 })
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .none)  // 400 is never reached: at most 200 are open
    let tight = Self.simulate(
      count: 600, spacing: 0.005, hold: 1, firewall: Self.connlimit(160, answer: .refused))
    let found = FloodLimitDetector.detect(tight)
    #expect(found.kind == .concurrent)
    #expect(found.value == 160)
    #expect(found.failure == .refused)
    #expect(tight.contains { $0.outcome == .connected && $0.start > 1.5 })
  }

  @Test func aShapingRateLimitIsMeasuredFromTheAdmissionsAfterTheFirstFailure() {
    // A token bucket of 10 at 10 a second (600 a minute); 100 attempts a second, none held.
    var tokens = 10.0
    var last = 0.0
    let attempts = Self.simulate(count: 800, spacing: 0.01, hold: 0, timeout: 2) { time, _, _ in
      tokens = min(10, tokens + (time - last) * 10)
      last = time
      guard tokens >= 1 else { return .timedOut }
      tokens -= 1
      return .connected
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .rate)
    #expect(limit.matches == .isaRateDefault)
    #expect(abs((limit.value ?? 0) - 600) <= 30)
    #expect(limit.failure == .silentDrop)
  }

  @Test func aBlockingRateLimitIsTheConnectsInTheMinuteBeforeTheFirstFailure() {
    // ISA: 600 connect requests in a minute, then the source is blocked for a minute.
    let attempts = Self.simulate(count: 800, spacing: 0.05, hold: 0) { time, _, history in
      let recent = history.filter { $0.start > time - 60 }
      if recent.contains(where: { $0.outcome != .connected }) { return .timedOut }
      return recent.count >= 600 ? .timedOut : .connected
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .rate)
    #expect(limit.value == 600)
    #expect(limit.matches == .isaRateDefault)
    #expect(limit.firstFailure == 600)
  }

  @Test func scatteredDeadTargetsAreNoLimit() {
    let attempts = Self.simulate(count: 500, spacing: 0.01, hold: 0) { _, _, history in
      history.count % 10 == 9 ? .timedOut : .connected
    }
    #expect(FloodLimitDetector.detect(attempts).kind == .none)
  }

  @Test func noFailuresAndFailuresFromTheStartAreNoLimit() {
    let fine = Self.simulate(count: 50, spacing: 0.01, hold: 1) { _, _, _ in .connected }
    #expect(FloodLimitDetector.detect(fine) == .none("no attempt was dropped or refused"))
    let down = Self.simulate(count: 50, spacing: 0.01, hold: 1) { _, _, _ in .timedOut }
    #expect(FloodLimitDetector.detect(down).kind == .none)
  }

  @Test func unreachableAndLocalErrorsAreNotLimitFailures() {
    let attempts = Self.simulate(count: 100, spacing: 0.01, hold: 0) { _, _, history in
      history.count >= 50 ? .localError(step: "connect", errno: 99) : .connected
    }
    #expect(FloodLimitDetector.detect(attempts).kind == .none)
  }
}
