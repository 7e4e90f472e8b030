extension FactBase {
  /// The questions with a value, in the knowledge base's order, each with its value.
  ///
  /// Visits the answered questions only, so its cost follows the answers rather than the size of
  /// the knowledge base.
  func answeredInOrder(_ knowledgeBase: KnowledgeBase) -> [(
    question: QuestionNode, answer: Answered
  )] {
    let index = knowledgeBase.index
    var offsets: [Int] = []
    offsets.reserveCapacity(answered.count)
    for id in answered.keys {
      if let offset = index.questionPosition[id] { offsets.append(offset) }
    }
    offsets.sort()
    return offsets.compactMap { offset in
      let question = index.orderedQuestions[offset]
      return answered[question.id].map { (question, $0) }
    }
  }
}
