import Testing

@testable import TriageKit

@Suite struct DanglingReferenceCheckTests {
  @Test func cleanKnowledgeBaseHasNoDanglingReference() throws {
    #expect(DanglingReferenceCheck().check(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func unknownStartNode() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "dnoe")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:5:8: error: unknown start node 'dnoe' (did you mean 'done'?)"
      ])
  }

  @Test func unknownNextNodeAndSupportedCause() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: decision
          branches:
            - when: "true"
              next: dnoe
              support: { some-cuase: 0.5 }
          otherwise: { next: elsewhere, support: { unrelated-thing: -0.5 } }
        - id: done
          kind: conclusion
          outcome: inconclusive
          title: T
          text: T
          causes: [some-cause]
      causes:
        - { id: some-cause, title: T, summary: S }
      """, start: "first")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:11:15: error: unknown node 'dnoe' (did you mean 'done'?)",
        "kb/knowledge-base.yaml:12:20: error: unknown cause 'some-cuase' (did you mean 'some-cause'?)",
        "kb/knowledge-base.yaml:13:24: error: unknown node 'elsewhere'",
        "kb/knowledge-base.yaml:13:46: error: unknown cause 'unrelated-thing'",
      ])
  }

  @Test func unknownCauseOfAConclusion() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: done
          kind: conclusion
          outcome: inconclusive
          title: T
          text: T
          causes:
            - { cause: some-cuase, certainty: 0.5 }
      causes:
        - { id: some-cause, title: T, summary: S }
      """, start: "done")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:13:9: error: unknown cause 'some-cuase' (did you mean 'some-cause'?)"
      ])
  }

  @Test func unknownStepsAndReferences() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      causes:
        - { id: some-cause, title: T, summary: S, plan: [fix-dsn], references: [docs] }
      steps:
        - { id: fix-dns, title: T, text: T, risk: low, permission: P, verify: V, rollback: R,
            references: [dosc] }
      references:
        - { id: the-docs, title: T }
      """, start: "done")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:9:5: error: unknown step 'fix-dsn' (did you mean 'fix-dns'?)",
        "kb/knowledge-base.yaml:9:5: error: unknown reference 'docs'",
        "kb/knowledge-base.yaml:11:5: error: unknown reference 'dosc'",
      ])
  }

  /// A question's `unknown` defaults to its `next`: one dangling `next` is one mistake.
  @Test func danglingNextOfAQuestionIsReportedOnce() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, ask: A?, why: W, next: dnoe }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "first")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:69: error: unknown node 'dnoe' (did you mean 'done'?)"
      ])
  }

  /// A choice with its own `next` is a route too; its unknown cause is one mistake.
  @Test func unknownCauseOfARoutedChoiceIsReportedOnce() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: question
          type: yes-no
          ask: A?
          why: W
          choices:
            - { value: "yes", next: done, support: { some-cuase: 0.5 } }
          next: done
        - id: done
          kind: conclusion
          outcome: inconclusive
          title: T
          text: T
          causes: [some-cause]
      causes:
        - { id: some-cause, title: T, summary: S }
      """, start: "first")
    #expect(
      DanglingReferenceCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:13:48: error: unknown cause 'some-cuase' (did you mean 'some-cause'?)"
      ])
  }
}
