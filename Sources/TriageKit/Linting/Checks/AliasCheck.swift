/// Former IDs and values (`aliases:`) stay unambiguous: an old answer file must mean one thing.
///
/// A question's alias may not be any node's ID or another question's alias; a choice's alias may
/// not be a value or another alias of the same question.
struct AliasCheck: LintCheck {
  let name = "alias"

  func check(_ knowledgeBase: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    var owners: [String: String] = [:]
    for question in knowledgeBase.orderedQuestions {
      for alias in question.aliases {
        if knowledgeBase.nodes[alias] != nil {
          found.append(
            Diagnostic(
              .error, "alias '\(alias)' of question '\(question.id)' is the ID of a node",
              at: question.location))
        } else if let owner = owners[alias] {
          found.append(
            Diagnostic(
              .error,
              "alias '\(alias)' of question '\(question.id)' is already an alias of '\(owner)'",
              at: question.location))
        } else {
          owners[alias] = question.id
        }
      }
      var values = Set(question.choices.map(\.value))
      for choice in question.choices {
        for alias in choice.aliases where !values.insert(alias).inserted {
          found.append(
            Diagnostic(
              .error,
              "alias '\(alias)' of choice '\(choice.value)' in question '\(question.id)' is "
                + "already a value or alias of that question",
              at: choice.location))
        }
      }
    }
    return found
  }
}
