import Testing

@testable import TriageKit

/// Numbers a knowledge base gives that would make the arithmetic silently wrong (issue 17).
@Suite struct NumericSoundnessTests {
  private static func diagnostics(question: String = "", certainty: String = "0.5") -> [String] {
    TestKnowledgeBase.diagnostics(
      manifestWith: """
        nettriage: knowledge-base/1
        id: single
        version: 1.0.0
        title: Single-file knowledge base
        start: q
        nodes:
          - id: q
            kind: question
            type: number
            ask: How many?
            why: Because.
        \(question)
            next: done
          - id: done
            kind: conclusion
            outcome: diagnosed
            title: Done
            text: Done.
            causes:
              - { cause: c, certainty: \(certainty) }
        causes:
          - id: c
            title: C
            summary: C.
        """)
  }

  @Test func aCleanBaseHasNoErrorsAboutNumbers() {
    let found = Self.diagnostics(question: "    min: 1\n    max: 1")
    #expect(!found.contains { $0.contains("min") || $0.contains("certainty") })
  }

  /// `nan` and `inf` read as numbers (Swift's Double does); `.nan` is not a number at all.
  @Test(arguments: ["nan", "NaN", "inf", "1.0001", "-1.5"])
  func certaintiesOutsideMinusOneToOneOrNaNAreErrors(certainty: String) {
    let found = Self.diagnostics(certainty: certainty)
    #expect(found.contains { $0.contains("certainty must be from -1 to 1") }, "\(found)")
  }

  @Test func aCertaintyThatIsNotANumberIsAnError() {
    let found = Self.diagnostics(certainty: ".nan")
    #expect(found.contains { $0.contains("expected 'certainty'") }, "\(found)")
  }

  @Test(arguments: ["1", "-1", "0"])
  func certaintiesAtTheBoundsAreFine(certainty: String) {
    #expect(!Self.diagnostics(certainty: certainty).contains { $0.contains("certainty") })
  }

  @Test func minAboveMaxIsAnError() {
    let found = Self.diagnostics(question: "    min: 5\n    max: 4")
    #expect(
      found.contains {
        $0.hasSuffix(
          "error: 'min' (5) of question 'q' is above its 'max' (4): no answer could fit")
      }, "\(found)")
  }

  @Test func boundsMustBeFinite() {
    let found = Self.diagnostics(question: "    min: nan\n    max: inf")
    #expect(found.contains { $0.hasSuffix("error: 'min' of question 'q' must be a finite number") })
    #expect(found.contains { $0.hasSuffix("error: 'max' of question 'q' must be a finite number") })
  }

  @Test(arguments: [(1.0, -1.0), (-1.0, 1.0)])
  func oppositeCertaintiesCancelToZero(a: Double, b: Double) {
    #expect(CertaintyFactor.combine(a, b) == 0)
    #expect(CertaintyFactor.combine([a, b, 0.5]) == 0.5)
  }
}
