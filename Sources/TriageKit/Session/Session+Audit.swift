extension Session {
  /// The audit events the walk calls for that the journal does not hold yet: a question answered
  /// from known facts (`auto-answered`), the question now put to the person (`asked`), the
  /// conclusion reached (`concluded`).
  ///
  /// Computed from the events alone, so a resumed session that records them adds nothing the
  /// first run already wrote.
  public func dueAuditEvents(for walk: Walk) -> [SessionEvent.Kind] {
    var due: [SessionEvent.Kind] = []
    for step in walk.answeredSteps where step.automatic {
      if !hasAnnounced(step.question, value: step.value) {
        due.append(
          .autoAnswered(question: step.question, value: step.value, provenance: step.provenance))
      }
    }
    if let question = walk.pendingQuestion, !isAsking(question.id) {
      due.append(.asked(question: question.id))
    }
    if let conclusion = walk.conclusion, !hasConcluded(conclusion.id) {
      due.append(.concluded(conclusion: conclusion.id, outcome: conclusion.outcome))
    }
    return due
  }

  /// Whether `question` was recorded as answered automatically with `value` since it or the
  /// whole session was last opened again.
  private func hasAnnounced(_ question: String, value: FactValue) -> Bool {
    for event in events.reversed() {
      switch event.kind {
      case .autoAnswered(question, let announced, _) where announced == value: return true
      case .reopened(question), .restarted: return false
      default: continue
      }
    }
    return false
  }

  /// Whether the latest `asked` is `question` and nothing has answered or reopened since.
  private func isAsking(_ question: String) -> Bool {
    for event in events.reversed() {
      switch event.kind {
      case .asked(let asked): return asked == question
      case .answered, .undone, .reopened, .restarted, .declined: return false
      case .observed(let observation) where observation.node != nil: return false
      default: continue
      }
    }
    return false
  }

  /// Whether the latest event that changes the path is reaching `conclusion`.
  private func hasConcluded(_ conclusion: String) -> Bool {
    for event in events.reversed() {
      switch event.kind {
      case .concluded(let reached, _): return reached == conclusion
      case .answered, .undone, .reopened, .restarted: return false
      default: continue
      }
    }
    return false
  }
}
