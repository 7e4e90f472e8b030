/// Lays out completion candidates in columns, read top to bottom, as bash lists them.
///
/// Widths count `Character`s, which is exact for the ASCII command and question names NetTriage
/// completes and close enough for anything else.
enum CandidateColumns {
  /// Two spaces separate columns.
  static let gap = 2

  /// The lines that show `candidates` in a terminal `width` columns wide, without trailing spaces.
  static func lines(for candidates: [String], width: Int) -> [String] {
    guard !candidates.isEmpty else { return [] }
    let columnWidth = (candidates.map(\.count).max() ?? 0) + gap
    let columns = max(1, min(candidates.count, (width + gap) / columnWidth))
    let rows = (candidates.count + columns - 1) / columns
    return (0..<rows).map { row in
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < candidates.count else { break }
        let candidate = candidates[index]
        let isLast = column == columns - 1 || index + rows >= candidates.count
        line += isLast ? candidate : candidate.padding(to: columnWidth)
      }
      return line
    }
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }
}
