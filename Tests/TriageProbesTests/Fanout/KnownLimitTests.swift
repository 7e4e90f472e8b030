import Testing

@testable import TriageProbes

@Suite("known limits")
struct KnownLimitTests {
  @Test(arguments: [
    (FloodLimit.Kind.concurrent, 160.0, KnownLimit?.some(.isaConcurrentDefault)),
    (.concurrent, 155, .isaConcurrentDefault),
    (.concurrent, 150, nil),
    (.concurrent, 400, .isaConcurrentCustom),
    (.concurrent, 10, .halfOpen),
    (.concurrent, 12, nil),
    (.concurrent, 600, nil),
    (.rate, 600, .isaRateDefault),
    (.rate, 560, .isaRateDefault),
    (.rate, 500, nil),
    (.rate, 6000, .isaRateCustom),
    (.rate, 160, nil),
  ])
  func matchesWithinItsTolerance(kind: FloodLimit.Kind, value: Double, expected: KnownLimit?) {
    #expect(KnownLimit.matching(kind, value: value) == expected)
  }

  @Test func everyKnownLimitHasItsTitleAndID() {
    #expect(
      KnownLimit.allCases.map(\.rawValue) == [
        "isa-concurrent-default", "isa-rate-default", "isa-concurrent-custom", "isa-rate-custom",
        "half-open",
      ])
    #expect(KnownLimit.isaConcurrentDefault.title == "ISA/TMG default concurrent limit (160)")
    #expect(KnownLimit.isaRateCustom.title == "custom rate (6,000/min)")
  }
}
