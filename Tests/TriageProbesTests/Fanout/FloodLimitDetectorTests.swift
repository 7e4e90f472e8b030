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
    #expect(FloodLimitDetector.detect(down).kind == .noAnswer)
  }

  /// A deterministic coin with `probability` of heads (a linear congruential sequence).
  struct Coin {
    var probability: Double
    var state: UInt64 = 7
    mutating func flip() -> Bool {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(UInt64(1) << 53) < probability
    }
  }

  @Test func targetsThatRefuseFromTheStartAreRefusedNotALimit() {
    let attempts = Self.simulate(count: 5000, spacing: 0.0002, hold: 0) { _, _, _ in .refused }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .refused)
    #expect(limit.value == nil)
    #expect(limit.matches == nil)
    #expect(limit.failure == .refused)
    #expect(limit.method.hasPrefix("5000 of 5000 connection requests were refused"))
  }

  @Test func oneListenerAmongRefusingTargetsIsNoRateLimitOfOne() {
    // The case: 4,999 of 5,000 refuse; the one that connects comes first.
    let attempts = Self.simulate(count: 5000, spacing: 0.0002, hold: 0) { _, _, history in
      history.isEmpty ? .connected : .refused
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .refused)
    #expect(limit.method.contains("only 1 connection succeeded before the first failure"))
  }

  @Test(arguments: [0.02, 0.2, 0.4])
  func scatteredListenersAmongRefusingTargetsAreNoRateLimit(listening: Double) {
    // A sweep of a subnet where some hosts listen: the first ten happen to, then it is chance.
    var coin = Coin(probability: listening)
    let attempts = Self.simulate(count: 3000, spacing: 0.01, hold: 0) { _, _, history in
      history.count < 10 || coin.flip() ? .connected : .refused
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .refused, "\(limit.method)")
  }

  @Test func scatteredListenersAmongDeadTargetsAreNoLimit() {
    var coin = Coin(probability: 0.7)
    let attempts = Self.simulate(count: 3000, spacing: 0.01, hold: 0, timeout: 1) {
      _, _, history in
      history.count < 10 || coin.flip() ? .connected : .timedOut
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .none, "\(limit.method)")
  }

  @Test func openPortsFollowedByClosedOnesAreRefusedNotABlockingRateLimit() {
    // Ten targets listen, the next 490 have nothing listening: a run, then only resets.
    let attempts = Self.simulate(count: 500, spacing: 0.01, hold: 0) { _, _, history in
      history.count < 10 ? .connected : .refused
    }.enumerated().map { index, attempt in
      var distinct = attempt
      distinct.target = HostPort(host: "192.0.2.1", port: UInt16(1000 + index))
      return distinct
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .refused, "\(limit.method)")
    #expect(limit.method.contains("closed ports, not a block"))
  }

  @Test func aBlockerThatResetsTargetsItLetThroughBeforeIsARateLimit() {
    // The same 50 targets over and over; after 300 connects in a minute, every one is reset.
    let attempts = Self.simulate(count: 500, spacing: 0.05, hold: 0) { time, _, history in
      history.filter { $0.start > time - 60 }.count >= 300 ? .refused : .connected
    }.enumerated().map { index, attempt in
      var same = attempt
      same.target = HostPort(host: "192.0.2.\(index % 50 + 1)", port: 445)
      return same
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .rate)
    #expect(limit.value == 300)
    #expect(limit.failure == .refused)
  }

  /// Unanswered from the first attempt: the targets or the path are down, or the station is
  /// blocked already. Not a limit, not refused, and not `none` either: `none` tells the knowledge
  /// base that no gateway limit stopped the station, which such a run cannot say.
  @Test func silentDropsFromTheStartAreNoAnswerNeitherALimitNorNone() {
    let attempts = Self.simulate(count: 100, spacing: 0.01, hold: 0) { _, _, _ in .timedOut }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .noAnswer)
    #expect(limit.kind.rawValue == "no-answer")
    #expect(limit.value == nil)
    #expect(limit.failure == .silentDrop)
    #expect(limit.firstFailure == 0)
    #expect(limit.method.hasPrefix("100 of 100 connection requests went unanswered"))
  }

  /// A few connections, then nothing: fewer than a limit's run of successes, so no count or rate
  /// can be read; the rest unanswered reads as no answer.
  @Test func aFewSuccessesThenSilenceIsNoAnswer() {
    let attempts = Self.simulate(count: 100, spacing: 0.01, hold: 0) { _, _, history in
      history.count < 3 ? .connected : .timedOut
    }
    #expect(FloodLimitDetector.detect(attempts).kind == .noAnswer)
  }

  @Test func aConcurrentLimitOfResetsAfterARunIsALimitNotRefused() {
    // 200 attempts, 40 of them reset: most requests connected, the resets came at 160 open.
    let attempts = Self.simulate(
      count: 200, spacing: 0.001, hold: 5, firewall: Self.connlimit(160, answer: .refused))
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .concurrent)
    #expect(limit.failure == .refused)
    // Even when most requests are reset, a limit's pattern is a limit.
    let many = Self.simulate(
      count: 2000, spacing: 0.001, hold: 5, firewall: Self.connlimit(160, answer: .refused))
    #expect(FloodLimitDetector.detect(many).kind == .concurrent)
  }

  /// The knowledge base's measurement step: 480 a minute, each held 30 s, against the 160 limit.
  /// The 161st fails at 20 s, with 160 open and 160 connects in the minute before: both limits
  /// fit the onset.
  static func measureLimitStep(
    targets: Int, firewall: Firewall = FloodLimitDetectorTests.connlimit(160, answer: .timedOut)
  ) -> [FanoutAttempt] {
    simulate(count: targets, spacing: 0.125, hold: 30, firewall: firewall)
  }

  @Test func successesAfterHeldConnectionsCloseRuleOutARateLimitOfTheSameCount() throws {
    var attempts = Self.measureLimitStep(targets: 250)
    // A dropped SYN retransmitted a second later, once a connection had closed, connects with
    // about 160 open.
    let late = try #require(attempts.lastIndex { $0.outcome == .timedOut && $0.start < 30 })
    attempts[late].outcome = .connected
    attempts[late].latency = 30.9 - attempts[late].start
    attempts[late].closed = 60.9
    FanoutAttempt.annotate(&attempts)
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .concurrent)
    #expect(limit.value == 160)
    #expect(limit.matches == .isaConcurrentDefault)
    #expect(limit.method.contains("which a rate limit of 160 a minute would have stopped"))
  }

  @Test func aRunThatEndsBeforeAnythingClosesIsConcurrentAndSaysARateWouldLookTheSame() {
    let limit = FloodLimitDetector.detect(Self.measureLimitStep(targets: 200))
    #expect(limit.kind == .concurrent)
    #expect(limit.value == 160)
    #expect(limit.method.contains("would fail the same way"))
    #expect(
      limit.method.hasSuffix(
        "because 160 is the ISA/TMG default concurrent limit (160) and no known rate limit"))
  }

  @Test func aRunThatCannotTellThemApartReadsAKnownRateDefaultAsARate() {
    // 600 a minute with connections held 90 s: the 601st fails with 600 open and 600 recent.
    let attempts = Self.simulate(count: 700, spacing: 0.09, hold: 90) { time, _, history in
      // ISA: once over, the source stays blocked for a minute.
      let recent = history.filter { $0.start > time - 60 }
      if recent.contains(where: { $0.outcome != .connected }) { return .timedOut }
      return recent.count >= 600 ? .timedOut : .connected
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .rate)
    #expect(limit.value == 600)
    #expect(limit.matches == .isaRateDefault)
  }

  @Test func aRateLimitOfTheSameCountKeepsFailingAfterConnectionsClose() {
    // A blocker at 160 connects a minute: failures go on while fewer and fewer are open.
    let attempts = Self.measureLimitStep(targets: 400) { time, _, history in
      history.filter { $0.start > time - 60 }.count >= 160 ? .timedOut : .connected
    }
    let limit = FloodLimitDetector.detect(attempts)
    #expect(limit.kind == .rate)
    #expect(limit.value == 160)
  }

  @Test func unreachableAndLocalErrorsAreNotLimitFailures() {
    let attempts = Self.simulate(count: 100, spacing: 0.01, hold: 0) { _, _, history in
      history.count >= 50 ? .localError(step: "connect", errno: 99) : .connected
    }
    #expect(FloodLimitDetector.detect(attempts).kind == .none)
  }
}
