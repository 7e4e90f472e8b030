import Testing

@testable import TriageProbes

/// The pacer on a simulated clock: a loop that starts what the pacer allows, each start costing
/// a little time, and sleeps as the pacer says with the overshoot of a real `poll` (rounded up to
/// the millisecond, then woken late).
@Suite("connect pacer")
struct ConnectPacerTests {
  /// What a simulated fan-out did: when each connect started, and how many sleeps it took.
  struct Run {
    var starts: [Double] = []
    var sleeps = 0

    /// Connects a minute between the first start and the last.
    var achievedPerMinute: Double {
      guard let first = starts.first, let last = starts.last, last > first else { return 0 }
      return Double(starts.count - 1) / (last - first) * 60
    }
  }

  /// A deterministic wake-up delay of 0 … 300 µs (a linear congruential sequence).
  struct Overshoot {
    var state: UInt64 = 42
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double((state >> 33) % 300) / 1e6
    }
  }

  /// `count` connects paced at `perMinute`, each start costing `cost` seconds, sleeps rounded up
  /// to the millisecond as `poll` does; `stall(time)` may add a pause (every slot taken).
  static func simulate(
    perMinute: Double, count: Int, cost: Double = 0.000_02,
    stall: (Double) -> Double = { _ in 0 }
  ) -> Run {
    var pacer = ConnectPacer(perMinute: perMinute)
    var overshoot = Overshoot()
    var run = Run()
    var now = 1000.0
    while run.starts.count < count {
      now += stall(now)
      while run.starts.count < count, pacer.allows(at: now) {
        pacer.take(at: now)
        run.starts.append(now)
        now += cost
      }
      guard run.starts.count < count else { break }
      let wait = pacer.wait(at: now)
      if wait > 0 {
        run.sleeps += 1
        now += (wait * 1000).rounded(.up) / 1000 + overshoot.next()
      }
    }
    return run
  }

  @Test(arguments: [60.0, 600, 6000, 60000, 1_000_000])
  func holdsTheRequestedRateDespiteOvershoot(perMinute: Double) {
    let run = Self.simulate(perMinute: perMinute, count: 2000)
    let ratio = run.achievedPerMinute / perMinute
    #expect(abs(ratio - 1) <= 0.01, "achieved \(run.achievedPerMinute) of \(perMinute) a minute")
  }

  @Test func neverSleepsPerSlotAtAMillionAMinute() {
    // A slot is 60 µs: the old pacer slept 4,915 times for 5,000 connects.
    let run = Self.simulate(perMinute: 1_000_000, count: 5000)
    #expect(run.sleeps <= 300)  // at most one sleep a millisecond of the 0.3 s schedule
    #expect(run.sleeps >= 100)  // and it does sleep: the connects are not started all at once
  }

  @Test func spacesConnectsEvenly() {
    var pacer = ConnectPacer(perMinute: 600)
    #expect(pacer.allows(at: 0))
    #expect(pacer.available(at: 0) == 1)
    pacer.take(at: 0)
    #expect(!pacer.allows(at: 0.05))
    #expect(abs(pacer.wait(at: 0.05) - 0.05) < 1e-9)
    #expect(pacer.allows(at: 0.1))
  }

  @Test func catchesUpAnOvershootWithoutMovingTheTimeline() {
    var pacer = ConnectPacer(perMinute: 60_000)  // one a millisecond
    pacer.take(at: 0)
    // Woken at 3.4 ms: the slots of 1, 2 and 3 ms are due, the next is still at 4 ms.
    #expect(pacer.available(at: 0.0034) == 3)
    for _ in 0..<3 { pacer.take(at: 0.0034) }
    #expect(!pacer.allows(at: 0.0034))
    #expect(abs((pacer.due ?? 0) - 0.004) < 1e-9)
  }

  @Test func asksForNoSleepShorterThanAMillisecond() {
    var pacer = ConnectPacer(perMinute: 1_000_000)
    pacer.take(at: 0)
    #expect(pacer.wait(at: 0.000_01) == ConnectPacer.granularity)
    #expect(pacer.wait(at: 0.000_06) == 0)
  }

  @Test func doesNotMakeUpForAStallWithAFlood() {
    var pacer = ConnectPacer(perMinute: 60)
    pacer.take(at: 0)
    // Nothing started for 10 s: the timeline restarts, with one slot of catching up.
    #expect(pacer.available(at: 10) == 2)
    pacer.take(at: 10)
    pacer.take(at: 10)
    #expect(!pacer.allows(at: 10.5))
    #expect(pacer.allows(at: 11))
  }

  @Test(arguments: [1.0, 60, 300, 600, 6000, 60000])
  func neverAllowsMoreThanTheRateAndABurstInAnyMinute(perMinute: Double) {
    // A caller that asks as often as it can (every 7 ms) for 3 minutes, stalling 5 s twice.
    var pacer = ConnectPacer(perMinute: perMinute)
    var starts: [Double] = []
    var time = 0.0
    while time < 180 {
      while pacer.allows(at: time) {
        pacer.take(at: time)
        starts.append(time)
      }
      time += (time > 50 && time < 55) || (time > 120 && time < 125) ? 1 : 0.007
    }
    var first = 0
    var most = 0
    for (index, start) in starts.enumerated() {
      while starts[first] <= start - 60 { first += 1 }
      most = max(most, index - first + 1)
    }
    #expect(Double(most) <= perMinute + Double(pacer.burst), "\(most) in a minute")
    #expect(Double(most) >= perMinute * 0.95, "\(most) in a minute")
  }
}
