import EmbeddedKnowledgeBase
import Testing

@testable import TriageKit

/// The engine's allocation-free reading of answers agrees with the question's own.
@Suite struct QuestionNodePickingTests {
  @Test func picksAndRoutesAsTheQuestionDoes() throws {
    for knowledgeBase in [try EmbeddedKnowledgeBase.knowledgeBase(), try TestKnowledgeBase.load()] {
      let explorer = PathExplorer(knowledgeBase: knowledgeBase)
      for question in knowledgeBase.orderedQuestions {
        var values = explorer.candidateAnswers(for: question)
        values += [
          .string("no-such-choice"), .list(question.choices.map(\.value)), .list([]),
          .bool(true), .bool(false), .number(1), .unknown,
        ]
        for value in values {
          #expect(
            question.picksNotKnown(value) == question.isNotKnown(value), "\(question.id) \(value)")
          #expect(
            question.routeTaken(for: value) == question.route(for: value),
            "\(question.id) \(value)")
        }
      }
    }
  }
}
