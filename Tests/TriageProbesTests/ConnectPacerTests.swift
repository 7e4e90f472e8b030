import Testing

@testable import TriageProbes

@Suite("connect pacer")
struct ConnectPacerTests {
  @Test func spacesConnectsEvenly() {
    var pacer = ConnectPacer(perMinute: 600)
    #expect(pacer.allows(at: 0))
    pacer.take(at: 0)
    #expect(!pacer.allows(at: 0.05))
    #expect(abs(pacer.wait(at: 0.05) - 0.05) < 1e-9)
    #expect(pacer.allows(at: 0.1))
  }

  @Test func doesNotMakeUpForAStallWithABurst() {
    var pacer = ConnectPacer(perMinute: 60)
    pacer.take(at: 0)
    // Nothing started for 10 s; only one connect may start now, the next a second later.
    #expect(pacer.allows(at: 10))
    pacer.take(at: 10)
    #expect(!pacer.allows(at: 10.5))
  }

  @Test(arguments: [1.0, 60, 300, 600, 6000])
  func neverAllowsMoreThanTheRateInAnyMinute(perMinute: Double) {
    // A caller that asks as often as it can (every 7 ms) for 3 minutes.
    var pacer = ConnectPacer(perMinute: perMinute)
    var starts: [Double] = []
    var time = 0.0
    while time < 180 {
      if pacer.allows(at: time) {
        pacer.take(at: time)
        starts.append(time)
      }
      time += 0.007
    }
    var first = 0
    for (index, start) in starts.enumerated() {
      while starts[first] <= start - 60 { first += 1 }
      #expect(Double(index - first + 1) <= perMinute)
    }
  }
}
