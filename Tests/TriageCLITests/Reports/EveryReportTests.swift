import Foundation
import Testing
import TriageKit

/// Every scenario's and every case's report, checked as a reader on GitHub would get it.
@Suite("Every report")
struct EveryReportTests {
  static func reports() throws -> [EveryReport] {
    try EveryReport.all.get()
  }

  /// Headings a report may have, in the order a reader meets them.
  static let sectionOrder = [
    "Summary", "Where the triage stopped", "Remediation plan", "Diagnosis",
    "Leading hypotheses so far", "Notes", "Evidence and probes", "Capacity arithmetic",
    "Answers", "Facts", "Path", "References",
  ]

  /// Plural units as the knowledge base and the report write them.
  static let pluralUnits = [
    "minutes", "seconds", "hosts", "connections", "requests", "attempts", "lines", "steps",
    "answers", "facts", "figures", "adapters", "servers", "connects", "entries", "errors",
  ]

  @Test func everyScenarioAndCaseHasAReport() throws {
    let reports = try Self.reports()
    let scenarios = reports.filter { $0.name.hasPrefix("scenarios/") }.count
    let cases = reports.filter { $0.name.hasPrefix("cases/") }.count
    #expect(scenarios >= 50, "scenarios read: \(scenarios)")
    #expect(cases >= 20, "cases read: \(cases)")
  }

  /// No unfilled template, no "(unknown)", no "1 minutes".
  @Test func textReadsRight() throws {
    for entry in try Self.reports() {
      // Notes are what someone typed, kept as typed; everything else is the report's own text.
      var report = entry.report
      report.notes = []
      let rendered = [
        ("markdown", MarkdownReportRenderer.render(report)),
        ("json", JSONReportRenderer.render(report)),
      ]
      for (format, text) in rendered {
        let unfilled = text.contains("{{")
        let unknown = text.contains("(unknown)")
        #expect(!unfilled, "\(entry.name) (\(format)): an unfilled template")
        #expect(!unknown, "\(entry.name) (\(format)): '(unknown)'")
      }
      for unit in Self.pluralUnits {
        for line in entry.markdown.split(separator: "\n") where Self.saysOne(line, unit) {
          Issue.record("\(entry.name): '1 \(unit)' in: \(line)")
        }
      }
    }
  }

  /// `… 1 minutes`, but not `11 minutes` or `0.1 minutes`.
  static func saysOne(_ line: Substring, _ unit: String) -> Bool {
    var rest = line[...]
    while let range = rest.range(of: "1 \(unit)") {
      let before = rest[..<range.lowerBound].last
      let after = rest[range.upperBound...].first
      let startsNumber = before.map { !$0.isNumber && $0 != "." && $0 != "," } ?? true
      let endsWord = after.map { !$0.isLetter } ?? true
      if startsNumber && endsWord { return true }
      rest = rest[range.upperBound...]
    }
    return false
  }

  /// Fences open and close in pairs, whatever the texts hold.
  @Test func fencesAreBalanced() throws {
    for entry in try Self.reports() {
      #expect(Self.fenceBalance(entry.markdown).open == nil, "\(entry.name): a fence is left open")
    }
  }

  /// Fenced blocks opened, and the fence still open at the end (`nil` when all are closed).
  static func fenceBalance(_ markdown: String) -> (blocks: Int, open: String?) {
    var open: String? = nil
    var blocks = 0
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let indent = line.prefix { $0 == " " }.count
      let trimmed = line.dropFirst(indent)
      if let fence = open {
        let run = trimmed.prefix { $0 == fence.first }
        if indent < 4, run.count >= fence.count,
          trimmed.dropFirst(run.count).allSatisfy({ $0 == " " })
        {
          open = nil
        }
      } else if indent < 4, let first = trimmed.first, first == "`" || first == "~" {
        let run = trimmed.prefix { $0 == first }
        if run.count >= 3, first == "~" || !trimmed.dropFirst(run.count).contains("`") {
          open = String(run)
          blocks += 1
        }
      }
    }
    return (blocks, open)
  }

  /// The plan comes right after the summary, before the diagnosis; the header carries the session.
  @Test func sectionsComeInTheReadersOrder() throws {
    for entry in try Self.reports() {
      let headings = entry.markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map {
        String($0.dropFirst(3))
      }
      let positions = headings.map { Self.sectionOrder.firstIndex(of: $0) }
      #expect(!positions.contains(nil), "\(entry.name): unexpected heading in \(headings)")
      let known = positions.compactMap { $0 }
      #expect(known == known.sorted(), "\(entry.name): sections out of order: \(headings)")
      #expect(headings.first == "Summary", "\(entry.name)")
      if !entry.report.plan.isEmpty {
        #expect(headings.dropFirst().first == "Remediation plan", "\(entry.name): \(headings)")
      }
      let header = entry.markdown.components(separatedBy: "\n## ")[0]
      for row in ["| Label | ", "| Station | ", "| Session | ", "| Generated | ", "| Outcome | "] {
        #expect(header.contains("\n" + row), "\(entry.name): no '\(row)' row in the header")
      }
    }
  }

  /// Rendered by a real CommonMark/GFM renderer: no element but the report's own
  /// `<details>`/`<summary>` comes from raw HTML (so `<owner>` shows as text), every fence makes
  /// one code block, and the headings are the expected ones.
  @Test(
    .enabled(
      if: CommonMarkRenderer.binary != nil,
      "cmark-gfm is not installed (make test installs it with apt-get)"))
  func rendersOnGitHubWithoutRawHTML() throws {
    for entry in try Self.reports() {
      let html = try CommonMarkRenderer.html(entry.markdown)
      let elements = CommonMarkRenderer.elements(in: html)
      let raw = Set(elements).subtracting(CommonMarkRenderer.markdownElements)
        .subtracting(["details", "summary"])
      #expect(raw.isEmpty, "\(entry.name): raw HTML \(raw.sorted()) reaches the reader")
      let details = elements.filter { $0 == "details" }.count
      #expect(details % 2 == 0, "\(entry.name): <details> unbalanced")
      #expect(
        elements.filter { $0 == "summary" }.count == details,
        "\(entry.name): every <details> has one <summary>")
      let fenced = Self.fenceBalance(entry.markdown).blocks
      #expect(
        html.components(separatedBy: "<pre>").count - 1 == fenced,
        "\(entry.name): \(fenced) fences but a different number of code blocks")
      let titles = CommonMarkRenderer.headings(1, in: html)
      #expect(titles.count == 1, "\(entry.name): \(titles.count) top headings")
      #expect(titles.first?.hasPrefix("NetTriage report: ") == true, "\(entry.name)")
      let sections = CommonMarkRenderer.headings(2, in: html)
      #expect(
        sections.allSatisfy(Self.sectionOrder.contains),
        "\(entry.name): GitHub sees headings \(sections)")
      #expect(sections.first == "Summary", "\(entry.name): \(sections)")
    }
  }
}
