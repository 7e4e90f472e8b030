import Testing

@testable import TriageKit

@Suite struct PathExplorerTests {
  static func knowledgeBase() throws -> KnowledgeBase {
    try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: hosts, kind: question, type: number, ask: A?, why: W, min: 0, next: route }
        - id: route
          kind: decision
          branches:
            - { when: hosts >= 300, next: big }
            - { when: hosts == 7, next: lucky }
          otherwise: kind
        - id: kind
          kind: question
          type: choice
          ask: Which?
          why: W
          choices:
            - { value: a, label: A, next: small }
            - { value: b, label: B, next: small }
          next: small
        - { id: big, kind: conclusion, outcome: inconclusive, title: Big, text: T }
        - { id: lucky, kind: conclusion, outcome: inconclusive, title: Lucky, text: T }
        - { id: small, kind: conclusion, outcome: inconclusive, title: Small, text: T }
      """, start: "hosts")
  }

  @Test func numberCandidatesStraddleEveryThreshold() throws {
    let kb = try Self.knowledgeBase()
    let explorer = PathExplorer(knowledgeBase: kb)
    let question = try #require(kb.questions["hosts"])
    #expect(
      explorer.candidateAnswers(for: question)
        == [0, 6, 7, 8, 299, 300, 301].map { FactValue.number($0) } + [.unknown])
  }

  @Test func exhaustiveReachesEveryAnswerBranchAndConclusion() throws {
    let explorer = PathExplorer(knowledgeBase: try Self.knowledgeBase())
    let coverage = try explorer.exhaustive()
    let targets = explorer.coverageTargets()
    #expect(targets.conclusions.allSatisfy { coverage.conclusionHits[$0] != nil })
    #expect(targets.answers.allSatisfy { coverage.answerHits[$0] != nil }, "\(coverage.answerHits)")
    #expect(targets.branches.allSatisfy { coverage.branchHits[$0] != nil })
    #expect(!coverage.truncated)
  }

  @Test func exhaustiveFindsWhatCannotBeReached() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: hosts, kind: question, type: number, ask: A?, why: W, max: 10, next: route }
        - id: route
          kind: decision
          branches:
            - { when: hosts > 100, next: big }
          otherwise: small
        - { id: big, kind: conclusion, outcome: inconclusive, title: Big, text: T }
        - { id: small, kind: conclusion, outcome: inconclusive, title: Small, text: T }
      """, start: "hosts")
    let coverage = try PathExplorer(knowledgeBase: kb).exhaustive()
    #expect(coverage.conclusionHits["big"] == nil)
    #expect(coverage.conclusionHits["small"] != nil)
  }

  @Test func randomWalksAreSeeded() throws {
    let explorer = PathExplorer(knowledgeBase: try Self.knowledgeBase())
    let first = try explorer.random(count: 50, seed: 42)
    let again = try explorer.random(count: 50, seed: 42)
    let other = try explorer.random(count: 50, seed: 43)
    #expect(first.walks == 50)
    #expect(first.nodeHits == again.nodeHits)
    #expect(first.nodeHits["hosts"] == 50)
    #expect(first.nodeHits != other.nodeHits || first.conclusionHits != other.conclusionHits)
  }

  @Test func splitMixIsStable() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
  }
}
