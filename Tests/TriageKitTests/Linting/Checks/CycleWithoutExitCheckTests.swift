import Testing

@testable import TriageKit

@Suite struct CycleWithoutExitCheckTests {
  @Test func cleanKnowledgeBaseHasNoCycle() throws {
    #expect(CycleWithoutExitCheck().check(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func loopWithAWayOutIsFine() throws {
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
    #expect(CycleWithoutExitCheck().check(kb).isEmpty)
  }

  @Test func selfLoopWithoutExit() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: spin
          kind: decision
          branches:
            - { when: "true", next: spin }
          otherwise: spin
      """, start: "spin")
    #expect(
      CycleWithoutExitCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:5: error: cycle without an exit: 'spin' never reaches a conclusion"
      ])
  }

  @Test func cycleWithoutExit() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: entry, kind: question, type: text, ask: A?, why: W, next: ask-again }
        - { id: ask-again, kind: question, type: yes-no, ask: A?, why: W, next: back }
        - { id: back, kind: decision, branches: [], otherwise: ask-again }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "entry")
    let diagnostics = CycleWithoutExitCheck().check(kb).map(\.description)
    #expect(
      diagnostics.first
        == "kb/knowledge-base.yaml:8:5: error: cycle without an exit: 'ask-again' → 'back' never reaches a conclusion"
    )
    // The node that leads into the cycle is not a second mistake: one cycle, one message.
    #expect(diagnostics.count == 1, "\(diagnostics)")
  }

  /// Every member of a cycle is named by the cycle's diagnostic; the dead-end pass, meant for nodes
  /// outside cycles, should not report the other members again.
  @Test func membersOfAReportedCycleAreNotReportedAgain() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: ask-again, kind: question, type: yes-no, ask: A?, why: W, next: back }
        - { id: back, kind: decision, branches: [], otherwise: ask-again }
      """, start: "ask-again")
    #expect(
      CycleWithoutExitCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:5: error: cycle without an exit: 'ask-again' → 'back' never reaches a conclusion"
      ])
  }

  @Test func deadEndOutsideACycle() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: decision
          branches:
            - { when: known(x), next: done }
          otherwise: done
        - { id: x, kind: question, type: text, ask: A?, why: W, next: first }
        - { id: done, kind: decision, branches: [], otherwise: first }
      """, start: "first")
    // first → done → first: a cycle whose only exits lead back into it.
    #expect(
      CycleWithoutExitCheck().check(kb).map(\.description).first
        == "kb/knowledge-base.yaml:7:5: error: cycle without an exit: 'first' → 'done' never reaches a conclusion"
    )
  }

  /// Dangling routes are the dangling-reference check's business, not a dead end.
  @Test func nodeWithADanglingRouteIsLeftToTheDanglingCheck() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, ask: A?, why: W, next: nowhere }
      """, start: "first")
    #expect(CycleWithoutExitCheck().check(kb).isEmpty)
  }

  @Test func longChainDoesNotOverflowTheStack() throws {
    let count = 3000
    var lines = ["nodes:"]
    for index in 0..<count {
      lines.append("  - { id: n\(index), kind: decision, branches: [], otherwise: n\(index + 1) }")
    }
    lines.append("  - { id: n\(count), kind: decision, branches: [], otherwise: n0 }")
    let kb = try TestKnowledgeBase.loadSingleFile(lines.joined(separator: "\n"), start: "n0")
    let diagnostics = CycleWithoutExitCheck().check(kb)
    #expect(diagnostics.first?.message.hasPrefix("cycle without an exit: 'n0' → 'n1' → ") == true)
  }
}
