import TriageKit

/// A connection table (netstat, ss) while its rows are read: the tally so far and the first header
/// line, which the "no connections" message names.
///
/// ``read(_:kind:format:example:row:)`` is the row loop the connection-table importers share; each
/// importer gives only what it does with one non-blank row.
struct ConnectionTable {
  /// What the rows read so far add up to.
  var tally = ConnectionTally()
  /// The first title or column-header line, for messages about a table without rows.
  var header: EvidenceLine?

  /// Keeps `line` as the table's header unless one was kept before.
  mutating func keepHeader(_ line: RowLine, in text: EvidenceText) {
    header = header ?? line.evidenceLine(in: text)
  }

  /// Splits every non-blank line of `text` into fields and hands it to `row`; then the evidence of
  /// `kind` and `format`, or the "no connections" error (with `example`) when no TCP row was read.
  static func read(
    _ text: EvidenceText, kind: EvidenceKind, format: String, example: String,
    row: (_ line: RowLine, _ fields: [RowField], _ table: inout ConnectionTable)
      throws(EvidenceError)
      -> Void
  ) throws(EvidenceError) -> Evidence {
    try text.withRowLines { (lines) throws(EvidenceError) in
      var table = ConnectionTable()
      var buffer = RowFields()
      var lastLine = 0
      var unread = UnreadRows(text)
      // Two loops, so the plain reading's (every large table's) keeps its direct call: a branch
      // or a `do` around it in the loop cost a tenth of the time of reading a 1M-row netstat.
      if unread.resumes {
        for line in lines {
          lastLine = line.number
          buffer.split(line.bytes)
          let fields = buffer.fields
          guard !fields.isEmpty else { continue }
          do throws(EvidenceError) { try row(line, fields, &table) } catch {
            try unread.setAside(error, line: line.number, text: line.evidenceLine(in: text).text)
          }
        }
      } else {
        for line in lines {
          lastLine = line.number
          buffer.split(line.bytes)
          let fields = buffer.fields
          guard !fields.isEmpty else { continue }
          try row(line, fields, &table)
        }
      }
      guard table.tally.hasTCPRows else {
        throw ConnectionRows.noConnections(
          in: text, header: table.header, udpRows: table.tally.udpRows, example: example)
      }
      var evidence = table.tally.evidence(kind: kind, format: format, lines: lastLine)
      evidence.unreadRows = unread.rows
      return evidence
    }
  }
}
