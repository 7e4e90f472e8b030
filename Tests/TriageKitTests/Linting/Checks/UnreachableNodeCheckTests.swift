import Testing

@testable import TriageKit

@Suite struct UnreachableNodeCheckTests {
  @Test func everyNodeOfTheCleanKnowledgeBaseIsReachable() throws {
    let kb = try TestKnowledgeBase.load()
    #expect(UnreachableNodeCheck().check(kb).isEmpty)
    #expect(KnowledgeBaseLinter.reachable(kb) == Set(kb.nodeOrder))
  }

  @Test func nodeNoPathReaches() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, ask: A?, why: W, next: done }
        - { id: orphan, kind: question, type: text, ask: A?, why: W, next: done }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "first")
    #expect(
      UnreachableNodeCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:8:5: error: node 'orphan' is unreachable from start 'first'"
      ])
  }

  @Test func routesOfUnknownAndOfChoicesCountAsPaths() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: question
          type: choice
          ask: A?
          why: W
          choices:
            - { value: a, next: via-choice }
            - { value: b }
          next: done
          unknown: via-unknown
        - { id: via-choice, kind: question, type: text, ask: A?, why: W, next: done }
        - { id: via-unknown, kind: question, type: text, ask: A?, why: W, next: done }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "first")
    #expect(UnreachableNodeCheck().check(kb).isEmpty)
  }

  @Test func unusedCausesStepsAndReferencesAreWarnings() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: lonely-cause, title: T, summary: S }
      steps:
        - { id: lonely-step, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
      references:
        - { id: lonely-reference, title: T }
      """, start: "done")
    #expect(
      UnreachableNodeCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:9:5: warning: cause 'lonely-cause' is named by no conclusion or support",
        "kb/knowledge-base.yaml:11:5: warning: step 'lonely-step' is in no cause's plan",
        "kb/knowledge-base.yaml:13:5: warning: reference 'lonely-reference' is cited nowhere",
      ])
  }

  @Test func causesNamedOnlyBySupportAndStepsOnlyByPlansAreUsed() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: question
          type: yes-no
          ask: A?
          why: W
          choices:
            - { value: "yes", support: { by-choice: 0.5 } }
          next: done
          unknown: { next: done, support: { by-unknown: 0.1 } }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: by-choice, title: T, summary: S, plan: [step-one], references: [by-cause] }
        - { id: by-unknown, title: T, summary: S }
      steps:
        - { id: step-one, title: T, text: T, risk: low, permission: P, verify: V, rollback: R,
            references: [by-step] }
      references:
        - { id: by-cause, title: T }
        - { id: by-step, title: T }
      """, start: "first")
    #expect(UnreachableNodeCheck().check(kb).isEmpty)
  }
}
