/// The whole decision tree as a graph, for `kb graph`: Mermaid for Markdown viewers, DOT for Graphviz.
public enum KnowledgeBaseGraph {
  /// The output formats.
  public enum Format: String, CaseIterable, Sendable {
    case mermaid, dot
  }

  /// One edge: from, to, and its label (a choice, a condition, `unknown`, `otherwise`).
  public struct Edge: Hashable, Sendable {
    /// The node the edge leaves.
    public var from: String
    /// The node it leads to.
    public var to: String
    /// What takes it: a choice, a condition, `otherwise`.
    public var label: String
  }

  /// Every edge, in the knowledge base's order; parallel edges with the same target are merged.
  public static func edges(of kb: KnowledgeBase) -> [Edge] {
    var edges: [Edge] = []
    for id in kb.nodeOrder {
      switch kb.nodes[id] {
      case .question(let question)?:
        var labels: [(String, [String])] = []
        func add(_ target: String, _ label: String) {
          if let index = labels.firstIndex(where: { $0.0 == target }) {
            labels[index].1.append(label)
          } else {
            labels.append((target, [label]))
          }
        }
        for choice in question.choices {
          add(
            question.route(
              for: question.type == .yesNo ? .bool(choice.value == "yes") : .string(choice.value)
            ).next, choice.value)
        }
        if question.choices.isEmpty, let next = question.next {
          add(next.next, question.type == .number ? "number" : "text")
        }
        add(question.unknown.next, "unknown")
        edges += labels.map { Edge(from: id, to: $0.0, label: $0.1.joined(separator: ", ")) }
      case .decision(let decision)?:
        edges += decision.branches.map { Edge(from: id, to: $0.route.next, label: $0.text) }
        edges.append(Edge(from: id, to: decision.otherwise.next, label: "otherwise"))
      case .probe(let probe)?:
        if probe.next.next == probe.skipped.next {
          edges.append(Edge(from: id, to: probe.next.next, label: "ran, skipped"))
        } else {
          edges.append(Edge(from: id, to: probe.next.next, label: "ran"))
          edges.append(Edge(from: id, to: probe.skipped.next, label: "skipped"))
        }
      case .conclusion?, nil:
        break
      }
    }
    return edges
  }

  /// The graph as text.
  public static func render(_ kb: KnowledgeBase, format: Format) -> String {
    switch format {
    case .mermaid: return mermaid(kb)
    case .dot: return dot(kb)
    }
  }

  private static func mermaid(_ kb: KnowledgeBase) -> String {
    func name(_ id: String) -> String { "n_" + id.replacingOccurrences(of: "-", with: "_") }
    var lines = ["flowchart TD"]
    for id in kb.nodeOrder {
      let label = MarkdownEscaping.mermaidLabel(id)
      switch kb.nodes[id] {
      case .question?: lines.append("  \(name(id))[\"\(label)\"]")
      case .decision?: lines.append("  \(name(id)){\"\(label)\"}")
      case .probe?: lines.append("  \(name(id))[[\"\(label)\"]]")
      case .conclusion(let conclusion)?:
        lines.append("  \(name(id))([\"\(label)\"])")
        lines.append("  class \(name(id)) \(conclusion.outcome.rawValue)")
      case nil: break
      }
    }
    for edge in edges(of: kb) {
      lines.append(
        "  \(name(edge.from)) -->|\"\(MarkdownEscaping.mermaidLabel(edge.label))\"| \(name(edge.to))"
      )
    }
    lines.append("  classDef diagnosed stroke-width:3px")
    lines.append("  classDef inconclusive stroke-dasharray: 5 5")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func dot(_ kb: KnowledgeBase) -> String {
    func quoted(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
          of: "\"", with: "\\\"") + "\""
    }
    var lines = [
      "digraph \(quoted(kb.identity.id)) {", "  rankdir=TB;", "  node [fontname=\"Helvetica\"];",
    ]
    for id in kb.nodeOrder {
      switch kb.nodes[id] {
      case .question?: lines.append("  \(quoted(id)) [shape=box];")
      case .decision?: lines.append("  \(quoted(id)) [shape=diamond];")
      case .probe?: lines.append("  \(quoted(id)) [shape=component];")
      case .conclusion(let conclusion)?:
        let style = conclusion.outcome == .diagnosed ? "bold" : "dashed"
        lines.append("  \(quoted(id)) [shape=ellipse, style=\(style)];")
      case nil: break
      }
    }
    for edge in edges(of: kb) {
      lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to)) [label=\(quoted(edge.label))];")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
