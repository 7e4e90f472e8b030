import Testing

@testable import TriageKit

@Suite struct CertaintyFactorTests {
  private static func isClose(_ lhs: Double, _ rhs: Double) -> Bool {
    abs(lhs - rhs) < 1e-12
  }

  @Test(arguments: [
    (0.6, 0.5, 0.8),  // a + b(1 − a) = 0.6 + 0.5 × 0.4
    (0.2, 0.2, 0.36),
    (0, 0.7, 0.7),
    (1, 0.3, 1),
  ])
  func bothPositive(a: Double, b: Double, combined: Double) {
    #expect(Self.isClose(CertaintyFactor.combine(a, b), combined))
  }

  @Test(arguments: [
    (-0.6, -0.5, -0.8),  // a + b(1 + a) = −0.6 − 0.5 × 0.4
    (-0.2, -0.2, -0.36),
    (-1, -0.3, -1),
  ])
  func bothNegative(a: Double, b: Double, combined: Double) {
    #expect(Self.isClose(CertaintyFactor.combine(a, b), combined))
  }

  @Test(arguments: [
    (0.6, -0.4, 1.0 / 3.0),  // (a + b) / (1 − min(|a|, |b|)) = 0.2 / 0.6
    (-0.6, 0.4, -1.0 / 3.0),
    (0.5, -0.5, 0),
    (0.9, -0.2, 0.875),
    (-0.3, 0, -0.3),
  ])
  func oppositeSigns(a: Double, b: Double, combined: Double) {
    #expect(Self.isClose(CertaintyFactor.combine(a, b), combined))
  }

  @Test(arguments: [
    (0.6, 0.5), (-0.6, -0.5), (0.6, -0.4), (-0.9, 0.3), (0, -0.7), (1, -0.5), (0.25, 0.75),
  ])
  func isCommutative(a: Double, b: Double) {
    #expect(Self.isClose(CertaintyFactor.combine(a, b), CertaintyFactor.combine(b, a)))
  }

  @Test func completeCertaintiesOfOppositeSignCancel() {
    #expect(CertaintyFactor.combine(1, -1) == 0)
    #expect(CertaintyFactor.combine(-1, 1) == 0)
  }

  @Test func certaintyIsNotMovedByLesserEvidenceAgainst() {
    #expect(CertaintyFactor.combine(1, -0.5) == 1)
    #expect(CertaintyFactor.combine(-1, 0.5) == -1)
  }

  @Test func combiningAListFoldsFromZero() {
    #expect(CertaintyFactor.combine([Double]()) == 0)
    #expect(CertaintyFactor.combine([0.4]) == 0.4)
    #expect(CertaintyFactor.combine([-0.4]) == -0.4)
    // 0.4, 0.3 → 0.58; 0.5 → 0.79; 0.6 → 0.916.
    #expect(Self.isClose(CertaintyFactor.combine([0.4, 0.3, 0.5, 0.6]), 0.916))
    // 0.3, 0.4 → 0.58; −0.3 → 0.28 / 0.7 = 0.4.
    #expect(Self.isClose(CertaintyFactor.combine([0.3, 0.4, -0.3]), 0.4))
  }

  @Test func listOrderDoesNotMatterForSameSignEvidence() {
    let factors = [0.2, 0.5, 0.1, 0.7]
    let forward = CertaintyFactor.combine(factors)
    #expect(Self.isClose(CertaintyFactor.combine(factors.reversed()), forward))
    #expect(Self.isClose(CertaintyFactor.combine([0.5, 0.7, 0.2, 0.1]), forward))
  }

  @Test func listOrderDoesNotMatterForMixedEvidence() {
    let factors = [0.6, -0.4, 0.3, -0.2]
    let expected = CertaintyFactor.combine(factors)
    for order in [[-0.4, 0.6, -0.2, 0.3], [0.3, -0.2, -0.4, 0.6], [-0.2, -0.4, 0.3, 0.6]] {
      #expect(Self.isClose(CertaintyFactor.combine(order), expected), "\(order)")
    }
  }

  @Test func resultStaysWithinMinusOneToOne() {
    let values = stride(from: -1.0, through: 1.0, by: 0.125).map { $0 }
    for a in values {
      for b in values {
        let combined = CertaintyFactor.combine(a, b)
        #expect(combined >= -1 && combined <= 1, "combine(\(a), \(b)) = \(combined)")
      }
    }
  }
}
