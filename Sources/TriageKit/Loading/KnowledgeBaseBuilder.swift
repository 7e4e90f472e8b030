/// Collects what the files of a knowledge base define, and every problem found with its place;
/// one reader per kind of entry lives in `Readers/`.
struct KnowledgeBaseBuilder {
  let root: String
  let vocabulary: Vocabulary?
  var diagnostics: [Diagnostic] = []
  var manifest:
    (id: String, version: String, title: String, start: String, startLocation: SourceLocation)?
  var nodes: [String: Node] = [:]
  var nodeOrder: [String] = []
  var causes: [String: Cause] = [:]
  var causeOrder: [String] = []
  var steps: [String: RemediationStep] = [:]
  var references: [String: Reference] = [:]
  var computed: [ComputedFact] = []
  var idLocations: [String: SourceLocation] = [:]

  init(root: String, vocabulary: Vocabulary?) {
    self.root = root
    self.vocabulary = vocabulary
  }

  mutating func read(_ file: KnowledgeBaseFile) {
    let path = root.isEmpty ? file.name : "\(root)/\(file.name)"
    let document: YAMLValue
    switch YAMLValue.parse(file.contents, file: path) {
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return
    case .success(nil):
      return
    case .success(let value?):
      document = value
    }
    guard
      var reader = MappingReader(
        document, context: "file '\(file.name)'", diagnostics: &diagnostics)
    else { return }
    if file.name == KnowledgeBaseLoader.manifestName {
      readManifest(&reader)
    }
    for item in listOf("nodes", in: &reader) ?? [] { readNode(item) }
    for item in listOf("causes", in: &reader) ?? [] { readCause(item) }
    for item in listOf("steps", in: &reader) ?? [] { readStep(item) }
    for item in listOf("references", in: &reader) ?? [] { readReference(item) }
    for item in listOf("computed", in: &reader) ?? [] { readComputed(item) }
    reader.finish()
    diagnostics += reader.diagnostics
  }

  private mutating func listOf(_ key: String, in reader: inout MappingReader) -> [YAMLValue]? {
    guard let value = reader.optional(key) else { return nil }
    guard let items = value.items else {
      diagnostics.append(
        Diagnostic(
          .error, "expected '\(key)' to be a list, found \(value.kindName)", at: value.location))
      return nil
    }
    return items
  }

  /// Registers an ID, reporting a duplicate with the place of the first.
  mutating func claim(_ id: String, at location: SourceLocation, kind: String) -> Bool {
    if !KnowledgeBaseLoader.isKebabCase(id) {
      diagnostics.append(Diagnostic(.error, "\(kind) id '\(id)' is not kebab-case", at: location))
    }
    if let first = idLocations[id] {
      diagnostics.append(
        Diagnostic(.error, "duplicate id '\(id)' (first defined at \(first))", at: location))
      return false
    }
    idLocations[id] = location
    return true
  }

  private mutating func readNode(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a node", diagnostics: &diagnostics) else {
      return
    }
    guard let id = reader.string("id") else {
      _ = reader.string("kind", required: false)
      diagnostics += reader.diagnostics
      return
    }
    let context = "node '\(id)'"
    reader.context = context
    guard let kind = readNodeKind(&reader, context: context) else {
      diagnostics += reader.diagnostics
      return
    }
    let node: Node?
    switch kind {
    case .question: node = readQuestion(id: id, &reader, context: context)
    case .decision: node = readDecision(id: id, &reader, context: context)
    case .conclusion: node = readConclusion(id: id, &reader, context: context)
    case .probe: node = readProbe(id: id, &reader, context: context)
    }
    reader.finish()
    diagnostics += reader.diagnostics
    guard let node, claim(id, at: reader.location, kind: "node") else { return }
    nodes[id] = node
    nodeOrder.append(id)
  }

  /// The node's `kind:`, read once; an unknown kind is reported with the nearest one.
  private mutating func readNodeKind(_ reader: inout MappingReader, context: String) -> NodeKind? {
    guard let name = reader.string("kind") else { return nil }
    if let kind = NodeKind(rawValue: name) { return kind }
    let message =
      "unknown node kind '\(name)' in \(context)"
      + NearestMatch.hint(for: name, among: NodeKind.allCases.map(\.rawValue))
    diagnostics.append(
      Diagnostic(.error, message, at: reader.optional("kind")?.location ?? reader.location))
    return nil
  }

  mutating func finish(digest: String) -> KnowledgeBase? {
    guard let manifest else {
      if !diagnostics.contains(where: {
        $0.location?.file.hasSuffix(KnowledgeBaseLoader.manifestName) == true
      }) {
        diagnostics.append(
          Diagnostic(
            .error,
            "no manifest: '\(KnowledgeBaseLoader.manifestName)' with nettriage, id, version, title and start",
            at: SourceLocation(
              file: root.isEmpty
                ? KnowledgeBaseLoader.manifestName : "\(root)/\(KnowledgeBaseLoader.manifestName)",
              line: 1, column: 1)))
      }
      return nil
    }
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
    var knowledgeBase = KnowledgeBase(
      identity: .init(id: manifest.id, version: manifest.version, digest: digest),
      title: manifest.title,
      start: manifest.start, nodes: nodes, nodeOrder: nodeOrder, causes: causes,
      causeOrder: causeOrder, steps: steps,
      references: references, computed: computed, startLocation: manifest.startLocation)
    knowledgeBase.vocabulary = vocabulary
    return knowledgeBase
  }
}
