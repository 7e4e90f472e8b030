import Foundation
import Testing
import TriageKit

@testable import TriageCLI

/// Golden Markdown and JSON reports of the cases a help-desk lead meets most, read with evidence
/// and recorded probe results as `run` reads them: the seed case, a half-open limit, port
/// exhaustion, an inconclusive triage and a fan-out measurement. Under
/// `Tests/TriageCLITests/Snapshots/reports/`; `RECORD_SNAPSHOTS=1` re-records them (and fails).
@Suite("Report goldens")
struct ReportGoldenTests {
  static let time = Date(timeIntervalSince1970: 1_700_000_000)
  static let directory = GoldenTranscript.directory.appendingPathComponent("reports")
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/reports")

  struct Golden: Sendable, CustomTestStringConvertible {
    var name: String
    var answers: URL
    var label: String?
    /// As if it had been a REPL session (a journal keeps it), as the seed case was.
    var resumable = false
    var testDescription: String { name }
  }

  static let goldens = [
    Golden(
      name: "seed-case", answers: fixtures.appendingPathComponent("seed-case.yaml"),
      label: "INC-20431 ADMIN-PC07 inventory sweep", resumable: true),
    Golden(
      name: "half-open-4226",
      answers: URL(fileURLWithPath: Repository.scenario("evidence-only-half-open-4226")),
      label: nil),
    Golden(
      name: "port-exhaustion-10055",
      answers: URL(fileURLWithPath: Repository.scenario("port-exhaustion-2003-time-wait-10055")),
      label: "INC-20517"),
    Golden(
      name: "inconclusive-firewall-unknown",
      answers: URL(fileURLWithPath: Repository.scenario("firewall-path-unknown")), label: nil),
    Golden(
      name: "fanout-concurrent-limit",
      answers: fixtures.appendingPathComponent("fanout-case.yaml"), label: "INC-20602"),
  ]

  static func report(_ golden: Golden) throws -> Report {
    var options = KnowledgeBaseOptions()
    options.directory = Repository.knowledgeBase.path
    let kb = try options.load()
    let file = try AnswerFile.load(golden.answers, knowledgeBase: kb)
    let replay = try AnswerReplay.replay(
      file, knowledgeBase: kb, sessionID: "20231114-231320-a1b2", clock: .fixed(time),
      policy: file.missing ?? .error, observers: CommandLineObservers.offline)
    var report = try Report(
      session: replay.session, generatedAt: time, label: golden.label,
      resumable: golden.resumable)
    report.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
    return report
  }

  @Test(arguments: goldens)
  func golden(_ golden: Golden) throws {
    let report = try Self.report(golden)
    check(MarkdownReportRenderer.render(report), named: "\(golden.name).md")
    check(JSONReportRenderer.render(report), named: "\(golden.name).json")
  }

  /// The seed case as the issue asks: the plan within the first 40 lines, label, station and
  /// session in the header, the caller's `<owner>` shown as text, the unreadable paste collapsed.
  @Test func seedCaseReadsInTenSeconds() throws {
    let report = try Self.report(Self.goldens[0])
    #expect(report.outcome == .diagnosed)
    let markdown = MarkdownReportRenderer.render(report)
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    let plan = try #require(lines.firstIndex(of: "## Remediation plan"))
    #expect(plan < 40, "the plan starts on line \(plan + 1)")
    let expected = [
      "| Label | INC-20431 ADMIN-PC07 inventory sweep |", "| Station | 10.20.30.40 |",
      "| Session | `20231114-231320-a1b2` |", "| Generated | 2023-11-14 23:13:20 UTC+1 |",
      "the &lt;owner> of the ISA array",
      "<details><summary>Pasted text (3 lines) that could not be read",
    ]
    for text in expected {
      let found = markdown.contains(text)
      #expect(found, "the seed report lacks '\(text)'")
    }
    for text in ["1 minutes", "Resume the session", "(unknown)", "{{"] {
      let found = markdown.contains(text)
      #expect(!found, "the seed report says '\(text)'")
    }
    if CommonMarkRenderer.binary != nil {
      let html = try CommonMarkRenderer.html(markdown)
      let raw = Set(CommonMarkRenderer.elements(in: html))
        .subtracting(CommonMarkRenderer.markdownElements).subtracting(["details", "summary"])
      #expect(raw.isEmpty, "raw HTML: \(raw.sorted())")
    }
  }

  /// A fan-out result is drawn: the Mermaid chart in the report, its series in the JSON.
  @Test func fanoutIsCharted() throws {
    let report = try Self.report(Self.goldens[4])
    let markdown = MarkdownReportRenderer.render(report)
    let charted = markdown.contains("```mermaid\nxychart-beta\n")
    #expect(charted, "no xychart in the fan-out report")
    let json = try JSONNode.parse(JSONReportRenderer.render(report))
    guard case .object(let members) = json, case .array(let evidence)? = members["evidence"]
    else {
      Issue.record("no evidence array")
      return
    }
    let charts = evidence.filter {
      if case .object(let entry) = $0 { return entry["chart"] != nil }
      return false
    }
    #expect(charts.count == 1)
  }

  private func check(_ actual: String, named name: String) {
    SnapshotFile.check(
      actual, at: Self.directory.appendingPathComponent(name), what: "golden report '\(name)'")
  }
}
