/// The rows a resuming reading could not read, for lenient reading to set aside in one pass.
///
/// Lenient reading (``LenientReading``) normally reads the input again each time an importer stops
/// at a line, which is right for a paste and costs a whole reading per bad line. A large table read
/// that way ran out of its budget of re-readings after a few bad rows and kept only the rows
/// before them. So the row loops of the tables that grow large (connection tables, ISA/TMG logs)
/// go on after a row they cannot read when ``EvidenceText/resumesAfterBadRows`` is set, and list
/// the row here with its error; the records before and after it are all kept.
struct UnreadRows {
  /// A row the importer could not read, and why.
  struct Row: Sendable, Equatable {
    /// The line's number, from 1.
    var line: Int
    /// The line as read (without quoting or the common indentation).
    var text: String
    /// What the importer said of it.
    var error: EvidenceError
  }

  /// At most this many rows are set aside in one reading; past that the input is not a table of
  /// this kind with some bad rows, and the reading stops at the next one.
  static let limit = 100_000

  /// Whether rows are set aside rather than thrown (the text asks for a resuming reading).
  let resumes: Bool
  /// The rows set aside so far, in order.
  private(set) var rows: [Row] = []

  init(_ text: EvidenceText) {
    resumes = text.resumesAfterBadRows
  }

  /// Sets the row at `line` aside for `error`, its reading's error: in a resuming reading, when
  /// the error is about that line and fewer than ``limit`` rows were set aside; otherwise throws
  /// it. The row loops call it only when ``resumes`` (a plain reading keeps its direct call, as
  /// fast as before) and their row's reading must change nothing before it throws, so a row set
  /// aside leaves no trace.
  mutating func setAside(
    _ error: EvidenceError, line: Int, text: @autoclosure () -> String
  ) throws(EvidenceError) {
    guard resumes, error.line == line, rows.count < Self.limit else { throw error }
    rows.append(Row(line: line, text: text(), error: error))
  }
}
