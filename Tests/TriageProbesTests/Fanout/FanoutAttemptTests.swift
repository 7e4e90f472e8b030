import Testing

@testable import TriageProbes

@Suite("fan-out attempt records")
struct FanoutAttemptTests {
  static func attempt(
    _ start: Double, _ outcome: ConnectOutcome, latency: Double = 0.01, closed: Double? = nil
  ) -> FanoutAttempt {
    FanoutAttempt(
      target: HostPort(host: "192.0.2.1", port: 445), line: 1, address: nil, start: start,
      outcome: outcome, latency: latency, closed: closed)
  }

  @Test func countsWhatWasOpenAndRecentWhenEachStarted() {
    var attempts = [
      Self.attempt(0, .connected, closed: 5),
      Self.attempt(1, .connected, closed: 1.5),
      Self.attempt(2, .timedOut, latency: 3),
      Self.attempt(3, .unresolved("no answer")),
      Self.attempt(62, .connected, closed: 63),
      Self.attempt(62.5, .refused),
    ]
    FanoutAttempt.annotate(&attempts)
    #expect(attempts.map(\.open) == [0, 1, 1, 1, 0, 1])
    // Requests in the 60 s before: the unresolved name sent none.
    #expect(attempts.map(\.recentConnects) == [0, 1, 2, 3, 1, 1])
    #expect(attempts[0].openAtConnect == 0)
    #expect(attempts[1].openAtConnect == 1)
    #expect(attempts[4].openAtConnect == 0)
    #expect(attempts[2].openAtConnect == nil)
  }

  @Test func countsTheSameAsAPassOverEveryConnection() {
    // A deterministic mix of outcomes, latencies and holds, with ties in start times.
    var state: UInt64 = 3
    func next(_ range: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(range))
    }
    var attempts: [FanoutAttempt] = []
    var time = 0.0
    for _ in 0..<600 {
      time += Double(next(4)) * 0.25
      let outcomes: [ConnectOutcome] = [
        .connected, .connected, .timedOut, .refused, .unresolved("x"),
      ]
      let outcome = outcomes[next(outcomes.count)]
      let latency = Double(next(8) + 1) * 0.1
      let closed = outcome == .connected ? time + latency + Double(next(40)) * 0.5 : nil
      attempts.append(Self.attempt(time, outcome, latency: latency, closed: closed))
    }
    FanoutAttempt.annotate(&attempts)
    for (index, attempt) in attempts.enumerated() {
      let open = attempts[..<index].count {
        $0.outcome == .connected && ($0.closed ?? .infinity) > attempt.start
      }
      #expect(attempt.open == open, "attempt \(index)")
      guard attempt.outcome == .connected else { continue }
      let atConnect = attempts.indices.count {
        $0 != index && attempts[$0].outcome == .connected && attempts[$0].end <= attempt.end
          && (attempts[$0].closed ?? .infinity) > attempt.end
      }
      #expect(attempt.openAtConnect == atConnect, "attempt \(index)")
    }
  }

  @Test func jsonNamesTheOutcomeAndTheErrno() {
    var record = Self.attempt(1.23456, .localError(step: "connect", errno: 99), latency: 0.0004)
    record.recentConnects = 7
    let json = record.json
    #expect(json["outcome"]?.stringValue == "local-error")
    #expect(json["errno"]?.stringValue == "EADDRNOTAVAIL")
    #expect(json["start_s"] == .double(1.235))
    #expect(json["recent_connects"]?.intValue == 7)
  }
}
