import EmbeddedKnowledgeBase
import Foundation
import TriageKit

/// A saved session as `nettriage sessions` shows it: its label, when it started, how many answers,
/// its outcome and the cause leading now (replayed from the journal against its knowledge base).
struct SessionOverview {
  var summary: SessionJournal.Summary
  var label: String?
  var outcome: String
  var topCause: String?
  var topConfidence: Double?

  var id: String { summary.header.session }

  /// Overviews of every journal in `directory`, newest first; knowledge bases loaded once each.
  static func all(in directory: URL, clock: TriageClock) -> [SessionOverview] {
    var knowledgeBases: [String: KnowledgeBase?] = [:]
    return SessionJournal.list(in: directory).map { summary in
      let key = summary.header.kbPath ?? ""
      if knowledgeBases[key] == nil {
        var options = KnowledgeBaseOptions()
        options.directory = summary.header.kbPath
        knowledgeBases[key] = .some(try? options.load())
      }
      var overview = SessionOverview(
        summary: summary, label: summary.header.label,
        outcome: summary.concluded?.rawValue ?? (summary.answers == 0 ? "empty" : "in-progress"))
      if let kb = knowledgeBases[key] ?? nil,
        let (_, events) = try? SessionJournal.read(summary.url),
        let walk = try? Session(
          id: summary.header.session, knowledgeBase: kb, events: events, clock: clock
        ).walk()
      {
        let leading = Diagnosis(walk: walk, knowledgeBase: kb).ranked.first
        overview.topCause = leading?.cause.title
        overview.topConfidence = leading?.confidence
      }
      return overview
    }
  }

  init(summary: SessionJournal.Summary, label: String?, outcome: String) {
    self.summary = summary
    self.label = label
    self.outcome = outcome
  }

  /// One object of `sessions --json`.
  var json: JSONValue {
    func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    return .object([
      ("id", .string(id)),
      ("label", optional(label)),
      ("started", .string(summary.header.started)),
      ("last_activity", optional(summary.lastActivity?.iso8601)),
      ("answers", .int(summary.answers)),
      ("status", .string(outcome)),
      ("top_cause", optional(topCause)),
      ("top_confidence", topConfidence.map(JSONValue.double) ?? .null),
      ("kb", .string(summary.header.kb.id)),
      ("kb_version", .string(summary.header.kb.version)),
      ("path", .string(summary.url.path)),
    ])
  }
}
