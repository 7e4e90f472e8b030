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

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension RemediationStep: Codable {}
extension RemediationStep.Phase: Codable {}
extension RemediationStep.Risk: Codable {}
