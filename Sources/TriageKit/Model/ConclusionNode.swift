/// The end of a path: an outcome, a text, and the causes it points to.
public struct ConclusionNode: FlowNode, Hashable {
  /// How a session that ends here is classified (and its exit code).
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// A cause was found; exit 0.
    case diagnosed
    /// The path ends without a cause; exit 1.
    case inconclusive
  }

  /// A cause this conclusion points to, with the certainty reaching it adds.
  public struct CauseLink: Hashable, Sendable {
    /// The cause's ID.
    public var cause: String
    /// The certainty factor reaching this conclusion adds to it.
    public var certainty: Double
    /// Where it is written.
    public var location: SourceLocation
  }

  /// The node's ID.
  public var id: String
  /// Where it is written.
  public var location: SourceLocation
  /// Diagnosed or inconclusive.
  public var outcome: Outcome
  /// The headline.
  public var title: String
  /// The explanation, Markdown with templates.
  public var text: String
  /// The causes, in the order written.
  public var causes: [CauseLink]

  /// None: the walk ends here.
  public var routes: [Route] { [] }

  /// Ends the walk with this conclusion.
  public func resolve(in context: ResolutionContext) -> NodeResolution {
    .conclude(self)
  }
}

/// A cause of the fault, referenced by conclusions and by support.
public struct Cause: Hashable, Sendable {
  /// Stable ID, named by reports.
  public var id: String
  /// The headline.
  public var title: String
  /// The mechanism in plain words, Markdown.
  public var summary: String
  /// Remediation step IDs, in order.
  public var plan: [String]
  /// Reference IDs.
  public var references: [String]
  /// Where it is written.
  public var location: SourceLocation
  /// What must hold for the cause to be established (`requires:`): while it is undecided or
  /// false the cause may lead the differential but is not diagnosed — an ISA limit needs an ISA
  /// on the path.
  public var requires: WrittenCondition? = nil
}

/// One remediation step: what to do, its risk, who may do it, how to check and undo it.
public struct RemediationStep: Hashable, Sendable {
  /// The phases of a plan, in the order they are carried out.
  public enum Phase: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Make sure of the cause before changing anything.
    case confirm
    /// Get the change approved.
    case approve
    /// What must be in place before the change.
    case prepare
    /// The change itself.
    case change
    /// Put the change into effect (restart, reload, apply).
    case apply
    /// Check that it worked.
    case verify
    /// Other ways, when the change cannot be made.
    case alternatives

    /// Phases compare in the order they are carried out.
    public static func < (lhs: Phase, rhs: Phase) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  /// The levels of risk a step can carry.
  public enum Risk: String, Hashable, Sendable, CaseIterable {
    case low, medium, high
  }

  /// The step's ID.
  public var id: String
  /// What to do, one line.
  public var title: String
  /// What to do, Markdown with templates.
  public var text: String
  /// How much it can break.
  public var risk: Risk
  /// The permission it needs.
  public var permission: String
  /// How to verify it worked.
  public var verify: String
  /// How to roll it back.
  public var rollback: String
  /// IDs of references that back it.
  public var references: [String]
  /// Where it is written.
  public var location: SourceLocation
  /// Where the step stands in a plan that merges several causes' steps.
  public var phase: Phase = .change
  /// When it holds, the step is shown as done (`done-when:`), with `doneText` saying what
  /// confirmed it.
  public var done: WrittenCondition? = nil
  /// What confirmed the step, Markdown with templates (`done:`).
  public var doneText: String? = nil
  /// When set, the step is in a plan only when this holds (`when:`), so a step that shows computed
  /// numbers can stand beside a general one for when they are not known.
  public var condition: Condition? = nil
  /// The `when:` text.
  public var conditionText: String? = nil
}

/// A source the knowledge base cites.
public struct Reference: Hashable, Sendable {
  /// The reference's ID.
  public var id: String
  /// Its title as cited.
  public var title: String
  /// Where to read it, when it is online.
  public var url: String?
  /// Where it is written.
  public var location: SourceLocation
}

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

  /// The kind's name, as the YAML writes it.
  public var kindName: String {
    switch self {
    case .question: return "question"
    case .decision: return "decision"
    case .conclusion: return "conclusion"
    case .probe: return "probe"
    }
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension ConclusionNode: Codable {}
extension ConclusionNode.CauseLink: Codable {}
extension Cause: Codable {}
extension RemediationStep: Codable {}
extension RemediationStep.Phase: Codable {}
extension RemediationStep.Risk: Codable {}
extension Reference: Codable {}
extension Node: Codable {}
