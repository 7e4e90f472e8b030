/// A loaded knowledge base: an immutable value with a content digest.
public struct KnowledgeBase: Sendable {
  /// ID, version and digest: what reports and journals record.
  public struct Identity: Hashable, Sendable, Codable {
    /// The manifest's `id`.
    public var id: String
    /// The manifest's `version`.
    public var version: String
    /// SHA-256 of the files' names and bytes.
    public var digest: String

    /// An identity.
    public init(id: String, version: String, digest: String) {
      self.id = id
      self.version = version
      self.digest = digest
    }
  }

  /// ID, version and digest.
  public var identity: Identity
  /// The manifest's title.
  public var title: String
  /// The first node.
  public var start: String { didSet { indexCache = KnowledgeBaseIndexCache() } }
  /// Nodes by ID.
  public var nodes: [String: Node] { didSet { indexCache = KnowledgeBaseIndexCache() } }
  /// Node IDs in the order they are written (files sorted by name).
  public var nodeOrder: [String] { didSet { indexCache = KnowledgeBaseIndexCache() } }
  /// Causes by ID.
  public var causes: [String: Cause]
  /// Cause IDs in written order.
  public var causeOrder: [String]
  /// Remediation steps by ID.
  public var steps: [String: RemediationStep]
  /// References by ID.
  public var references: [String: Reference]
  /// Facts computed from others, in written order (files sorted by name).
  public var computed: [ComputedFact] = [] {
    didSet { indexCache = KnowledgeBaseIndexCache() }
  }
  /// Where `start` is written.
  public var startLocation: SourceLocation
  /// The facts and probes of evidence and probes it was loaded with; `nil` when loaded without one
  /// (then evidence and probe names are not checked).
  public var vocabulary: Vocabulary?
  /// The lookups the engine needs at every step, built on first use (see ``KnowledgeBaseIndex``).
  var indexCache = KnowledgeBaseIndexCache()

  /// The lookups the engine needs at every step.
  var index: KnowledgeBaseIndex { indexCache.index(of: self) }

  /// The questions, by ID.
  public var questions: [String: QuestionNode] { index.questions }

  /// Questions in written order.
  public var orderedQuestions: [QuestionNode] { index.orderedQuestions }

  /// Decisions in written order.
  public var orderedDecisions: [DecisionNode] { index.orderedDecisions }

  /// Former question IDs, each to the question that now has it.
  public var questionAliases: [String: String] {
    var aliases: [String: String] = [:]
    for question in orderedQuestions {
      for alias in question.aliases where aliases[alias] == nil { aliases[alias] = question.id }
    }
    return aliases
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads; the
// vocabulary is the binary's own and the index is rebuilt on use.
extension KnowledgeBase: Codable {
  enum CodingKeys: String, CodingKey {
    case identity, title, start, nodes, nodeOrder, causes, causeOrder, steps, references, computed
    case startLocation
  }
}
