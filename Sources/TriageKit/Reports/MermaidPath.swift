/// The path a session took, as a Mermaid flowchart.
public enum MermaidPath {
  /// Flowchart lines (without the fence and header); `fill` fills a text's `{{fact}}` templates.
  public static func lines(
    visited: [String], steps: [PathStep], knowledgeBase: KnowledgeBase, pending: QuestionNode?,
    fill: (String) -> String = { $0 }
  )
    -> [String]
  {
    var lines: [String] = []
    var declared: Set<String> = []
    func name(_ id: String) -> String { "n_" + id.replacingOccurrences(of: "-", with: "_") }
    func declare(_ id: String) {
      guard declared.insert(id).inserted, let node = knowledgeBase.nodes[id] else { return }
      let label: String
      switch node {
      case .question(let question): label = "\(id): \(short(fill(question.ask)))"
      case .decision: label = id
      case .conclusion(let conclusion): label = "\(id): \(short(fill(conclusion.title)))"
      case .probe(let probe): label = "\(id): probe \(probe.probe)"
      }
      let text = MarkdownEscaping.mermaidLabel(label)
      switch node {
      case .question: lines.append("  \(name(id))[\"\(text)\"]")
      case .decision: lines.append("  \(name(id)){\"\(text)\"}")
      case .conclusion: lines.append("  \(name(id))([\"\(text)\"])")
      case .probe: lines.append("  \(name(id))[[\"\(text)\"]]")
      }
    }
    for id in visited { declare(id) }
    for (index, step) in steps.enumerated() where index + 1 < visited.count {
      let from = visited[index]
      let to = visited[index + 1]
      let label: String
      switch step {
      case .answered(let question, let value, _, _):
        label = knowledgeBase.questions[question]?.display(value) ?? value.display
      case .decided(_, let condition):
        label = condition ?? "otherwise"
      case .concluded:
        label = ""
      case .probed(_, _, let ran):
        label = ran ? "ran" : "skipped"
      }
      lines.append(
        "  \(name(from)) -->|\"\(MarkdownEscaping.mermaidLabel(short(label)))\"| \(name(to))")
    }
    if let last = visited.last {
      if pending != nil {
        lines.append("  style \(name(last)) stroke-dasharray: 5 5")
      } else {
        lines.append("  style \(name(last)) stroke-width:3px")
      }
    }
    return lines
  }

  private static func short(_ text: String) -> String {
    let line = String(text.split(separator: "\n").first ?? "")
    return line.count > 60 ? String(line.prefix(57)) + "..." : line
  }
}
