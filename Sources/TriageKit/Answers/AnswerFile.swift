import Foundation

/// An answer file (`nettriage: answers/1`): answers by question ID, a policy for what is missing,
/// notes, and for scenarios an expectation. See docs/answer-files.md.
public struct AnswerFile: Sendable {
  /// What to do when the path needs an answer the file lacks.
  public enum MissingPolicy: String, Sendable, CaseIterable {
    /// Stop, exit 2, list the missing question IDs.
    case error
    /// Ask on the terminal; without one, as `error`.
    case ask
    /// Take the question's default; without one, as `error`.
    case `default`
    /// Answer `unknown`.
    case unknown
  }

  /// What a scenario expects (`kb test`).
  public struct Expectation: Sendable, Equatable {
    /// The outcome the scenario expects, if it says.
    public var outcome: Report.Outcome?
    /// Expected ranked cause IDs, best first: a prefix of the ranking; `[]` means no cause ranks.
    /// `nil` when the scenario does not say.
    public var conclusions: [String]?
  }

  /// An evidence file the answer file attaches (`evidence:`).
  public struct EvidenceReference: Sendable, Equatable {
    /// The path, relative paths resolved against the answer file's folder.
    public var path: String
    /// The kind, when the file names it (`{file: …, kind: netstat}`); `nil`: detect it.
    public var kind: String?
    /// Where the expectation is written.
    public var location: SourceLocation
  }

  /// What to do at probe steps (`probes:`).
  public enum ProbePolicy: Sendable, Equatable {
    /// Run them (the file's author consents).
    case run
    /// Skip them, as if declined (the default).
    case skip
    /// Take their results from a file of recorded observations (`replay FILE`).
    case replay(String)
  }

  /// One answer with where it is written.
  public struct Entry: Sendable {
    /// The question's ID.
    public var question: String
    /// The answer, typed by the question.
    public var value: FactValue
    /// Where it is written.
    public var location: SourceLocation
  }

  /// The schema tag.
  public static let schema = "answers/1"

  /// The file as given.
  public var path: String
  /// The knowledge base it was written for (`knowledge-base:`), if it says.
  public var knowledgeBaseID: String?
  /// `nil` when the file does not say (the caller picks by whether there is a terminal).
  public var missing: MissingPolicy?
  /// How the report labels the answers.
  public var source: Provenance.Source
  /// The answers, in written order.
  public var answers: [Entry]
  /// Free-text notes for the report.
  public var notes: [String]
  /// What a scenario expects, if it is one.
  public var expectation: Expectation?
  /// Evidence files to read before the answers.
  public var evidence: [EvidenceReference] = []
  /// What to do at probe steps; `skip` when the file does not say.
  public var probes: ProbePolicy = .skip
  /// For a real incident of `KnowledgeBase/cases/`: what really happened (`kb test --cases`).
  public var truth: CaseTruth? = nil
  /// Warnings about former question IDs and choice values the file still uses, for standard
  /// error: the file means the same, but should be updated.
  public var deprecations: [Diagnostic] = []

  /// The answers as the walker takes them.
  public var givenAnswers: [String: GivenAnswer] {
    Dictionary(answers.map { ($0.question, GivenAnswer($0.value, Provenance(source))) }) {
      first, _ in first
    }
  }

  /// Reads and checks an answer file against a knowledge base.
  ///
  /// Throws ``TriageError/inputMissing(_:)`` when it cannot be read and
  /// ``TriageError/invalidAnswerFile(_:)`` with every problem found.
  public static func load(_ url: URL, knowledgeBase: KnowledgeBase) throws(TriageError)
    -> AnswerFile
  {
    let data = try InputFile.read(
      url.path, limit: InputLimits.answerFileBytes, what: "an answer file")
    guard let text = String(bytes: data, encoding: .utf8) else {
      throw .invalidAnswerFile([
        Diagnostic(
          .error, "file is not UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1))
      ])
    }
    return try parse(text, path: url.path, knowledgeBase: knowledgeBase)
  }

  /// Parses answer-file text; `path` names the file in messages.
  public static func parse(_ text: String, path: String, knowledgeBase: KnowledgeBase)
    throws(TriageError)
    -> AnswerFile
  {
    var diagnostics: [Diagnostic] = []
    let start = SourceLocation(file: path, line: 1, column: 1)
    let document: YAMLValue
    switch YAMLValue.parse(text, file: path) {
    case .failure(let diagnostic): throw .invalidAnswerFile([diagnostic])
    case .success(nil):
      throw .invalidAnswerFile([
        Diagnostic(.error, "the file is empty (expected 'nettriage: \(schema)')", at: start)
      ])
    case .success(let value?): document = value
    }
    guard
      var reader = MappingReader(document, context: "the answer file", diagnostics: &diagnostics)
    else {
      throw .invalidAnswerFile(diagnostics)
    }
    var file = AnswerFile(
      path: path, knowledgeBaseID: nil, missing: nil, source: .answerFile, answers: [], notes: [],
      expectation: nil)
    if let tag = reader.string("nettriage", required: false), tag != schema {
      diagnostics.append(
        Diagnostic(
          .error, "unsupported schema '\(tag)' (expected '\(schema)')",
          at: reader.optional("nettriage")?.location ?? start))
    }
    if let kb = reader.string("kb", required: false) {
      file.knowledgeBaseID = kb
      if kb != knowledgeBase.identity.id {
        diagnostics.append(
          Diagnostic(
            .error,
            "written for knowledge base '\(kb)', but '\(knowledgeBase.identity.id)' is loaded",
            at: reader.optional("kb")?.location ?? start))
      }
    }
    if let policy = reader.string("missing", required: false) {
      file.missing = MissingPolicy(rawValue: policy)
      if file.missing == nil {
        diagnostics.append(
          Diagnostic(
            .error, "unknown missing policy '\(policy)' (expected error, ask, default or unknown)",
            at: reader.optional("missing")?.location ?? start))
      }
    }
    if let source = reader.string("source", required: false) {
      switch source {
      case "answer-file": file.source = .answerFile
      case "user": file.source = .user
      default:
        diagnostics.append(
          Diagnostic(
            .error, "unknown source '\(source)' (expected answer-file or user)",
            at: reader.optional("source")?.location ?? start))
      }
    }
    if let answers = reader.optional("answers") {
      file.answers = readAnswers(
        answers, knowledgeBase: knowledgeBase, diagnostics: &diagnostics,
        deprecations: &file.deprecations)
    }
    if let notes = reader.optional("notes") {
      for item in notes.items ?? [notes] {
        if let text = item.scalarText, !item.isNull {
          if let problem = AnswerInterpreter.lengthProblem(text) {
            diagnostics.append(Diagnostic(.error, problem.message, at: item.location))
          } else {
            file.notes.append(text)
          }
        } else {
          diagnostics.append(
            Diagnostic(.error, "expected a note as text, found \(item.kindName)", at: item.location)
          )
        }
      }
    }
    if let expect = reader.optional("expect") {
      file.expectation = readExpectation(expect, diagnostics: &diagnostics)
    }
    if let truth = reader.optional("truth") {
      file.truth = CaseTruth.read(truth, knowledgeBase: knowledgeBase, diagnostics: &diagnostics)
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    func resolve(_ file: String) -> String {
      file.hasPrefix("/") || file == "-" ? file : folder.appendingPathComponent(file).path
    }
    if let evidence = reader.optional("evidence") {
      for item in evidence.items ?? [evidence] {
        if let text = item.scalarText, !item.isNull {
          file.evidence.append(
            EvidenceReference(path: resolve(text), kind: nil, location: item.location))
        } else if var entry = MappingReader(
          item, context: "an evidence entry", diagnostics: &diagnostics)
        {
          let name = entry.string("file")
          let kind = entry.string("kind", required: false)
          entry.finish()
          diagnostics += entry.diagnostics
          if let name {
            file.evidence.append(
              EvidenceReference(path: resolve(name), kind: kind, location: item.location))
          }
        }
      }
    }
    if let probes = reader.string("probes", required: false) {
      let words = probes.split(separator: " ", maxSplits: 1).map(String.init)
      switch words.first {
      case "run" where words.count == 1: file.probes = .run
      case "skip" where words.count == 1: file.probes = .skip
      case "replay" where words.count == 2: file.probes = .replay(resolve(words[1]))
      default:
        diagnostics.append(
          Diagnostic(
            .error, "expected 'probes' to be run, skip or 'replay FILE', found '\(probes)'",
            at: reader.optional("probes")?.location ?? start))
      }
    }
    reader.finish()
    diagnostics += reader.diagnostics
    if reader.has("nettriage") == false {
      diagnostics.insert(
        Diagnostic(.error, "not an answer file: 'nettriage: \(schema)' is missing", at: start),
        at: 0)
    }
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { throw .invalidAnswerFile(errors) }
    return file
  }

  private static func readAnswers(
    _ value: YAMLValue, knowledgeBase: KnowledgeBase, diagnostics: inout [Diagnostic],
    deprecations: inout [Diagnostic]
  )
    -> [Entry]
  {
    guard let entries = value.entries else {
      diagnostics.append(
        Diagnostic(
          .error, "expected 'answers' to map question IDs to values, found \(value.kindName)",
          at: value.location))
      return []
    }
    let questions = knowledgeBase.questions
    let questionIDs = knowledgeBase.orderedQuestions.map(\.id)
    var result: [Entry] = []
    var factOwners: [String: String] = [:]
    let aliases = knowledgeBase.questionAliases
    for entry in entries {
      var key = entry.key
      if questions[key] == nil, let renamed = aliases[key] {
        deprecations.append(
          Diagnostic(
            .warning, "question '\(key)' is now called '\(renamed)'; the answer counts for it",
            at: entry.keyLocation))
        key = renamed
      }
      guard let question = questions[key] else {
        var message = "unknown question '\(entry.key)'"
        if let suggestion = NearestMatch.suggestion(for: entry.key, among: questionIDs) {
          message += " (did you mean '\(suggestion)'?)"
        } else if knowledgeBase.nodes[entry.key] != nil {
          message +=
            " ('\(entry.key)' is a \(knowledgeBase.nodes[entry.key]!.kindName), not a question)"
        }
        diagnostics.append(Diagnostic(.error, message, at: entry.keyLocation))
        continue
      }
      switch AnswerInterpreter.interpret(entry.value, for: question) {
      case .success(let factValue):
        if let owner = factOwners[question.fact] {
          diagnostics.append(
            Diagnostic(
              .error, "'\(entry.key)' and '\(owner)' both set fact '\(question.fact)'; keep one",
              at: entry.keyLocation))
          continue
        }
        for text in (entry.value.items ?? [entry.value]).compactMap(\.scalarText) {
          guard let choice = question.choices.first(where: { $0.aliases.contains(text) }) else {
            continue
          }
          deprecations.append(
            Diagnostic(
              .warning,
              "answer '\(text)' to '\(key)' is now called '\(choice.value)'; it counts as that",
              at: entry.value.location))
        }
        factOwners[question.fact] = key
        result.append(Entry(question: key, value: factValue, location: entry.value.location))
      case .failure(let problem):
        diagnostics.append(
          Diagnostic(
            .error, "invalid answer to '\(entry.key)': \(problem.message)", at: entry.value.location
          ))
      }
    }
    return result
  }

  private static func readExpectation(_ value: YAMLValue, diagnostics: inout [Diagnostic])
    -> Expectation?
  {
    guard var reader = MappingReader(value, context: "'expect'", diagnostics: &diagnostics) else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    var expectation = Expectation(outcome: nil, conclusions: nil)
    if let outcome = reader.string("outcome", required: false) {
      expectation.outcome = Report.Outcome(rawValue: outcome)
      if expectation.outcome == nil {
        diagnostics.append(
          Diagnostic(
            .error, "unknown outcome '\(outcome)' (expected diagnosed, inconclusive or incomplete)",
            at: reader.optional("outcome")?.location ?? reader.location))
      }
    }
    let saysConclusions = reader.has("conclusions")
    let conclusions = reader.stringList("conclusions").map(\.0)
    if saysConclusions { expectation.conclusions = conclusions }
    return expectation
  }
}
