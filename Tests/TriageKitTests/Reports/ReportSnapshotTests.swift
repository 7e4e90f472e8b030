import EmbeddedKnowledgeBase
import Foundation
import Testing
import TriageKit

/// Golden Markdown and JSON reports of the shipped knowledge base.
@Suite("Report snapshots")
struct ReportSnapshotTests {
  static let time = Date(timeIntervalSince1970: 1_700_000_000)
  static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "KnowledgeBase/scenarios")

  static func knowledgeBase() throws -> KnowledgeBase {
    try KnowledgeBaseLoader.loadChecked(
      EmbeddedKnowledgeBase.files.map { KnowledgeBaseFile(name: $0.name, contents: $0.contents) },
      root: EmbeddedKnowledgeBase.root)
  }

  static func report(answers text: String, path: String = "answers.yaml") throws -> Report {
    let kb = try knowledgeBase()
    let file = try AnswerFile.parse(text, path: path, knowledgeBase: kb)
    let replay = try AnswerReplay.replay(
      file, knowledgeBase: kb, sessionID: "snapshot", clock: .fixed(time),
      policy: file.missing ?? .error)
    var report = try Report(session: replay.session, generatedAt: time)
    // Golden files must not depend on the zone of the machine that runs the tests.
    report.timeZone = TimeZone(identifier: "UTC") ?? .current
    return report
  }

  static func report(scenario name: String) throws -> Report {
    let url = scenarios.appendingPathComponent("\(name).yaml")
    return try report(answers: String(contentsOf: url, encoding: .utf8), path: url.path)
  }

  @Test(arguments: [
    "isa-2006-enterprise-500-hosts-rate-limit", "dns-timeout-whole-office", "same-subnet-500-hosts",
  ])
  func scenarioReports(name: String) throws {
    let report = try Self.report(scenario: name)
    Snapshot.assertMatches(MarkdownReportRenderer.render(report), named: "\(name).md")
    Snapshot.assertMatches(JSONReportRenderer.render(report), named: "\(name).json")
  }

  @Test func incompleteReport() throws {
    let report = try Self.report(
      answers:
        "nettriage: answers/1\nanswers:\n  only-this-machine: yes\n  internet-also-fails: unknown\n"
    )
    #expect(report.outcome == .incomplete)
    // The interview's next question: error-code separates the leading causes best, not the
    // tree's own next (hosts-per-sweep).
    #expect(report.pendingQuestion?.id == "error-code")
    Snapshot.assertMatches(MarkdownReportRenderer.render(report), named: "incomplete.md")
    Snapshot.assertMatches(JSONReportRenderer.render(report), named: "incomplete.json")
  }

  /// What people type goes into the report as text: it can open no fence, cell, link or element.
  @Test func userTextCannotBreakTheDocument() throws {
    let report = try Self.report(
      answers: #"""
        nettriage: answers/1
        answers:
          only-this-machine: yes
          internet-also-fails: yes
          hosts-per-sweep: 500
          recovery-pattern: when-sessions-close
          error-code: "64"
          dns-lookup-result: answer-ok
          station-ip: "10.0.0.5 | <img src=x onerror=alert(1)> ``` [x](javascript:alert(1))"
          firewall-path: isa-2004
          ipconfig-check: normal
          isa-log-finding: connection-limit
          failing-host: unknown
          sweep-targets: unknown
          sweep-minutes: 5
          netbios-over-tcp: yes
          session-hold-minutes: 15
        notes:
          - "```\nfenced? # not a heading\n- not a list\n1. not a list either\n> not a quote\n~~~"
          - "<script>alert('x')</script> & *bold* _it_ | pipe"
        """#)
    #expect(report.outcome == .diagnosed, "the station's address reaches the plan's steps")
    let markdown = MarkdownReportRenderer.render(report)
    Snapshot.assertMatches(markdown, named: "hostile-user-text.md")
    // Outside the Mermaid block, the only fences are the report's own.
    let fences = markdown.split(separator: "\n").filter {
      $0.hasPrefix("```") || $0.hasPrefix("~~~")
    }
    #expect(!fences.isEmpty && fences.allSatisfy { $0 == "```mermaid" || $0 == "```" })
    #expect(fences.filter { $0 == "```mermaid" }.count * 2 == fences.count)
    #expect(!markdown.contains("<script>"))
    #expect(!markdown.contains("<img"))
    #expect(!markdown.contains("[x](javascript:"), "the link is escaped: \\[x\\](…)")
    let noteLines = markdown.components(separatedBy: "## Notes\n\n")[1].components(
      separatedBy: "\n\n## ")[0]
    #expect(noteLines.split(separator: "\n").allSatisfy { $0.hasPrefix(">") })
    let json = JSONReportRenderer.render(report)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let notes = try #require(object["notes"] as? [String])
    #expect(notes.first?.hasPrefix("```\nfenced?") == true, "JSON keeps the text as typed")
  }
}
