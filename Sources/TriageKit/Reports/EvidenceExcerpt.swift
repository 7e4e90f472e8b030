/// The lines of a raw observation worth showing in a report: the first few (headers, the
/// command), then those naming what its key figures name (a state, a result code, an address),
/// with a count of the rest. The full text stays in the JSON report.
public struct EvidenceExcerpt: Sendable, Equatable {
  /// The lines shown, with `…` lines where lines were left out.
  public var lines: [String]
  /// How many lines the text has.
  public var total: Int
  /// How many are shown.
  public var shown: Int

  /// A text this short is shown whole.
  public static let wholeLimit = 24
  /// Lines always shown from the top.
  public static let head = 6
  /// At most this many matching lines after the head.
  public static let matches = 12

  /// The excerpt of `raw`, matching lines naming one of `figures`' words.
  public init(raw: String, figures: [String]) {
    var all = MarkdownEscaping.normalizingLineEnds(raw).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    if all.last == "" { all.removeLast() }
    total = all.count
    guard all.count > Self.wholeLimit else {
      lines = all
      shown = all.count
      return
    }
    let terms = Self.terms(in: figures)
    var keep = Set(0..<Self.head)
    var matched = 0
    for (index, line) in all.enumerated() where index >= Self.head && matched < Self.matches {
      if terms.contains(where: { line.contains($0) }) {
        keep.insert(index)
        matched += 1
      }
    }
    var out: [String] = []
    var skipped = 0
    for (index, line) in all.enumerated() {
      if keep.contains(index) {
        if skipped > 0 { out.append("… \(Self.linesPhrase(skipped)) left out …") }
        skipped = 0
        out.append(line)
      } else {
        skipped += 1
      }
    }
    if skipped > 0 { out.append("… \(Self.linesPhrase(skipped)) left out …") }
    lines = out
    shown = keep.count
  }

  /// `1 line`, `12 lines`.
  static func linesPhrase(_ count: Int) -> String {
    UnitPhrase.quantity(Double(count), "lines")
  }

  /// The words of key figures that can pick lines: not numbers, at least three characters
  /// (`TIME_WAIT`, `0xC0040037`, `10.20.1.15`, `4226`).
  static func terms(in figures: [String]) -> [String] {
    var terms: [String] = []
    for figure in figures {
      for word in figure.split(whereSeparator: { " ,;:()×—=".contains($0) }) {
        let text = String(word)
        let isCount = text.allSatisfy { $0.isNumber || $0 == "," || $0 == "." || $0 == "%" }
        guard text.count >= 3, !isCount || text.count >= 4 && !text.contains(","),
          !["and", "the", "for", "not", "with", "from", "lines", "seen", "read"].contains(
            text.lowercased())
        else { continue }
        if !terms.contains(text) { terms.append(text) }
      }
    }
    return terms
  }
}
