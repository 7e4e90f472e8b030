import Testing

@testable import TriageKit

@Suite struct NumericThresholdCheckTests {
  static func decision(_ branches: String) throws -> KnowledgeBase {
    try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: hosts, kind: question, type: number, ask: A?, why: W, next: route }
        - id: route
          kind: decision
          branches:
      \(branches)
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "hosts")
  }

  @Test func contiguousRangesAreClean() throws {
    let kb = try Self.decision(
      """
          - { when: hosts < 50, next: done }
          - { when: hosts >= 50 and hosts < 150, next: done }
          - { when: hosts >= 150, next: done }
      """)
    #expect(NumericThresholdCheck().check(kb).isEmpty)
  }

  @Test func shadowedBranchIsAnError() throws {
    let kb = try Self.decision(
      """
          - { when: hosts >= 100, next: done }
          - { when: hosts >= 300, next: done }
      """)
    #expect(
      NumericThresholdCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:12:35: error: branch 'hosts >= 300' of 'route' can never be taken: earlier branches cover all its values"
      ])
  }

  @Test func sharedBoundaryAndGapAreWarnings() throws {
    let kb = try Self.decision(
      """
          - { when: hosts <= 50, next: done }
          - { when: hosts >= 50 and hosts < 100, next: done }
          - { when: hosts > 150, next: done }
      """)
    let found = NumericThresholdCheck().check(kb).map(\.description)
    #expect(
      found.contains(
        "kb/knowledge-base.yaml:12:50: warning: 'hosts <= 50' and 'hosts >= 50 and hosts < 100' of 'route' both hold at 50; the first wins"
      ))
    #expect(
      found.contains(
        "kb/knowledge-base.yaml:8:5: warning: values of 'hosts' in [100, 150] match no branch of 'route' and go to otherwise"
      ))
    #expect(found.count == 2)
  }

  @Test func impossibleConditionIsAnError() throws {
    let kb = try Self.decision("      - { when: hosts > 10 and hosts < 5, next: done }")
    #expect(
      NumericThresholdCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:11:49: error: condition 'hosts > 10 and hosts < 5' of 'route' holds for no value of 'hosts'"
      ])
  }
}
