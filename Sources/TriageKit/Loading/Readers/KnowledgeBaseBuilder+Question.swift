// Reads `kind: question` nodes, with their choices and `infer:` rules.
extension KnowledgeBaseBuilder {
  mutating func readQuestion(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let typeName = reader.string("type")
    let ask = reader.string("ask")
    let why = reader.string("why")
    let fact = reader.string("fact", required: false) ?? id
    let next = readRoute(reader.optional("next"), context: "'next' of \(context)")
    var unknown = readRoute(reader.optional("unknown"), context: "'unknown' of \(context)")
    let minimum = reader.number("min")
    let maximum = reader.number("max")
    let unit = reader.string("unit", required: false)
    let defaultValue = reader.optional("default")
    let choiceValues = reader.optional("choices")
    let inferValues = reader.optional("infer")
    let effort = readEnum(
      Effort.self, reader.string("effort", required: false), key: "effort", of: context,
      at: reader.optional("effort")?.location)
    let aliases = reader.stringList("aliases").map(\.0)
    let askWhen = readCondition(
      reader.string("ask-when", required: false), key: "ask-when", of: context,
      at: reader.optional("ask-when"), or: reader.location)
    guard let typeName else { return nil }
    guard let type = QuestionNode.AnswerType(rawValue: typeName) else {
      let message =
        "unknown question type '\(typeName)' in \(context)"
        + NearestMatch.hint(for: typeName, among: QuestionNode.AnswerType.allCases.map(\.rawValue))
      diagnostics.append(
        Diagnostic(.error, message, at: reader.optional("type")?.location ?? reader.location))
      return nil
    }
    if !KnowledgeBaseLoader.isKebabCase(fact) {
      diagnostics.append(
        Diagnostic(
          .error, "fact name '\(fact)' of \(context) is not kebab-case", at: reader.location))
    }
    var choices: [QuestionNode.Choice] = []
    if let choiceValues {
      if type == .number || type == .text {
        diagnostics.append(
          Diagnostic(
            .error, "\(type.rawValue) question '\(id)' cannot have 'choices'",
            at: choiceValues.location))
      } else if let items = choiceValues.items {
        for item in items {
          if let choice = readChoice(item, context: context) { choices.append(choice) }
        }
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "expected 'choices' of \(context) to be a list, found \(choiceValues.kindName)",
            at: choiceValues.location))
      }
    }
    var seen: Set<String> = []
    for choice in choices {
      if !seen.insert(choice.value.lowercased()).inserted {
        diagnostics.append(
          Diagnostic(
            .error, "duplicate choice value '\(choice.value)' in \(context)", at: choice.location))
      }
      if choice.value.lowercased() == "unknown" {
        diagnostics.append(
          Diagnostic(
            .error,
            "choice value 'unknown' is reserved (every question accepts unknown) in \(context)",
            at: choice.location))
      }
      if type == .yesNo, choice.value != "yes", choice.value != "no" {
        diagnostics.append(
          Diagnostic(
            .error, "yes-no question '\(id)' has choice '\(choice.value)' (expected 'yes' or 'no')",
            at: choice.location))
      }
    }
    switch type {
    case .choice where choices.isEmpty && choiceValues != nil,
      .multipleChoice where choices.isEmpty && choiceValues != nil:
      break
    case .choice where choices.isEmpty, .multipleChoice where choices.isEmpty:
      diagnostics.append(
        Diagnostic(.error, "choice question '\(id)' lacks 'choices'", at: reader.location))
    case .yesNo:
      for value in ["yes", "no"] where !choices.contains(where: { $0.value == value }) {
        choices.append(
          QuestionNode.Choice(
            value: value, label: value, help: nil, next: nil, support: .none,
            location: reader.location))
      }
      choices.sort { $0.value == "yes" && $1.value == "no" }
    default:
      break
    }
    let everyChoiceRoutes =
      (type == .choice || type == .multipleChoice || type == .yesNo) && !choices.isEmpty
      && choices.allSatisfy { $0.next != nil }
    if next == nil && !everyChoiceRoutes {
      diagnostics.append(
        Diagnostic(
          .error, "question '\(id)' lacks 'next' (needed unless every choice has its own 'next')",
          at: reader.location))
    }
    if unknown == nil {
      if let next {
        unknown = Route(next: next.next, location: next.location)
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "question '\(id)' lacks 'unknown': say where an answer of unknown leads",
            at: reader.location))
      }
    }
    for (key, bound) in [("min", minimum), ("max", maximum)]
    where bound.map({ !$0.isFinite }) == true {
      diagnostics.append(
        Diagnostic(
          .error, "'\(key)' of question '\(id)' must be a finite number",
          at: reader.optional(key)?.location ?? reader.location))
    }
    if let minimum, let maximum, minimum > maximum {
      diagnostics.append(
        Diagnostic(
          .error,
          "'min' (\(FactValue.format(minimum))) of question '\(id)' is above its 'max' (\(FactValue.format(maximum))): no answer could fit",
          at: reader.optional("min")?.location ?? reader.location))
    }
    if minimum != nil || maximum != nil || unit != nil, type != .number {
      diagnostics.append(
        Diagnostic(
          .error,
          "'min', 'max' and 'unit' only apply to number questions ('\(id)' is \(type.rawValue))",
          at: reader.location))
    }
    var parsedDefault: FactValue?
    if let defaultValue {
      let question = QuestionNode(
        id: id, location: reader.location, type: type, ask: ask ?? "", why: why ?? "", fact: fact,
        choices: choices,
        next: next, unknown: unknown ?? Route(next: id, location: reader.location),
        defaultValue: nil,
        minimum: minimum, maximum: maximum, unit: unit)
      switch AnswerInterpreter.interpret(defaultValue, for: question) {
      case .success(let value): parsedDefault = value
      case .failure(let problem):
        diagnostics.append(
          Diagnostic(.error, "default of \(context): \(problem.message)", at: defaultValue.location)
        )
      }
    }
    guard let ask, let why, let unknown else { return nil }
    var question = QuestionNode(
      id: id, location: reader.location, type: type, ask: ask, why: why, fact: fact,
      choices: choices, next: next,
      unknown: unknown, defaultValue: parsedDefault, minimum: minimum, maximum: maximum,
      unit: unit)
    if let inferValues {
      question.inferences = readInferences(inferValues, for: question, context: context)
    }
    question.effort = effort ?? .caller
    question.askWhen = askWhen
    question.aliases = aliases
    return .question(question)
  }

  private mutating func readChoice(_ value: YAMLValue, context: String) -> QuestionNode.Choice? {
    guard
      var reader = MappingReader(
        value, context: "a choice of \(context)", diagnostics: &diagnostics)
    else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    let choiceValue = reader.string("value")
    let label = reader.string("label", required: false)
    let help = reader.string("help", required: false)
    let next = reader.string("next", required: false)
    let support = readSupport(reader.optional("support"), context: "a choice of \(context)")
    let aliases = reader.stringList("aliases").map(\.0)
    let notKnown = reader.optional("not-known")?.bool ?? false
    guard let choiceValue else { return nil }
    var choice = QuestionNode.Choice(
      value: choiceValue, label: label ?? choiceValue, help: help, next: next, support: support,
      location: reader.location)
    choice.aliases = aliases
    choice.notKnown = notKnown
    return choice
  }

  /// `infer: [{when: CONDITION, answer: VALUE}]`.
  private mutating func readInferences(
    _ value: YAMLValue, for question: QuestionNode, context: String
  ) -> [Inference] {
    guard let items = value.items else {
      diagnostics.append(
        Diagnostic(
          .error, "expected 'infer' of \(context) to be a list, found \(value.kindName)",
          at: value.location))
      return []
    }
    var rules: [Inference] = []
    for item in items {
      guard
        var rule = MappingReader(
          item, context: "an 'infer' rule of \(context)", diagnostics: &diagnostics)
      else { continue }
      let text = rule.string("when")
      let whenValue = rule.optional("when")
      let answer = rule.optional("answer")
      let from = rule.string("from", required: false)
      if (answer == nil) == (from == nil) {
        diagnostics.append(
          Diagnostic(
            .error, "an 'infer' rule of \(context) needs exactly one of 'answer' and 'from'",
            at: rule.location))
      }
      _ = rule.string("because", required: false)
      rule.finish()
      diagnostics += rule.diagnostics
      guard let text, answer != nil || from != nil else { continue }
      var parsed: FactValue? = from != nil ? .unknown : nil
      if let answer {
        switch AnswerInterpreter.interpret(answer, for: question) {
        case .success(let value): parsed = value
        case .failure(let problem):
          diagnostics.append(
            Diagnostic(
              .error, "'infer' answer of \(context): \(problem.message)", at: answer.location))
        }
      }
      if let condition = self.parsed(
        text, at: whenValue, or: rule.location, "condition", ConditionParser.parse),
        let parsed
      {
        rules.append(
          Inference(
            condition: condition, text: text, value: parsed, from: from,
            location: whenValue?.location ?? rule.location))
      }
    }
    return rules
  }
}
