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
