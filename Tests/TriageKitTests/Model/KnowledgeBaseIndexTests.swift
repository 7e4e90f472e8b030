import Testing

@testable import TriageKit

/// The index is worked out once per knowledge base and follows every change to it.
@Suite struct KnowledgeBaseIndexTests {
  @Test func orderedListsFollowTheNodesWritten() throws {
    let knowledgeBase = try TestKnowledgeBase.load()
    let questions = knowledgeBase.nodeOrder.filter {
      if case .question? = knowledgeBase.nodes[$0] { return true }
      return false
    }
    #expect(knowledgeBase.orderedQuestions.map(\.id) == questions)
    #expect(Set(knowledgeBase.questions.keys) == Set(questions))
    let index = knowledgeBase.index
    for (offset, question) in knowledgeBase.orderedQuestions.enumerated() {
      #expect(index.questionPosition[question.id] == offset)
      #expect(index.questionsByFact[question.fact]?.contains(offset) == true)
      #expect(index.inferringQuestions.contains(offset) == !question.inferences.isEmpty)
    }
  }

  @Test func changingTheNodesRebuildsTheIndexOfTheChangedCopyOnly() throws {
    let original = try TestKnowledgeBase.load()
    var changed = original
    let removed = try #require(original.orderedQuestions.last)
    changed.nodes[removed.id] = nil
    changed.nodeOrder.removeAll { $0 == removed.id }
    #expect(changed.questions[removed.id] == nil)
    #expect(!changed.orderedQuestions.contains { $0.id == removed.id })
    #expect(changed.index.reach[removed.id] == nil)
    #expect(original.questions[removed.id] != nil, "the original keeps its own index")
    #expect(original.orderedQuestions.count == changed.orderedQuestions.count + 1)
  }

  @Test func valuedAnswersAreTheExplorersWithoutUnknown() throws {
    let knowledgeBase = try TestKnowledgeBase.load()
    let explorer = PathExplorer(knowledgeBase: knowledgeBase)
    for question in knowledgeBase.orderedQuestions {
      #expect(
        knowledgeBase.index.reach[question.id]?.answers
          == explorer.candidateAnswers(for: question).filter { $0 != .unknown })
    }
  }
}
