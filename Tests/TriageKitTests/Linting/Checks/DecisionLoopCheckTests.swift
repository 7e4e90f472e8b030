import Testing

@testable import TriageKit

@Suite struct DecisionLoopCheckTests {
  @Test func cleanKnowledgeBaseHasNoDecisionLoop() throws {
    #expect(DecisionLoopCheck().check(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func aLoopThroughAQuestionIsNotThisChecksBusiness() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, ask: A?, why: W, next: check }
        - id: check
          kind: decision
          branches:
            - { when: first == "again", next: first }
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "first")
    #expect(DecisionLoopCheck().check(kb).isEmpty)
  }

  /// Both decisions have a way out, so the cycle check is content; but if `a` and `b` both hold,
  /// the walk goes round for ever.
  @Test func aLoopOfDecisionsWithExitsIsStillAnError() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: q, kind: question, type: yes-no, ask: Q?, why: W, next: left }
        - id: left
          kind: decision
          branches:
            - { when: q, next: right }
          otherwise: done
        - id: right
          kind: decision
          branches:
            - { when: q, next: left }
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "q")
    #expect(CycleWithoutExitCheck().check(kb).isEmpty, "the cycle check sees the exits")
    #expect(
      DecisionLoopCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:8:5: error: decisions 'left', 'right' route in a loop that asks nothing: once the walk goes round it, it never leaves"
      ])
  }
}
