import Foundation

/// Turns what a person types, or what an answer file holds, into a fact value for a question.
public enum AnswerInterpreter {
  /// Words that mean "I don't know" at the prompt; `unknown` is the canonical one.
  public static let unknownWords: Set<String> = ["unknown", "dont know", "don't know", "n/a"]

  /// Interprets a typed line.
  ///
  /// Choices match by number (1-based, with `unknown` numbered last), by value or label
  /// (case-insensitive), or by a unique prefix of either.
  public static func interpret(typed raw: String, for question: QuestionNode) -> Result<
    FactValue, AnswerProblem
  > {
    let text = raw.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return .failure(AnswerProblem("type an answer, or unknown")) }
    let lowered = text.lowercased()
    if unknownWords.contains(lowered) { return .success(.unknown) }
    switch question.type {
    case .choice, .yesNo:
      if let index = Int(text) {
        if index == question.choices.count + 1 { return .success(.unknown) }
        if index >= 1, index <= question.choices.count {
          return .success(value(of: question.choices[index - 1], in: question))
        }
        if question.type == .yesNo || !question.choices.contains(where: { $0.value == text }) {
          return .failure(
            AnswerProblem(
              "'\(VisibleText.excerpt(text))' is not a choice number (1 to \(question.choices.count + 1))"
            ))
        }
      }
      if question.type == .yesNo {
        switch lowered {
        case "y", "yes", "true": return .success(.bool(true))
        case "n", "no", "false": return .success(.bool(false))
        default: break
        }
      }
      return matchChoice(text, in: question, allowPrefix: true)
    case .multipleChoice:
      // "1, 3", "53 1203" or "53,1203": each part one choice, in any order.
      let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
      var picked: [String] = []
      for part in parts {
        let single = QuestionNode(
          id: question.id, location: question.location, type: .choice, ask: question.ask,
          why: question.why, fact: question.fact, choices: question.choices, next: question.next,
          unknown: question.unknown)
        switch interpret(typed: part, for: single) {
        case .success(.string(let value)): picked.append(value)
        case .success: return .failure(AnswerProblem("'unknown' cannot be mixed with choices"))
        case .failure(let problem): return .failure(problem)
        }
      }
      return .success(.list(question.choices.map(\.value).filter(picked.contains)))
    case .number:
      return number(text, for: question)
    case .text:
      if let problem = lengthProblem(text) { return .failure(problem) }
      return .success(.string(text))
    }
  }

  /// Why `text` is too long for a text answer or a note (``InputLimits/textAnswerBytes``), or
  /// `nil` when it fits.
  public static func lengthProblem(_ text: String) -> AnswerProblem? {
    let bytes = text.utf8.count
    guard bytes > InputLimits.textAnswerBytes else { return nil }
    return AnswerProblem(
      "the text is \(bytes) bytes; a text answer or note holds at most \(InputFile.size(InputLimits.textAnswerBytes)) (give long output as evidence)"
    )
  }

  /// Interprets a value from YAML (an answer file or a question's default): strict, no numbers
  /// for choices and no prefixes.
  static func interpret(_ value: YAMLValue, for question: QuestionNode) -> Result<
    FactValue, AnswerProblem
  > {
    if question.type == .multipleChoice {
      // A list of values, or one value (a question that used to take one choice keeps its files).
      let items = value.items ?? [value]
      var picked: [String] = []
      for item in items {
        guard let text = item.scalarText, !item.isNull else {
          return .failure(
            AnswerProblem("expected \(expectation(for: question)), found \(item.kindName)"))
        }
        if text.lowercased() == "unknown", items.count == 1 { return .success(.unknown) }
        switch matchChoice(text, in: question, allowPrefix: false) {
        case .success(.string(let choice)): picked.append(choice)
        case .success: break
        case .failure(let problem): return .failure(problem)
        }
      }
      return .success(.list(question.choices.map(\.value).filter(picked.contains)))
    }
    guard let text = value.scalarText, !value.isNull else {
      return .failure(
        AnswerProblem("expected \(expectation(for: question)), found \(value.kindName)"))
    }
    if text.lowercased() == "unknown" { return .success(.unknown) }
    switch question.type {
    case .yesNo:
      if let flag = value.bool { return .success(.bool(flag)) }
      switch text.lowercased() {
      case "yes", "true": return .success(.bool(true))
      case "no", "false": return .success(.bool(false))
      default:
        return .failure(
          AnswerProblem("expected yes, no or unknown, found '\(VisibleText.excerpt(text))'"))
      }
    case .choice, .multipleChoice:
      return matchChoice(text, in: question, allowPrefix: false)
    case .number:
      return number(text, for: question)
    case .text:
      if let problem = lengthProblem(text) { return .failure(problem) }
      return .success(.string(text))
    }
  }

  /// What a question accepts, in words.
  public static func expectation(for question: QuestionNode) -> String {
    switch question.type {
    case .choice:
      return "one of " + question.choices.map { "'\($0.value)'" }.joined(separator: ", ")
        + " or 'unknown'"
    case .multipleChoice:
      return "one or more of " + question.choices.map { "'\($0.value)'" }.joined(separator: ", ")
        + " (a list), or 'unknown'"
    case .yesNo: return "yes, no or unknown"
    case .number:
      var bounds = ""
      if let minimum = question.minimum, let maximum = question.maximum {
        bounds = " from \(FactValue.format(minimum)) to \(FactValue.format(maximum))"
      } else if let minimum = question.minimum {
        bounds = " of at least \(FactValue.format(minimum))"
      } else if let maximum = question.maximum {
        bounds = " of at most \(FactValue.format(maximum))"
      }
      return "a number\(bounds) or unknown"
    case .text: return "text or unknown"
    }
  }

  private static func value(of choice: QuestionNode.Choice, in question: QuestionNode) -> FactValue
  {
    question.type == .yesNo ? .bool(choice.value == "yes") : .string(choice.value)
  }

  private static func matchChoice(_ text: String, in question: QuestionNode, allowPrefix: Bool)
    -> Result<FactValue, AnswerProblem>
  {
    let lowered = text.lowercased()
    if let exact = question.choices.first(where: {
      $0.value.lowercased() == lowered || $0.label.lowercased() == lowered
        || $0.aliases.contains { $0.lowercased() == lowered }
    }) {
      return .success(value(of: exact, in: question))
    }
    if allowPrefix {
      let matches = question.choices.filter {
        $0.value.lowercased().hasPrefix(lowered) || $0.label.lowercased().hasPrefix(lowered)
      }
      if matches.count == 1 { return .success(value(of: matches[0], in: question)) }
      if "unknown".hasPrefix(lowered), matches.isEmpty { return .success(.unknown) }
      if matches.count > 1 {
        let names = matches.map { "'\($0.value)'" }.joined(separator: ", ")
        return .failure(
          AnswerProblem(
            "'\(VisibleText.excerpt(text))' matches several choices: \(names); type more of it"))
      }
    }
    var message =
      "'\(VisibleText.excerpt(text))' is not a choice; expected \(expectation(for: question))"
    let candidates = question.choices.map(\.value) + question.choices.map(\.label)
    if let suggestion = NearestMatch.suggestion(for: text, among: candidates) {
      message =
        "'\(VisibleText.excerpt(text))' is not a choice (did you mean '\(suggestion)'?); expected \(expectation(for: question))"
    }
    return .failure(AnswerProblem(message))
  }

  private static func number(_ text: String, for question: QuestionNode) -> Result<
    FactValue, AnswerProblem
  > {
    // People type thousands separators ("1,214") and units ("500 hosts").
    var cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(
      of: "_", with: "")
    if let unit = question.unit, cleaned.lowercased().hasSuffix(unit.lowercased()) {
      cleaned = String(cleaned.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
    }
    guard let value = Double(cleaned), value.isFinite else {
      return .failure(
        AnswerProblem(
          "expected \(expectation(for: question)), found '\(VisibleText.excerpt(text))'"))
    }
    if let minimum = question.minimum, value < minimum {
      return .failure(
        AnswerProblem(
          "\(FactValue.format(value)) is below the minimum \(FactValue.format(minimum))"))
    }
    if let maximum = question.maximum, value > maximum {
      return .failure(
        AnswerProblem(
          "\(FactValue.format(value)) is above the maximum \(FactValue.format(maximum))"))
    }
    return .success(.number(value))
  }
}
