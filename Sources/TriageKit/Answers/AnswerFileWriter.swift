/// Writes answer files, such as `.save answers` does: a file that replays to the same report.
public enum AnswerFileWriter {
  /// The YAML text.
  ///
  /// - Parameters:
  ///   - answers: question and value, in path order.
  ///   - source: how a replay labels the answers (`user` when a person gave them).
  public static func render(
    knowledgeBase: KnowledgeBase, answers: [(question: String, value: FactValue)], notes: [String],
    source: Provenance.Source, missing: AnswerFile.MissingPolicy = .error,
    evidence: [(file: String, kind: String)] = [], probes: AnswerFile.ProbePolicy? = nil
  ) -> String {
    var lines = [
      "# NetTriage answers: replay with `nettriage run --answers FILE`.",
      "nettriage: \(AnswerFile.schema)",
      "kb: \(knowledgeBase.identity.id)",
      "missing: \(missing.rawValue)",
      "source: \(source.rawValue)",
    ]
    switch probes {
    case .run?: lines.append("probes: run")
    case .skip?: lines.append("probes: skip")
    case .replay(let file)?: lines.append("probes: \(quoted("replay " + file))")
    case nil: break
    }
    if !evidence.isEmpty {
      lines.append("evidence:")
      for entry in evidence {
        lines.append("  - { file: \(quoted(entry.file)), kind: \(quoted(entry.kind)) }")
      }
    }
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
    case .list(let values): return "[" + values.map(quoted).joined(separator: ", ") + "]"
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
        // YAML refuses raw C0 and C1 controls, and readers fold NEL and the Unicode line and
        // paragraph separators into spaces: escape them all.
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
          || value == 0xFEFF
        {
          let hex = String(value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
