import TriageKit

/// What an importer read: the kind's fields (the evidence JSON), the facts they give the session,
/// and the key figures a person reads.
public struct Evidence: Sendable, Equatable {
  /// The kind.
  public var kind: EvidenceKind
  /// Which variant was read: `windows-netstat`, `linux-ss`, `w3c`, `wevtutil-text`…
  public var format: String
  /// The kind's fields, in contract order (architecture.md, "Evidence JSON").
  public var fields: [(key: String, value: JSONValue)]
  /// Facts for the session (names in docs/evidence.md: `tcp.syn-sent`, `event.4226`…).
  public var facts: [String: FactValue]
  /// Key figures for the report and the auto-answer provenance: `1,214 TIME_WAIT`, `11 SYN_SENT`.
  public var figures: [String]
  /// Lines read.
  public var lines: Int
  /// Lines lenient reading left aside, in order (empty when every line was read).
  public var skipped: [SkippedLine] = []
  /// Whether the input looks cut off: its last row stops mid-way, or it ends at a `... truncated`
  /// line a person inserted.
  public var isCutOff = false
  /// Lines that continued on the next one (a row wrapped by a terminal or an e-mail client) and
  /// were read joined with it, by the number of the first.
  public var rejoinedLines: [Int] = []
  /// The language of the output when it is not English (`German`), read through
  /// ``LocalizedOutput``.
  public var language: String?
  /// Rows a resuming reading set aside (``UnreadRows``), for lenient reading to list as skipped.
  var unreadRows: [UnreadRows.Row] = []

  /// Lines skipped, counting every line of a skipped run.
  public var skippedLineCount: Int { skipped.reduce(0) { $0 + $1.count } }

  public init(
    kind: EvidenceKind, format: String, fields: [(key: String, value: JSONValue)],
    facts: [String: FactValue], figures: [String], lines: Int
  ) {
    self.kind = kind
    self.format = format
    self.fields = fields
    self.facts = facts
    self.figures = figures
    self.lines = lines
  }

  /// The evidence JSON: `kind`, `format`, the kind's fields, then `facts`.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [
      ("kind", .string(kind.rawValue)), ("format", .string(format)),
    ]
    pairs += fields
    if let language { pairs.append(("language", .string(language))) }
    if !skipped.isEmpty {
      pairs.append(
        (
          "skipped",
          .object([
            ("lines", .int(skippedLineCount)),
            ("first", .array(skipped.prefix(Self.skippedShown).map(\.json))),
          ])
        ))
    }
    if !rejoinedLines.isEmpty {
      pairs.append(("rejoined_lines", .array(rejoinedLines.map { .int($0) })))
    }
    if isCutOff { pairs.append(("cut_off", .bool(true))) }
    pairs.append(("facts", JSONValue.facts(facts)))
    return .object(pairs)
  }

  /// Skipped lines listed one by one in the JSON and the figures; the rest are counted.
  public static let skippedShown = 5

  public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
    lhs.json == rhs.json && lhs.figures == rhs.figures && lhs.lines == rhs.lines
  }
}
