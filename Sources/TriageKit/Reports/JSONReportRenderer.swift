import Foundation

/// Renders a ``Report`` as `nettriage.report/1` JSON (see docs/report-json.md).
public enum JSONReportRenderer {
  /// The schema tag.
  public static let schema = "nettriage.report/1"

  /// The JSON text, keys sorted, two-space indented, ending in a newline.
  public static func render(_ report: Report) -> String {
    let document = Document(report)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(document), let text = String(data: data, encoding: .utf8)
    else {
      // Encoding plain strings, numbers and arrays cannot fail.
      preconditionFailure("report JSON could not be encoded")
    }
    return text + "\n"
  }

  private struct Document: Encodable {
    struct KB: Encodable {
      var id, version, digest, title: String
    }
    struct Conclusion: Encodable {
      var id, title: String
      var outcome: String
    }
    struct Because: Encodable {
      var kind: String
      var node: String
      var value: FactValue?
      var condition: String?
      var factor: Double
      var text: String
      /// The same in words, as the Markdown report's diagnosis says it (Markdown).
      var reason: String
    }
    struct RankedCause: Encodable {
      var id, title: String
      var confidence: Double
      var certaintyFactor: Double
      var because: [Because]
      enum CodingKeys: String, CodingKey {
        case id, title, confidence, because
        case certaintyFactor = "certainty_factor"
      }
    }
    struct PlanStep: Encodable {
      var number: Int
      var id, title, risk, permission, text, verify, rollback: String
      var causes: [String]
      var phase: String
      var done: Bool
      var status: String
      var doneText: String?
      var check: String?
      /// In an inconclusive plan: the leading cause the step remedies once the checks confirm it.
      var ifConfirmed: String?

      enum CodingKeys: String, CodingKey {
        // `doneText` keeps the spelling scripts already read.
        case number, id, title, risk, permission, text, verify, rollback, causes, phase, done,
          status, check, doneText
        case ifConfirmed = "if_confirmed"
      }
    }
    struct Header: Encodable {
      var session: String?
      var label: String?
      var station: String?
      var generatedAt: String
      var generatedAtLocal: String
      var timeZone: String
      var resumable: Bool
      enum CodingKeys: String, CodingKey {
        case session, label, station, resumable
        case generatedAt = "generated_at"
        case generatedAtLocal = "generated_at_local"
        case timeZone = "time_zone"
      }
    }
    struct Summary: Encodable {
      var wrong, next, who: String
      var topCause: String?
      var topConfidence: Double?
      enum CodingKeys: String, CodingKey {
        case wrong = "what_is_wrong"
        case next = "what_to_do_next"
        case who = "who_must_do_it"
        case topCause = "top_cause"
        case topConfidence = "top_confidence"
      }
    }
    struct Chart: Encodable {
      var sliceSeconds: Double
      var inFlight: [Int]
      var failures: [Int]
      var limit: Double?
      var limitKind: String?
      enum CodingKeys: String, CodingKey {
        case sliceSeconds = "slice_s"
        case inFlight = "in_flight"
        case failures
        case limit
        case limitKind = "limit_kind"
      }
    }
    struct Answer: Encodable {
      var question: String
      var value: FactValue
      var display: String
      var words: String
      var source: String
      var detail: String?
      var automatic: Bool
    }
    struct FactEntry: Encodable {
      var value: FactValue
      var source: String
      var detail: String?
      var question: String?
    }
    struct EvidenceEntry: Encodable {
      var origin, kind, format, label, time: String
      var facts: [String: FactValue]
      var figures: [String]
      var raw: String
      var rawTruncated: Bool
      var node: String?
      var number: Int
      var chart: Chart?
      enum CodingKeys: String, CodingKey {
        case origin, kind, format, label, time, facts, figures, raw, node, number, chart
        case rawTruncated = "raw_truncated"
      }
    }
    struct Calculation: Encodable {
      var id, label, formula, substituted: String
      var value: Double
      var unit: String?
    }
    struct Pending: Encodable {
      var question: String
      var ask: String
    }

    var schema = JSONReportRenderer.schema
    var generatedAt: String
    var header: Header
    var summary: Summary
    var kb: KB
    var outcome: String
    var conclusion: Conclusion?
    var conclusions: [RankedCause]
    var ruledOut: [RankedCause]
    var plan: [PlanStep]
    var answers: [Answer]
    var facts: [String: FactEntry]
    var calculations: [Calculation]
    var evidence: [EvidenceEntry]
    var path: [String]
    var notes: [String]
    var pending: Pending?

    enum CodingKeys: String, CodingKey {
      case schema, kb, outcome, conclusion, conclusions, plan, answers, facts, calculations,
        evidence
      case path
      case notes, pending, header, summary
      case generatedAt = "generated_at"
      case ruledOut = "ruled_out"
    }

    init(_ report: Report) {
      let identity = report.knowledgeBase.identity
      generatedAt = report.generatedAt.iso8601
      header = Header(
        session: report.resumable ? report.sessionID : nil, label: report.label,
        station: report.station,
        generatedAt: report.generatedAt.iso8601,
        generatedAtLocal: MarkdownReportRenderer.timestamp(
          report.generatedAt, in: report.timeZone),
        timeZone: MarkdownReportRenderer.zone(of: report.generatedAt, in: report.timeZone),
        resumable: report.resumable)
      let lines = report.summary(markdown: false)
      let top = report.diagnosis.ranked.first
      summary = Summary(
        wrong: lines.wrong, next: lines.next, who: lines.who, topCause: top?.cause.id,
        topConfidence: top.map { round2($0.confidence) })
      kb = KB(
        id: identity.id, version: identity.version, digest: identity.digest,
        title: report.knowledgeBase.title)
      outcome = report.outcome.rawValue
      conclusion = report.conclusion.map {
        Conclusion(id: $0.id, title: report.plain($0.title), outcome: $0.outcome.rawValue)
      }
      func ranked(_ cause: Diagnosis.RankedCause) -> RankedCause {
        RankedCause(
          id: cause.cause.id, title: cause.cause.title, confidence: round2(cause.confidence),
          certaintyFactor: round2(cause.factor),
          because: cause.because.map { contribution in
            switch contribution.step {
            case .answered(let question, let value, _, _):
              return Because(
                kind: "answer", node: question, value: value, condition: nil,
                factor: round2(contribution.factor),
                text: report.explain(contribution), reason: report.reason(contribution))
            case .decided(let decision, let condition):
              return Because(
                kind: "branch", node: decision, value: nil, condition: condition ?? "otherwise",
                factor: round2(contribution.factor), text: report.explain(contribution),
                reason: report.reason(contribution))
            case .probed(let node, _, _):
              return Because(
                kind: "probe", node: node, value: nil, condition: nil,
                factor: round2(contribution.factor), text: report.explain(contribution),
                reason: report.reason(contribution))
            case .concluded(let conclusion):
              return Because(
                kind: "conclusion", node: conclusion, value: nil, condition: nil,
                factor: round2(contribution.factor),
                text: report.explain(contribution), reason: report.reason(contribution))
            }
          })
      }
      conclusions = report.diagnosis.ranked.map(ranked)
      ruledOut = report.diagnosis.ruledOut.map(ranked)
      plan = report.plan.enumerated().map { index, entry in
        PlanStep(
          number: index + 1, id: entry.step.id, title: report.plain(entry.step.title),
          risk: entry.step.risk.rawValue,
          permission: report.plain(entry.step.permission), text: report.plain(entry.step.text),
          verify: report.plain(entry.step.verify), rollback: report.plain(entry.step.rollback),
          causes: entry.causes, phase: entry.step.phase.rawValue, done: entry.done,
          status: entry.done ? "done" : "pending",
          doneText: entry.done ? entry.step.doneText.map(report.plain) : nil, check: entry.check,
          ifConfirmed: entry.ifConfirmed)
      }
      answers = report.answers.map {
        Answer(
          question: $0.question.id, value: $0.value,
          display: $0.question.display($0.value),
          words: report.answerText($0.question, $0.value),
          source: $0.provenance.source.rawValue, detail: $0.provenance.detail,
          automatic: $0.automatic)
      }
      facts = Dictionary(
        uniqueKeysWithValues: report.facts.map {
          (
            $0.name,
            FactEntry(
              value: $0.value, source: $0.provenance.source.rawValue, detail: $0.provenance.detail,
              question: $0.question)
          )
        })
      calculations = report.calculations.map {
        Calculation(
          id: $0.fact.id, label: report.plain($0.fact.label), formula: $0.formula,
          substituted: $0.substituted, value: (($0.value * 100).rounded()) / 100, unit: $0.fact.unit
        )
      }
      evidence = report.observations.enumerated().map { index, entry in
        let chart = FanoutChart(entry.observation).map {
          Chart(
            sliceSeconds: $0.sliceSeconds, inFlight: $0.inFlight, failures: $0.failures,
            limit: $0.limit, limitKind: $0.limitKind)
        }
        return EvidenceEntry(
          origin: entry.observation.origin.rawValue, kind: entry.observation.kind,
          format: entry.observation.format, label: entry.observation.label,
          time: entry.time.iso8601,
          facts: entry.observation.facts, figures: entry.observation.figures,
          raw: entry.observation.raw,
          rawTruncated: entry.observation.rawTruncated, node: entry.observation.node,
          number: index + 1,
          chart: chart)
      }
      path = report.visited
      notes = report.notes
      pending = report.pendingQuestion.map { Pending(question: $0.id, ask: report.plain($0.ask)) }
    }
  }
}

private func round2(_ value: Double) -> Double {
  (value * 100).rounded() / 100
}
