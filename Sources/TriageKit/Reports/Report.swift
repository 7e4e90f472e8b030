import Foundation

/// Everything a report says, computed from a session: the renderers only lay it out.
///
/// A pure function of the session's events, the knowledge base and the time given, so the same
/// answers give the same bytes.
public struct Report: Sendable {
  /// How the session ended; the exit code follows it.
  public enum Outcome: String, Sendable, Codable {
    case diagnosed, inconclusive, incomplete
  }

  /// One answered question on the path.
  public struct Answer: Sendable {
    /// The question as the knowledge base writes it, for its text and choice labels.
    public var question: QuestionNode
    /// What it was answered with.
    public var value: FactValue
    /// Who answered it: a person, an answer file, evidence, a probe or a default.
    public var provenance: Provenance
    /// Answered by a fact already known rather than by its own answer.
    public var automatic: Bool
  }

  /// A computed fact with its arithmetic: what the report shows under "Capacity arithmetic".
  public struct Calculation: Sendable {
    /// The computed fact as the knowledge base defines it (label, unit, note).
    public var fact: ComputedFact
    /// Its value from the facts of this session.
    public var value: Double
    /// The formula with fact names: `hosts-per-sweep × connections-per-host`.
    public var formula: String
    /// The same with the numbers put in: `500 × 2`.
    public var substituted: String
  }

  /// The knowledge base the session walked; its identity and digest head the report.
  public var knowledgeBase: KnowledgeBase
  /// When the report was made, as given by the caller so the output replays byte for byte.
  public var generatedAt: Date
  /// The session's ID (`scenario` for `kb test`, a new one for each `run`).
  public var sessionID: String
  /// What the help desk calls it: a ticket, a station, a caller (`start --label`, `.label`,
  /// `run --label`).
  public var label: String?
  /// Whether a journal keeps the session, so an incomplete one can be resumed (`resume ID`);
  /// `run` keeps none, so its report says to add the answers to the file instead.
  public var resumable: Bool
  /// The zone the Markdown report shows times in (`TZ`); the JSON gives UTC as well.
  public var timeZone: TimeZone = .current
  /// Diagnosed, inconclusive, or incomplete while the walk still waits for input.
  public var outcome: Outcome
  /// The conclusion node the walk reached; `nil` while incomplete.
  public var conclusion: ConclusionNode?
  /// The causes ranked by the support every fact gave them, with the reasons.
  public var diagnosis: Diagnosis
  /// The remediation steps of the leading causes, merged and ordered by phase.
  public var plan: [PlanStep]
  /// The questions answered on the path taken, in the order they were answered.
  public var answers: [Answer]
  /// Every fact known at the end, sorted by name.
  public var facts: [Fact]
  /// The computed facts that have a value, in the knowledge base's order.
  public var calculations: [Calculation]
  /// Evidence read and probes run, in order, with when.
  public var observations: [(observation: Observation, time: Date)]
  /// Free-text notes the person added during the session (`.note`), in order.
  public var notes: [String]
  /// Node IDs visited, and what happened at each.
  public var visited: [String]
  /// What happened at each node of the path, as `.how` tells it.
  public var steps: [PathStep]
  /// The question the session waits on, when incomplete.
  public var pendingQuestion: QuestionNode?

  /// Builds the report of `session` as it stands.
  public init(
    session: Session, generatedAt: Date, label: String? = nil, resumable: Bool = false
  ) throws(TriageError) {
    let walk = try session.walk()
    let knowledgeBase = session.knowledgeBase
    self.knowledgeBase = knowledgeBase
    self.generatedAt = generatedAt
    sessionID = session.id
    self.label = label
    self.resumable = resumable
    conclusion = walk.conclusion
    switch walk.conclusion?.outcome {
    case .diagnosed?: outcome = .diagnosed
    case .inconclusive?: outcome = .inconclusive
    case nil: outcome = .incomplete
    }
    diagnosis = Diagnosis(walk: walk, knowledgeBase: knowledgeBase)
    plan = diagnosis.plan(for: walk, in: knowledgeBase)
    answers = walk.answeredSteps.compactMap { step in
      knowledgeBase.questions[step.question].map {
        Answer(
          question: $0, value: step.value, provenance: step.provenance, automatic: step.automatic)
      }
    }
    facts = walk.facts.values.sorted { $0.name < $1.name }
    let known = walk.facts
    calculations = knowledgeBase.computed.compactMap { computed in
      guard case .number(let value)? = known[computed.id]?.value else { return nil }
      return Calculation(
        fact: computed, value: value, formula: computed.expression.describe(),
        substituted: computed.expression.describe { name in
          switch known[name]?.value {
          // No thousands separators inside a formula: `max(6000, 1300)`, never `max(6000, 1,300)`.
          case .number(let number)?: return FactValue.format((number * 10).rounded() / 10)
          case .bool(let flag)?: return flag ? "1" : "0"
          default: return name
          }
        })
    }
    notes = session.state.notes
    observations = session.events.compactMap { event in
      if case .observed(let observation) = event.kind { return (observation, event.time) }
      return nil
    }
    visited = walk.visited
    steps = walk.steps
    pendingQuestion = walk.pendingQuestion
  }

  /// A knowledge-base text with `{{fact}}` filled in, as Markdown: a choice shows its label (the
  /// knowledge base's own Markdown); anything else is what someone typed, so it is escaped.
  /// The knowledge base's own text is kept as Markdown but never as HTML
  /// (``MarkdownEscaping/knowledgeBaseText(_:)``).
  public func render(_ template: String) -> String {
    UnitPhrase.singularizingOnes(
      fill(MarkdownEscaping.knowledgeBaseText(template)) { value, choiceLabel in
        choiceLabel.map(MarkdownEscaping.knowledgeBaseText)
          ?? MarkdownEscaping.substituted(value.display)
      })
  }

  /// Fills `{{fact}}` templates; `show` gets the value and, for a choice, its label.
  func fill(_ template: String, show: (FactValue, String?) -> String) -> String {
    Template.render(template) { name in
      guard let fact = facts.first(where: { $0.name == name }), fact.value != .unknown else {
        return nil
      }
      if fact.provenance.source == .computed, case .number(let value) = fact.value {
        return Report.number(value)
      }
      if case .bool(let flag) = fact.value, let question = fact.question,
        let words = knowledgeBase.questions[question].flatMap({ Report.yesNoWords($0, flag) })
      {
        // A yes-no fact reads in its question's own words: "Enabled", not "yes".
        return words
      }
      let question = fact.question.flatMap { knowledgeBase.questions[$0] }
      let picksChoices = question?.type == .choice || question?.type == .multipleChoice
      let label =
        picksChoices && !(question?.choices(for: fact.value).isEmpty ?? true)
        ? question?.display(fact.value) : nil
      return show(fact.value, label)
    }
  }

  /// A sentence on why a contribution counts, for `because` lists: plain text for terminals and
  /// JSON, or Markdown where the person's own text is escaped and the knowledge base's is kept.
  public func explain(_ contribution: Walk.Contribution, markdown: Bool = false) -> String {
    switch contribution.step {
    case .answered(let questionID, let value, _, _):
      let question = knowledgeBase.questions[questionID]
      var shown = question?.display(value) ?? value.display
      if markdown, question?.choices(for: value).isEmpty ?? true || question?.type == .yesNo {
        shown = MarkdownEscaping.inline(shown)
      } else if markdown {
        shown = MarkdownEscaping.knowledgeBaseText(shown)
      }
      return markdown
        ? "answer to `\(questionID)`: \(shown)" : "answer to '\(questionID)': \(shown)"
    case .decided(let decision, let condition):
      guard let condition else {
        return markdown
          ? "`\(decision)`: no other branch held" : "'\(decision)': no other branch held"
      }
      return markdown ? "`\(decision)`: `\(condition)`" : "'\(decision)': \(condition)"
    case .concluded(let conclusion):
      return markdown ? "reached conclusion `\(conclusion)`" : "reached conclusion '\(conclusion)'"
    case .probed(let node, let probe, let ran):
      let what = ran ? "ran" : "was skipped"
      return markdown
        ? "probe `\(probe)` at `\(node)` \(what)" : "probe '\(probe)' at '\(node)' \(what)"
    }
  }
}

extension Report {
  /// A number for people: thousands separated by commas, at most one decimal (`1,000`, `8.3`).
  public static func number(_ value: Double) -> String {
    let tenths = Int((abs(value) * 10).rounded())
    let sign = value < 0 && tenths > 0 ? "-" : ""
    let whole = sign + FactValue.grouped(tenths / 10)
    return tenths % 10 == 0 ? whole : "\(whole).\(tenths % 10)"
  }

  /// A knowledge-base text with `{{fact}}` filled in verbatim, for JSON and the terminal.
  public func plain(_ template: String) -> String {
    UnitPhrase.singularizingOnes(
      fill(template) { value, choiceLabel in choiceLabel ?? value.display })
  }
}
