/// What really happened in a real incident (`truth:` in a case file of `KnowledgeBase/cases/`): the
/// source's root cause and fix, which `kb test --cases` grades a run against.
///
/// See docs/answer-files.md, "Cases".
public struct CaseTruth: Sendable, Equatable {
  /// The ID that says no cause of the knowledge base fits the incident.
  public static let noneFits = "none-fits"

  /// What a right run ends with.
  public enum Outcome: String, Sendable, Equatable, CaseIterable {
    /// The write-up names the cause: right when it ranks first.
    case diagnosed
    /// The write-up cannot honestly decide: right when the run is inconclusive and the cause is
    /// among the top candidates.
    case inconclusive
  }

  /// The write-up: a URL (for a GitHub issue, the URL).
  public var source: String
  /// One line describing the incident.
  public var title: String
  /// The root cause: a cause ID of the knowledge base, or ``noneFits``.
  public var cause: String
  /// Other causes an expert would also accept as the answer.
  public var accept: [String]
  /// What a right run ends with (`diagnosed` unless the file says otherwise).
  public var outcome: Outcome
  /// The fix the source applied, in words.
  public var fix: String
  /// Plan step IDs that carry the fix; any one in the plan counts. Empty when no step does.
  public var fixSteps: [String]
  /// Whether the source records a fix that was applied and worked (`fix-recorded: false` when it
  /// records none: nothing applied, nothing confirmed, the thread closed without one).
  public var fixRecorded: Bool = true
  /// For ``noneFits``: a name for the cause the knowledge base lacks.
  public var proposedCause: String?
  /// Where the `truth` block is written.
  public var location: SourceLocation

  /// Whether the case has a fix a plan could carry: the source records one, for a cause of the
  /// knowledge base. Only these count in the share of fixes in plan.
  public var hasFixToCarry: Bool {
    cause != Self.noneFits && (fixRecorded || !fixSteps.isEmpty)
  }

  /// The causes a right run may rank first: ``cause`` then ``accept`` (none for ``noneFits``).
  public var acceptedCauses: [String] {
    (cause == Self.noneFits ? [] : [cause]) + accept
  }

  /// Reads a `truth` block, checking its causes and steps against `knowledgeBase`; problems go to
  /// `diagnostics` with their place.
  static func read(
    _ value: YAMLValue, knowledgeBase: KnowledgeBase, diagnostics: inout [Diagnostic]
  ) -> CaseTruth? {
    guard var reader = MappingReader(value, context: "'truth'", diagnostics: &diagnostics) else {
      return nil
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    let source = reader.string("source")
    let title = reader.string("title")
    let cause = reader.string("cause")
    let fix = reader.string("fix")
    let accept = reader.stringList("accept")
    let hasFixSteps = reader.has("fix-steps")
    let fixSteps = reader.stringList("fix-steps")
    let proposed = reader.string("proposed-cause", required: false)
    var fixRecorded = true
    if let text = reader.string("fix-recorded", required: false) {
      let location = reader.optional("fix-recorded")?.location ?? reader.location
      switch text.lowercased() {
      case "true", "yes": fixRecorded = true
      case "false", "no": fixRecorded = false
      default:
        reader.diagnostics.append(
          Diagnostic(
            .error, "expected 'fix-recorded' to be true or false, found '\(text)'", at: location))
      }
      if !fixRecorded, !fixSteps.isEmpty {
        reader.diagnostics.append(
          Diagnostic(
            .error,
            "'fix-recorded: false' says the source records no fix, but 'fix-steps' names steps that carry one",
            at: location))
      }
    }
    var outcome = Outcome.diagnosed
    if let text = reader.string("outcome", required: false) {
      if let known = Outcome(rawValue: text) {
        outcome = known
      } else {
        reader.diagnostics.append(
          Diagnostic(
            .error, "unknown outcome '\(text)' (expected diagnosed or inconclusive)",
            at: reader.optional("outcome")?.location ?? reader.location))
      }
    }
    if !hasFixSteps {
      reader.diagnostics.append(
        Diagnostic(
          .error,
          "'truth' lacks 'fix-steps' (the plan steps that carry the fix; [] when none does)",
          at: reader.location))
    }
    if let source, !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
      reader.diagnostics.append(
        Diagnostic(
          .error, "expected 'source' to be the write-up's URL, found '\(source)'",
          at: reader.optional("source")?.location ?? reader.location))
    }
    let causeIDs = knowledgeBase.causeOrder
    func checkCause(_ id: String, at location: SourceLocation, allowNoneFits: Bool) {
      guard knowledgeBase.causes[id] == nil else { return }
      if id == noneFits {
        if !allowNoneFits {
          reader.diagnostics.append(
            Diagnostic(.error, "'\(noneFits)' cannot be an accepted cause", at: location))
        }
        return
      }
      var message = "unknown cause '\(id)'"
      if let suggestion = NearestMatch.suggestion(for: id, among: causeIDs + [noneFits]) {
        message += " (did you mean '\(suggestion)'?)"
      }
      reader.diagnostics.append(Diagnostic(.error, message, at: location))
    }
    let causeLocation = reader.optional("cause")?.location ?? reader.location
    if let cause { checkCause(cause, at: causeLocation, allowNoneFits: true) }
    for (id, location) in accept {
      checkCause(id, at: location, allowNoneFits: false)
    }
    let stepIDs = knowledgeBase.steps.keys.sorted()
    for (id, location) in fixSteps where knowledgeBase.steps[id] == nil {
      var message = "unknown step '\(id)'"
      if let suggestion = NearestMatch.suggestion(for: id, among: stepIDs) {
        message += " (did you mean '\(suggestion)'?)"
      }
      reader.diagnostics.append(Diagnostic(.error, message, at: location))
    }
    if let proposed, cause != noneFits {
      reader.diagnostics.append(
        Diagnostic(
          .error, "'proposed-cause' '\(proposed)' is only for cause '\(noneFits)'",
          at: reader.optional("proposed-cause")?.location ?? reader.location))
    }
    if cause == noneFits, outcome == .diagnosed, reader.has("outcome") {
      reader.diagnostics.append(
        Diagnostic(
          .error, "a case whose cause is '\(noneFits)' is right only when inconclusive",
          at: reader.optional("outcome")?.location ?? reader.location))
    }
    guard let source, let title, let cause, let fix else { return nil }
    return CaseTruth(
      source: source, title: title, cause: cause, accept: accept.map(\.0),
      outcome: cause == noneFits ? .inconclusive : outcome, fix: fix, fixSteps: fixSteps.map(\.0),
      fixRecorded: fixRecorded, proposedCause: proposed, location: reader.location)
  }
}
