/// Conditions and templates may only name facts some question sets.
struct UnknownFactCheck: LintCheck {
  let name = "unknown-fact"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    let known = Set(kb.questions.values.map(\.fact))
    let candidates = known.sorted()
    var found: [Diagnostic] = []
    func report(_ fact: String, usedIn place: String, at location: SourceLocation?) {
      guard !known.contains(fact) else { return }
      var message = "\(place) uses fact '\(fact)', which no question sets"
      if let suggestion = NearestMatch.suggestion(for: fact, among: candidates) {
        message += " (did you mean '\(suggestion)'?)"
      }
      found.append(Diagnostic(.error, message, at: location))
    }
    for id in kb.nodeOrder {
      switch kb.nodes[id] {
      case .decision(let decision)?:
        for branch in decision.branches {
          for fact in Set(branch.condition.factNames).sorted() {
            report(fact, usedIn: "condition '\(branch.text)'", at: branch.route.location)
          }
        }
      case .question(let question)?:
        for fact in Template.factNames(in: question.ask + question.why) {
          report(fact, usedIn: "question '\(id)'", at: question.location)
        }
      case .conclusion(let conclusion)?:
        for fact in Template.factNames(in: conclusion.title + conclusion.text) {
          report(fact, usedIn: "conclusion '\(id)'", at: conclusion.location)
        }
      case nil:
        break
      }
    }
    for cause in kb.causes.values {
      for fact in Template.factNames(in: cause.summary) {
        report(fact, usedIn: "cause '\(cause.id)'", at: cause.location)
      }
    }
    for step in kb.steps.values {
      for fact in Template.factNames(in: step.title + step.text + step.verify + step.rollback) {
        report(fact, usedIn: "step '\(step.id)'", at: step.location)
      }
    }
    return found
  }
}
