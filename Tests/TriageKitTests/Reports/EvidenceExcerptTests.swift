import Testing

@testable import TriageKit

@Suite struct EvidenceExcerptTests {
  @Test func aShortTextIsShownWhole() {
    let raw = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let excerpt = EvidenceExcerpt(raw: raw, figures: ["3 TIME_WAIT"])
    #expect(excerpt.total == 10)
    #expect(excerpt.shown == 10)
    #expect(excerpt.lines.count == 10)
    #expect(!excerpt.lines.contains { $0.hasPrefix("…") })
  }

  /// The head, then the lines naming what the figures name, with a count of each gap.
  @Test func aLongTextKeepsTheHeadAndTheLinesThatMatter() {
    var lines = ["Active Connections", "", "  Proto  Local  Foreign  State"]
    for index in 0..<100 {
      lines.append("  TCP  10.0.0.5:\(5000 + index)  10.0.1.\(index):445  ESTABLISHED")
    }
    lines.append("  TCP  10.0.0.5:6000  10.0.2.1:445  SYN_SENT")
    lines.append("  TCP  10.0.0.5:6001  10.0.2.2:445  SYN_SENT")
    lines += (0..<20).map { "  TCP  10.0.0.5:\(7000 + $0)  10.0.3.\($0):445  ESTABLISHED" }
    let excerpt = EvidenceExcerpt(raw: lines.joined(separator: "\n"), figures: ["2 SYN_SENT"])
    #expect(excerpt.total == lines.count)
    #expect(excerpt.shown == EvidenceExcerpt.head + 2)
    #expect(
      excerpt.lines.prefix(3) == ["Active Connections", "", "  Proto  Local  Foreign  State"])
    #expect(excerpt.lines.filter { $0.contains("SYN_SENT") }.count == 2)
    let gaps = excerpt.lines.filter { $0.hasPrefix("… ") }
    #expect(gaps == ["… 97 lines left out …", "… 20 lines left out …"])
  }

  @Test func figuresGiveWordsNotCounts() {
    let terms = EvidenceExcerpt.terms(in: [
      "1,214 TIME_WAIT", "40 × 0xC0040037 from 10.20.30.40", "event 4226",
    ])
    #expect(terms.contains("TIME_WAIT"))
    #expect(terms.contains("0xC0040037"))
    #expect(terms.contains("10.20.30.40"))
    #expect(terms.contains("4226"))
    #expect(!terms.contains("1,214"))
    #expect(!terms.contains("40"))
  }
}
