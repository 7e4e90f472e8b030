/// A loaded knowledge base: an immutable value with a content digest.
public struct KnowledgeBase: Sendable {
  /// ID, version and digest: what reports and journals record.
  public struct Identity: Hashable, Sendable, Codable {
    public var id: String
    public var version: String
    /// SHA-256 of the files' names and bytes.
    public var digest: String

    public init(id: String, version: String, digest: String) {
      self.id = id
      self.version = version
      self.digest = digest
    }
  }

  public var identity: Identity
  public var title: String
  /// The first node.
  public var start: String
  /// Nodes by ID.
  public var nodes: [String: Node]
  /// Node IDs in the order they are written (files sorted by name).
  public var nodeOrder: [String]
  public var causes: [String: Cause]
  public var causeOrder: [String]
  public var steps: [String: RemediationStep]
  public var references: [String: Reference]
  /// Facts computed from others, in written order (files sorted by name).
  public var computed: [ComputedFact] = []
  /// Where `start` is written.
  public var startLocation: SourceLocation

  /// The questions, by ID.
  public var questions: [String: QuestionNode] {
    nodes.compactMapValues { node in
      if case .question(let question) = node { return question }
      return nil
    }
  }

  /// Questions in written order.
  public var orderedQuestions: [QuestionNode] {
    nodeOrder.compactMap { id in
      if case .question(let question)? = nodes[id] { return question }
      return nil
    }
  }

  /// Decisions in written order.
  public var orderedDecisions: [DecisionNode] {
    nodeOrder.compactMap { id in
      if case .decision(let decision)? = nodes[id] { return decision }
      return nil
    }
  }

  /// Former question IDs, each to the question that now has it.
  public var questionAliases: [String: String] {
    var aliases: [String: String] = [:]
    for question in orderedQuestions {
      for alias in question.aliases where aliases[alias] == nil { aliases[alias] = question.id }
    }
    return aliases
  }
}
