import Testing

@testable import TriageKit

@Suite struct ConclusionPlanCheckTests {
  @Test func cleanKnowledgeBaseHasPlans() throws {
    #expect(ConclusionPlanCheck().check(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func diagnosedConclusionWithoutAPlan() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: done
          kind: conclusion
          outcome: diagnosed
          title: T
          text: T
          causes: [planless, unknown-cause]
      causes:
        - { id: planless, title: T, summary: S }
      """, start: "done")
    #expect(
      ConclusionPlanCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:5: error: diagnosed conclusion 'done' has no plan (none of its causes lists steps)",
        "kb/knowledge-base.yaml:14:5: warning: cause 'planless' has an empty plan",
      ])
  }

  @Test func diagnosedConclusionWithoutCauses() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: diagnosed, title: T, text: T }
      """, start: "done")
    #expect(
      ConclusionPlanCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:5: error: diagnosed conclusion 'done' has no plan (none of its causes lists steps)"
      ])
  }

  @Test func oneCauseWithAPlanIsEnough() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: diagnosed, title: T, text: T, causes: [planned] }
        - { id: open, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: planned, title: T, summary: S, plan: [step] }
      steps:
        - { id: step, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
      """, start: "done")
    #expect(ConclusionPlanCheck().check(kb).isEmpty)
  }
}
