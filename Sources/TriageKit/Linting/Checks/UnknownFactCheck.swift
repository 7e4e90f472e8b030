/// Conditions, templates and computed facts may only name facts some question sets, a computed fact,
/// or a fact an evidence importer or a probe declares (a namespaced name such as `tcp.syn-sent`,
/// checked exactly against the knowledge base's ``Vocabulary``; without one, any namespaced name
/// passes).
struct UnknownFactCheck: LintCheck {
  let name = "unknown-fact"

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    let known = Set(kb.questions.values.map(\.fact)).union(kb.computed.map(\.id))
    let candidates = known.sorted()
    var found: [Diagnostic] = []
    func report(_ fact: String, usedIn place: String, at location: SourceLocation?) {
      guard !known.contains(fact) else { return }
      var message: String
      let suggestion: String?
      if fact.contains(".") {
        guard let vocabulary = kb.vocabulary, !vocabulary.declares(fact) else { return }
        message = "\(place) uses fact '\(fact)', which no evidence importer or probe declares"
        suggestion = vocabulary.suggestion(for: fact)
      } else {
        message = "\(place) uses fact '\(fact)', which no question or computed fact sets"
        suggestion = NearestMatch.suggestion(for: fact, among: candidates)
      }
      if let suggestion { message += " (did you mean '\(suggestion)'?)" }
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
        for rule in question.inferences {
          for fact in Set(rule.condition.factNames + (rule.from.map { [$0] } ?? [])).sorted() {
            report(
              fact, usedIn: "'infer' rule '\(rule.text)' of question '\(id)'", at: rule.location)
          }
        }
      case .conclusion(let conclusion)?:
        for fact in Template.factNames(in: conclusion.title + conclusion.text) {
          report(fact, usedIn: "conclusion '\(id)'", at: conclusion.location)
        }
      case .probe(let probe)?:
        for fact in probe.argumentFacts + Template.factNames(in: probe.why) {
          report(fact, usedIn: "probe step '\(id)'", at: probe.location)
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
      for fact in Set(step.condition?.factNames ?? []).sorted() {
        report(fact, usedIn: "'when' of step '\(step.id)'", at: step.location)
      }
    }
    for computed in kb.computed {
      for fact in computed.expression.factNames {
        report(fact, usedIn: "computed fact '\(computed.id)'", at: computed.location)
      }
      for fact in Template.factNames(in: computed.label + (computed.note ?? "")) {
        report(fact, usedIn: "computed fact '\(computed.id)'", at: computed.location)
      }
    }
    return found
  }
}
