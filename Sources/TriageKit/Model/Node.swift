/// Any node of the knowledge base.
public enum Node: Hashable, Sendable {
  case question(QuestionNode)
  case decision(DecisionNode)
  case conclusion(ConclusionNode)
  case probe(ProbeNode)

  /// The node as the engine walks it.
  public var flow: any FlowNode {
    switch self {
    case .question(let node): return node
    case .decision(let node): return node
    case .conclusion(let node): return node
    case .probe(let node): return node
    }
  }

  /// The node's ID.
  public var id: String { flow.id }

  /// Which kind of node it is.
  public var kind: NodeKind {
    switch self {
    case .question: return .question
    case .decision: return .decision
    case .conclusion: return .conclusion
    case .probe: return .probe
    }
  }

  /// The kind's name, as the YAML writes it.
  public var kindName: String { kind.rawValue }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Node: Codable {}
