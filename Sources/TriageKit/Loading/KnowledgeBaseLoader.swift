import Foundation

/// One file of a knowledge base: its name relative to the knowledge-base folder, and its text.
public struct KnowledgeBaseFile: Hashable, Sendable {
  /// Name relative to the folder, such as `dns.yaml`.
  public var name: String
  /// The file's text.
  public var contents: String

  /// A file called `name` holding `contents`.
  public init(name: String, contents: String) {
    self.name = name
    self.contents = contents
  }
}

/// Reads knowledge-base YAML into a ``KnowledgeBase``, collecting every problem with its place.
public enum KnowledgeBaseLoader {
  /// The manifest's file name.
  public static let manifestName = "knowledge-base.yaml"
  /// The schema tag this loader reads.
  public static let schema = "knowledge-base/1"

  /// The `*.yaml` files directly in `directory` (not `scenarios/`), sorted by name.
  public static func files(in directory: URL) throws(TriageError) -> [KnowledgeBaseFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw .inputMissing(directory.path) }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .inputMissing(directory.path)
    }
    var files: [KnowledgeBaseFile] = []
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let url = directory.appendingPathComponent(name)
      let data = try InputFile.read(
        url.path, limit: InputLimits.knowledgeBaseFileBytes, what: "a knowledge-base file")
      guard let text = String(bytes: data, encoding: .utf8) else {
        throw .invalidKnowledgeBase([
          Diagnostic(
            .error, "file is not UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1)
          )
        ])
      }
      files.append(KnowledgeBaseFile(name: name, contents: text))
    }
    return files
  }

  /// The digest of a set of files: SHA-256 over each name and text, in name order.
  public static func digest(of files: [KnowledgeBaseFile]) -> String {
    var hash = SHA256Digest()
    for file in files.sorted(by: { $0.name < $1.name }) {
      hash.update(file.name.utf8)
      hash.update([0])
      hash.update(file.contents.utf8)
      hash.update([0])
    }
    return hash.finalize()
  }

  /// Loads `files`; `root` prefixes file names in messages (`KnowledgeBase/` or the folder given).
  ///
  /// Returns the knowledge base when its structure is sound, and every diagnostic found; the linter
  /// checks references, reachability and plans on the result. `vocabulary` (the facts and probes
  /// of evidence importers and probes) is checked against probe steps here and kept with the
  /// knowledge base for the linter; without it, those names are not checked.
  public static func load(
    _ files: [KnowledgeBaseFile], root: String, vocabulary: Vocabulary? = nil
  ) -> (KnowledgeBase?, [Diagnostic]) {
    var builder = Builder(root: root, vocabulary: vocabulary)
    for file in files.sorted(by: { $0.name < $1.name }) {
      builder.read(file)
    }
    let knowledgeBase = builder.finish(digest: digest(of: files))
    return (knowledgeBase, builder.diagnostics)
  }

  /// Loads a folder, or throws ``TriageError/invalidKnowledgeBase(_:)`` with every error found
  /// (including the linter's).
  public static func loadChecked(
    _ files: [KnowledgeBaseFile], root: String, vocabulary: Vocabulary? = nil
  ) throws(TriageError) -> KnowledgeBase {
    let (knowledgeBase, diagnostics) = load(files, root: root, vocabulary: vocabulary)
    var errors = diagnostics.filter { $0.severity == .error }
    if let knowledgeBase {
      errors += KnowledgeBaseLinter.lint(knowledgeBase).filter { $0.severity == .error }
      if errors.isEmpty { return knowledgeBase }
    }
    if errors.isEmpty {
      errors.append(Diagnostic(.error, "the knowledge base did not load", at: nil))
    }
    throw .invalidKnowledgeBase(errors)
  }

  /// Whether `id` is kebab-case: lowercase letters and digits in words joined by single hyphens.
  public static func isKebabCase(_ id: String) -> Bool {
    guard !id.isEmpty, !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--") else {
      return false
    }
    return id.unicodeScalars.allSatisfy {
      ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
    }
  }
}

private struct Builder {
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

  private mutating func readManifest(_ reader: inout MappingReader) {
    let schema = reader.string("nettriage")
    if let schema, schema != KnowledgeBaseLoader.schema {
      diagnostics.append(
        Diagnostic(
          .error, "unsupported schema '\(schema)' (expected '\(KnowledgeBaseLoader.schema)')",
          at: reader.optional("nettriage")?.location ?? reader.location))
    }
    let id = reader.string("id")
    let version = reader.string("version")
    let title = reader.string("title")
    let start = reader.string("start")
    if let id, !KnowledgeBaseLoader.isKebabCase(id) {
      diagnostics.append(
        Diagnostic(.error, "knowledge-base id '\(id)' is not kebab-case", at: reader.location))
    }
    if let id, let version, let title, let start {
      manifest = (id, version, title, start, reader.optional("start")?.location ?? reader.location)
    }
  }

  /// Registers an ID, reporting a duplicate with the place of the first.
  private mutating func claim(_ id: String, at location: SourceLocation, kind: String) -> Bool {
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

  private mutating func readSupport(_ value: YAMLValue?, context: String) -> Support {
    guard let value else { return .none }
    guard let entries = value.entries else {
      diagnostics.append(
        Diagnostic(
          .error,
          "expected 'support' of \(context) to map cause IDs to factors, found \(value.kindName)",
          at: value.location))
      return .none
    }
    var result: [Support.Entry] = []
    for entry in entries {
      guard let factor = entry.value.number, factor >= -1, factor <= 1 else {
        diagnostics.append(
          Diagnostic(
            .error,
            "certainty factor for '\(entry.key)' must be a number from -1 to 1, found \(entry.value.kindName)",
            at: entry.value.location))
        continue
      }
      result.append(Support.Entry(cause: entry.key, factor: factor, location: entry.keyLocation))
    }
    return Support(result)
  }

  /// `next: id` or `{ next: id, support: {...} }`.
  private mutating func readRoute(_ value: YAMLValue?, context: String) -> Route? {
    guard let value else { return nil }
    if let target = value.scalarText, !value.isNull {
      return Route(next: target, location: value.location)
    }
    guard var reader = MappingReader(value, context: context, diagnostics: &diagnostics) else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let target = reader.string("next") else { return nil }
    let location = reader.optional("next")?.location ?? reader.location
    let support = readSupport(reader.optional("support"), context: context)
    return Route(next: target, support: support, location: location)
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
    let kind = reader.string("kind")
    let node: Node?
    switch kind {
    case "question": node = readQuestion(id: id, &reader, context: context)
    case "decision": node = readDecision(id: id, &reader, context: context)
    case "conclusion": node = readConclusion(id: id, &reader, context: context)
    case "probe": node = readProbe(id: id, &reader, context: context)
    case let other?:
      let message =
        "unknown node kind '\(other)' in \(context)"
        + NearestMatch.hint(for: other, among: ["question", "decision", "conclusion", "probe"])
      diagnostics.append(
        Diagnostic(.error, message, at: reader.optional("kind")?.location ?? reader.location))
      diagnostics += reader.diagnostics
      return
    case nil:
      diagnostics += reader.diagnostics
      return
    }
    reader.finish()
    diagnostics += reader.diagnostics
    guard let node, claim(id, at: reader.location, kind: "node") else { return }
    nodes[id] = node
    nodeOrder.append(id)
  }

  private mutating func readQuestion(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let typeName = reader.string("type")
    let ask = reader.string("ask")
    let why = reader.string("why")
    let fact = reader.string("fact", required: false) ?? id
    let next = readRoute(reader.optional("next"), context: "'next' of \(context)")
    var unknown = readRoute(reader.optional("unknown"), context: "'unknown' of \(context)")
    let minimum = reader.number("min")
    let maximum = reader.number("max")
    let unit = reader.string("unit", required: false)
    let defaultValue = reader.optional("default")
    let choiceValues = reader.optional("choices")
    let inferValues = reader.optional("infer")
    let effort = readEnum(
      Effort.self, reader.string("effort", required: false), key: "effort", of: context,
      at: reader.optional("effort")?.location)
    let aliases = reader.stringList("aliases").map(\.0)
    let askWhen = readCondition(
      reader.string("ask-when", required: false), key: "ask-when", of: context,
      at: reader.optional("ask-when"), or: reader.location)
    guard let typeName else { return nil }
    guard let type = QuestionNode.AnswerType(rawValue: typeName) else {
      let message =
        "unknown question type '\(typeName)' in \(context)"
        + NearestMatch.hint(for: typeName, among: QuestionNode.AnswerType.allCases.map(\.rawValue))
      diagnostics.append(
        Diagnostic(.error, message, at: reader.optional("type")?.location ?? reader.location))
      return nil
    }
    if !KnowledgeBaseLoader.isKebabCase(fact) {
      diagnostics.append(
        Diagnostic(
          .error, "fact name '\(fact)' of \(context) is not kebab-case", at: reader.location))
    }
    var choices: [QuestionNode.Choice] = []
    if let choiceValues {
      if type == .number || type == .text {
        diagnostics.append(
          Diagnostic(
            .error, "\(type.rawValue) question '\(id)' cannot have 'choices'",
            at: choiceValues.location))
      } else if let items = choiceValues.items {
        for item in items {
          if let choice = readChoice(item, context: context) { choices.append(choice) }
        }
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "expected 'choices' of \(context) to be a list, found \(choiceValues.kindName)",
            at: choiceValues.location))
      }
    }
    var seen: Set<String> = []
    for choice in choices {
      if !seen.insert(choice.value.lowercased()).inserted {
        diagnostics.append(
          Diagnostic(
            .error, "duplicate choice value '\(choice.value)' in \(context)", at: choice.location))
      }
      if choice.value.lowercased() == "unknown" {
        diagnostics.append(
          Diagnostic(
            .error,
            "choice value 'unknown' is reserved (every question accepts unknown) in \(context)",
            at: choice.location))
      }
      if type == .yesNo, choice.value != "yes", choice.value != "no" {
        diagnostics.append(
          Diagnostic(
            .error, "yes-no question '\(id)' has choice '\(choice.value)' (expected 'yes' or 'no')",
            at: choice.location))
      }
    }
    switch type {
    case .choice where choices.isEmpty && choiceValues != nil,
      .multipleChoice where choices.isEmpty && choiceValues != nil:
      break
    case .choice where choices.isEmpty, .multipleChoice where choices.isEmpty:
      diagnostics.append(
        Diagnostic(.error, "choice question '\(id)' lacks 'choices'", at: reader.location))
    case .yesNo:
      for value in ["yes", "no"] where !choices.contains(where: { $0.value == value }) {
        choices.append(
          QuestionNode.Choice(
            value: value, label: value, help: nil, next: nil, support: .none,
            location: reader.location))
      }
      choices.sort { $0.value == "yes" && $1.value == "no" }
    default:
      break
    }
    let everyChoiceRoutes =
      (type == .choice || type == .multipleChoice || type == .yesNo) && !choices.isEmpty
      && choices.allSatisfy { $0.next != nil }
    if next == nil && !everyChoiceRoutes {
      diagnostics.append(
        Diagnostic(
          .error, "question '\(id)' lacks 'next' (needed unless every choice has its own 'next')",
          at: reader.location))
    }
    if unknown == nil {
      if let next {
        unknown = Route(next: next.next, location: next.location)
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "question '\(id)' lacks 'unknown': say where an answer of unknown leads",
            at: reader.location))
      }
    }
    for (key, bound) in [("min", minimum), ("max", maximum)]
    where bound.map({ !$0.isFinite }) == true {
      diagnostics.append(
        Diagnostic(
          .error, "'\(key)' of question '\(id)' must be a finite number",
          at: reader.optional(key)?.location ?? reader.location))
    }
    if let minimum, let maximum, minimum > maximum {
      diagnostics.append(
        Diagnostic(
          .error,
          "'min' (\(FactValue.format(minimum))) of question '\(id)' is above its 'max' (\(FactValue.format(maximum))): no answer could fit",
          at: reader.optional("min")?.location ?? reader.location))
    }
    if minimum != nil || maximum != nil || unit != nil, type != .number {
      diagnostics.append(
        Diagnostic(
          .error,
          "'min', 'max' and 'unit' only apply to number questions ('\(id)' is \(type.rawValue))",
          at: reader.location))
    }
    var parsedDefault: FactValue?
    if let defaultValue {
      let question = QuestionNode(
        id: id, location: reader.location, type: type, ask: ask ?? "", why: why ?? "", fact: fact,
        choices: choices,
        next: next, unknown: unknown ?? Route(next: id, location: reader.location),
        defaultValue: nil,
        minimum: minimum, maximum: maximum, unit: unit)
      switch AnswerInterpreter.interpret(defaultValue, for: question) {
      case .success(let value): parsedDefault = value
      case .failure(let problem):
        diagnostics.append(
          Diagnostic(.error, "default of \(context): \(problem.message)", at: defaultValue.location)
        )
      }
    }
    guard let ask, let why, let unknown else { return nil }
    var question = QuestionNode(
      id: id, location: reader.location, type: type, ask: ask, why: why, fact: fact,
      choices: choices, next: next,
      unknown: unknown, defaultValue: parsedDefault, minimum: minimum, maximum: maximum,
      unit: unit)
    if let inferValues {
      question.inferences = readInferences(inferValues, for: question, context: context)
    }
    question.effort = effort ?? .caller
    question.askWhen = askWhen
    question.aliases = aliases
    return .question(question)
  }

  /// `infer: [{when: CONDITION, answer: VALUE}]`.
  private mutating func readInferences(
    _ value: YAMLValue, for question: QuestionNode, context: String
  ) -> [Inference] {
    guard let items = value.items else {
      diagnostics.append(
        Diagnostic(
          .error, "expected 'infer' of \(context) to be a list, found \(value.kindName)",
          at: value.location))
      return []
    }
    var rules: [Inference] = []
    for item in items {
      guard
        var rule = MappingReader(
          item, context: "an 'infer' rule of \(context)", diagnostics: &diagnostics)
      else { continue }
      let text = rule.string("when")
      let whenValue = rule.optional("when")
      let answer = rule.optional("answer")
      let from = rule.string("from", required: false)
      if (answer == nil) == (from == nil) {
        diagnostics.append(
          Diagnostic(
            .error, "an 'infer' rule of \(context) needs exactly one of 'answer' and 'from'",
            at: rule.location))
      }
      _ = rule.string("because", required: false)
      rule.finish()
      diagnostics += rule.diagnostics
      guard let text, answer != nil || from != nil else { continue }
      var parsed: FactValue? = from != nil ? .unknown : nil
      if let answer {
        switch AnswerInterpreter.interpret(answer, for: question) {
        case .success(let value): parsed = value
        case .failure(let problem):
          diagnostics.append(
            Diagnostic(
              .error, "'infer' answer of \(context): \(problem.message)", at: answer.location))
        }
      }
      if let condition = self.parsed(
        text, at: whenValue, or: rule.location, "condition", ConditionParser.parse),
        let parsed
      {
        rules.append(
          Inference(
            condition: condition, text: text, value: parsed, from: from,
            location: whenValue?.location ?? rule.location))
      }
    }
    return rules
  }

  private mutating func readProbe(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let probe = reader.string("probe")
    let why = reader.string("why")
    let consent = reader.string("consent")
    let next = readRoute(reader.optional("next"), context: "'next' of \(context)")
    let skipped = readRoute(reader.optional("skipped"), context: "'skipped' of \(context)")
    var arguments: [String: String] = [:]
    if let value = reader.optional("arguments") {
      if let entries = value.entries {
        for entry in entries {
          if let text = entry.value.scalarText, !entry.value.isNull {
            arguments[entry.key] = text
          } else {
            diagnostics.append(
              Diagnostic(
                .error, "argument '\(entry.key)' of \(context) must be text",
                at: entry.value.location))
          }
        }
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "expected 'arguments' of \(context) to be a mapping, found \(value.kindName)",
            at: value.location))
      }
    }
    if let probe, let vocabulary, vocabulary.probe(probe) == nil {
      let message =
        "unknown probe '\(probe)' in \(context)"
        + NearestMatch.hint(for: probe, among: vocabulary.probes.map(\.name), listing: true)
      diagnostics.append(
        Diagnostic(.error, message, at: reader.optional("probe")?.location ?? reader.location))
      return nil
    }
    if next == nil {
      diagnostics.append(Diagnostic(.error, "probe step '\(id)' lacks 'next'", at: reader.location))
    }
    guard let probe, let why, let consent, let next else { return nil }
    return .probe(
      ProbeNode(
        id: id, location: reader.location, probe: probe, arguments: arguments, why: why,
        consent: consent, next: next, skipped: skipped ?? next))
  }

  private mutating func readChoice(_ value: YAMLValue, context: String) -> QuestionNode.Choice? {
    guard
      var reader = MappingReader(
        value, context: "a choice of \(context)", diagnostics: &diagnostics)
    else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    let choiceValue = reader.string("value")
    let label = reader.string("label", required: false)
    let help = reader.string("help", required: false)
    let next = reader.string("next", required: false)
    let support = readSupport(reader.optional("support"), context: "a choice of \(context)")
    let aliases = reader.stringList("aliases").map(\.0)
    let notKnown = reader.optional("not-known")?.bool ?? false
    guard let choiceValue else { return nil }
    var choice = QuestionNode.Choice(
      value: choiceValue, label: label ?? choiceValue, help: help, next: next, support: support,
      location: reader.location)
    choice.aliases = aliases
    choice.notKnown = notKnown
    return choice
  }

  private mutating func readDecision(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    var branches: [DecisionNode.Branch] = []
    if let list = reader.optional("branches") {
      for item in list.items ?? [] {
        guard
          var branch = MappingReader(
            item, context: "a branch of \(context)", diagnostics: &diagnostics)
        else {
          continue
        }
        let text = branch.string("when")
        let whenValue = branch.optional("when")
        let next = branch.string("next")
        let support = readSupport(branch.optional("support"), context: "a branch of \(context)")
        branch.finish()
        diagnostics += branch.diagnostics
        guard let text, let next,
          let condition = parsed(
            text, at: whenValue, or: branch.location, "condition", ConditionParser.parse)
        else { continue }
        branches.append(
          DecisionNode.Branch(
            condition: condition, text: text,
            route: Route(
              next: next, support: support,
              location: branch.optional("next")?.location ?? branch.location)))
      }
      if list.items == nil {
        diagnostics.append(
          Diagnostic(.error, "expected 'branches' of \(context) to be a list", at: list.location))
      }
    } else {
      diagnostics.append(Diagnostic(.error, "\(context) lacks 'branches'", at: reader.location))
    }
    let otherwise = readRoute(reader.optional("otherwise"), context: "'otherwise' of \(context)")
    if otherwise == nil {
      diagnostics.append(
        Diagnostic(.error, "decision '\(id)' lacks 'otherwise'", at: reader.location))
    }
    guard let otherwise else { return nil }
    return .decision(
      DecisionNode(id: id, location: reader.location, branches: branches, otherwise: otherwise))
  }

  private mutating func readConclusion(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let outcomeName = reader.string("outcome")
    let title = reader.string("title")
    let text = reader.string("text")
    var links: [ConclusionNode.CauseLink] = []
    if let list = reader.optional("causes") {
      for item in list.items ?? [] {
        if let causeID = item.scalarText, !item.isNull {
          links.append(
            ConclusionNode.CauseLink(cause: causeID, certainty: 0, location: item.location))
          continue
        }
        guard
          var link = MappingReader(
            item, context: "a cause of \(context)", diagnostics: &diagnostics)
        else {
          continue
        }
        let cause = link.string("cause")
        let certainty = link.number("certainty") ?? 0
        // Written so NaN fails too: `certainty: .nan` once combined into a diagnosis of NaN.
        if !(certainty >= -1 && certainty <= 1) {
          diagnostics.append(
            Diagnostic(.error, "certainty must be from -1 to 1 in \(context)", at: link.location))
        }
        link.finish()
        diagnostics += link.diagnostics
        if let cause {
          links.append(
            ConclusionNode.CauseLink(cause: cause, certainty: certainty, location: link.location))
        }
      }
    }
    guard let outcomeName, let title, let text else { return nil }
    guard let outcome = ConclusionNode.Outcome(rawValue: outcomeName) else {
      diagnostics.append(
        Diagnostic(
          .error,
          "unknown outcome '\(outcomeName)' in \(context) (expected 'diagnosed' or 'inconclusive')",
          at: reader.location))
      return nil
    }
    return .conclusion(
      ConclusionNode(
        id: id, location: reader.location, outcome: outcome, title: title, text: text, causes: links
      ))
  }

  /// A value of a closed set (`effort:`, `phase:`); an error with a near match for anything else.
  private mutating func readEnum<E: RawRepresentable & CaseIterable>(
    _ type: E.Type, _ text: String?, key: String, of owner: String, at location: SourceLocation?
  ) -> E? where E.RawValue == String {
    guard let text else { return nil }
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    var message =
      "unknown \(key) '\(text)' in \(owner) (expected \(names.joined(separator: ", ")))"
    if let near = NearestMatch.suggestion(for: text, among: names) {
      message += " (did you mean '\(near)'?)"
    }
    diagnostics.append(Diagnostic(.error, message, at: location))
    return nil
  }

  /// A condition written under `key`, with its text; a parse error names the column inside it.
  private mutating func readCondition(
    _ text: String?, key: String, of owner: String, at value: YAMLValue?,
    or fallback: SourceLocation
  ) -> WrittenCondition? {
    guard let text,
      let condition = parsed(
        text, at: value, or: fallback, "'\(key)' of \(owner)", ConditionParser.parse)
    else { return nil }
    return WrittenCondition(condition: condition, text: text)
  }

  private mutating func readCause(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a cause", diagnostics: &diagnostics) else {
      return
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let summary = reader.string("summary")
    let plan = reader.stringList("plan").map(\.0)
    let references = reader.stringList("references").map(\.0)
    let requires = readCondition(
      reader.string("requires", required: false), key: "requires", of: "cause '\(id)'",
      at: reader.optional("requires"), or: reader.location)
    guard let title, let summary, claim(id, at: reader.location, kind: "cause") else { return }
    causes[id] = Cause(
      id: id, title: title, summary: summary, plan: plan, references: references,
      location: reader.location, requires: requires)
    causeOrder.append(id)
  }

  private mutating func readStep(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a step", diagnostics: &diagnostics) else {
      return
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let text = reader.string("text")
    let riskName = reader.string("risk")
    let permission = reader.string("permission")
    let verify = reader.string("verify")
    let rollback = reader.string("rollback")
    let references = reader.stringList("references").map(\.0)
    var risk: RemediationStep.Risk?
    if let riskName {
      risk = RemediationStep.Risk(rawValue: riskName)
      if risk == nil {
        diagnostics.append(
          Diagnostic(
            .error, "unknown risk '\(riskName)' in step '\(id)' (expected low, medium or high)",
            at: reader.location))
      }
    }
    guard let title, let text, let risk, let permission, let verify, let rollback,
      claim(id, at: reader.location, kind: "step")
    else { return }
    var step = RemediationStep(
      id: id, title: title, text: text, risk: risk, permission: permission, verify: verify,
      rollback: rollback,
      references: references, location: reader.location)
    step.phase =
      readEnum(
        RemediationStep.Phase.self, reader.string("phase", required: false), key: "phase",
        of: "step '\(id)'", at: reader.optional("phase")?.location) ?? .change
    step.done = readCondition(
      reader.string("done-when", required: false), key: "done-when", of: "step '\(id)'",
      at: reader.optional("done-when"), or: reader.location)
    step.doneText = reader.string("done", required: false)
    if step.done != nil, step.doneText == nil {
      diagnostics.append(
        Diagnostic(
          .error, "step '\(id)' has 'done-when' but no 'done' text saying what was confirmed",
          at: reader.location))
    }
    if let text = reader.string("when", required: false),
      let condition = parsed(
        text, at: reader.optional("when"), or: reader.location, "'when' of step '\(id)'",
        ConditionParser.parse)
    {
      step.condition = condition
      step.conditionText = text
    }
    steps[id] = step
  }

  private mutating func readReference(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a reference", diagnostics: &diagnostics)
    else { return }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let url = reader.string("url", required: false)
    guard let title, claim(id, at: reader.location, kind: "reference") else { return }
    references[id] = Reference(id: id, title: title, url: url, location: reader.location)
  }

  private mutating func readComputed(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a computed fact", diagnostics: &diagnostics)
    else { return }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let label = reader.string("label")
    let formula = reader.string("value")
    let unit = reader.string("unit", required: false)
    let note = reader.string("note", required: false)
    guard let label, let formula, claim(id, at: reader.location, kind: "computed fact") else {
      return
    }
    if let expression = parsed(
      formula, at: reader.optional("value"), or: reader.location,
      "value of computed fact '\(id)'", ExpressionParser.parse)
    {
      computed.append(
        ComputedFact(
          id: id, label: label, expression: expression, formula: formula, unit: unit, note: note,
          location: reader.location))
    }
  }

  /// `parse(text)`, or `nil` with "`what` does not parse" reported at the column inside the text
  /// when it sits on one line after its key (past the quote of a quoted value), else at the value.
  private mutating func parsed<T>(
    _ text: String, at value: YAMLValue?, or fallback: SourceLocation, _ what: String,
    _ parse: (String) throws(ConditionParser.Failure) -> T
  ) -> T? {
    do {
      return try parse(text)
    } catch {
      var location = value?.location ?? fallback
      // Escapes in a quoted scalar make the file's columns differ from the text's: then the start
      // of the value is the honest place.
      let quoted = value?.isQuoted == true
      let hasEscapes = quoted && (text.contains("\"") || text.contains("'") || text.contains("\\"))
      if !text.contains("\n"), !hasEscapes {
        location.column += error.column - 1 + (quoted ? 1 : 0)
      }
      diagnostics.append(
        Diagnostic(.error, "\(what) does not parse: \(error.message)", at: location))
      return nil
    }
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
