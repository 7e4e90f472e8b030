/// Writes answer files, such as `.save answers` does: a file that replays to the same report.
public enum AnswerFileWriter {
  /// The YAML text.
  ///
  /// - Parameters:
  ///   - answers: question and value, in path order.
  ///   - source: how a replay labels the answers (`user` when a person gave them).
  public static func render(
    knowledgeBase: KnowledgeBase, answers: [(question: String, value: FactValue)], notes: [String],
    source: Provenance.Source, missing: AnswerFile.MissingPolicy = .error
  ) -> String {
    var lines = [
      "# NetTriage answers: replay with `nettriage run --answers FILE`.",
      "nettriage: \(AnswerFile.schema)",
      "kb: \(knowledgeBase.identity.id)",
      "missing: \(missing.rawValue)",
      "source: \(source.rawValue)",
    ]
    lines.append(answers.isEmpty ? "answers: {}" : "answers:")
    for answer in answers {
      if let question = knowledgeBase.questions[answer.question] {
        let ask = question.ask.split(separator: "\n").first.map(String.init) ?? ""
        lines.append("  # \(ask)")
      }
      lines.append("  \(answer.question): \(yaml(answer.value))")
    }
    if !notes.isEmpty {
      lines.append("notes:")
      for note in notes {
        lines.append("  - \(quoted(note))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func yaml(_ value: FactValue) -> String {
    switch value {
    case .bool(let flag): return flag ? "yes" : "no"
    case .number(let number): return FactValue.format(number)
    case .string(let text): return quoted(text)
    case .unknown: return "unknown"
    }
  }

  /// A double-quoted YAML scalar: always valid, whatever the text holds.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
