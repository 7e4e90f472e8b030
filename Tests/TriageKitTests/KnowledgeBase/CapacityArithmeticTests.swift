import EmbeddedKnowledgeBase
import Foundation
import Testing
import TriageKit

/// The "done when": a 500-host sweep through ISA 2006 ends in the right conclusion with the
/// exact console steps and the computed numbers.
@Suite("Capacity arithmetic in the shipped knowledge base")
struct CapacityArithmeticTests {
  static func report(_ answers: [String: FactValue]) throws -> Report {
    let kb = try KnowledgeBaseLoader.loadChecked(
      EmbeddedKnowledgeBase.files.map { KnowledgeBaseFile(name: $0.name, contents: $0.contents) },
      root: EmbeddedKnowledgeBase.root)
    var session = Session(
      id: "capacity", knowledgeBase: kb, clock: .fixed(Date(timeIntervalSince1970: 0)))
    let base: [String: FactValue] = [
      "only-this-machine": .bool(true), "internet-also-fails": .bool(true),
      "hosts-per-sweep": .number(500),
      "error-code": .string("53"), "ipconfig-check": .string("normal"),
      "dns-lookup-result": .string("answer-ok"),
      "station-ip": .string("10.20.30.40"), "failing-host": .unknown, "sweep-targets": .unknown,
    ]
    for (question, value) in base.merging(answers, uniquingKeysWith: { $1 }) {
      session.answer(question, value)
    }
    return try Report(session: session, generatedAt: Date(timeIntervalSince1970: 0))
  }

  static func value(_ report: Report, _ id: String) -> Double? {
    report.calculations.first { $0.fact.id == id }?.value
  }

  @Test func isa2006EnterpriseRateLimitWithNumbers() throws {
    let report = try Self.report([
      "recovery-pattern": .string("after-a-minute"),
      "firewall-path": .string("isa-2006-enterprise"),
      "isa-log-finding": .string("rate-quota"), "sweep-minutes": .number(0.5),
      "netbios-over-tcp": .bool(true),
      "session-hold-minutes": .number(0),
    ])
    #expect(report.conclusion?.id == "isa-flood-mitigation")
    #expect(report.diagnosis.ranked.first?.cause.id == "isa-connect-rate-limit")
    #expect(Self.value(report, "peak-connects-per-minute") == 1000)
    #expect(Self.value(report, "open-sessions") == 50)
    #expect(Self.value(report, "custom-rate-limit-needed") == 1300)
    #expect(Self.value(report, "custom-rate-limit-to-set") == 6000)
    #expect(Self.value(report, "safe-hosts-per-minute") == 240)
    #expect(Self.value(report, "safe-sweep-minutes") == 3)
    let steps = report.plan.map(\.step.id)
    #expect(steps.contains("isa-2006-enterprise-open-flood-mitigation"))
    #expect(!steps.contains("isa-2006-standard-open-flood-mitigation"))
    #expect(!steps.contains("isa-open-flood-mitigation-settings"))
    #expect(steps.contains("isa-set-custom-limits"))
    #expect(steps.contains("pace-sweep-computed"))
    #expect(!steps.contains("pace-sweep"))
    let markdown = MarkdownReportRenderer.render(report)
    #expect(
      markdown.contains("Microsoft Internet Security and Acceleration Server 2006 → **Arrays** →"))
    #expect(
      markdown.contains("Configuration → **General** →\n**Configure Flood Mitigation Settings**"))
    #expect(markdown.contains("pace the sweep to 240 hosts a minute"))
    #expect(
      markdown.contains(
        "- **Connect requests in the busiest minute** = ceil(sweep-connect-requests ÷ max(sweep-minutes, 1)) = ceil(1000 ÷ max(0.5, 1)) = **1,000 per minute**"
      ))
  }

  @Test func sessionsLeftOpenGiveTheConcurrentLimitAndABiggerCustomLimit() throws {
    let report = try Self.report([
      "recovery-pattern": .string("when-sessions-close"), "firewall-path": .string("tmg-2010"),
      "isa-log-finding": .string("connection-limit"), "sweep-minutes": .number(10),
      "netbios-over-tcp": .bool(true),
      "session-hold-minutes": .number(15),
    ])
    #expect(report.diagnosis.ranked.first?.cause.id == "isa-concurrent-connection-limit")
    // 50 hosts a minute × 15 minutes = 750, capped at the 500 hosts of the sweep.
    #expect(Self.value(report, "open-sessions") == 500)
    #expect(Self.value(report, "custom-concurrent-limit-to-set") == 630)
    // 128 connections ÷ 15 minutes: 8 hosts a minute keeps under 160 while sessions stay open.
    #expect(Self.value(report, "safe-hosts-per-minute") == 8)
    #expect(Self.value(report, "closed-sessions-hosts-per-minute") == 240)
    #expect(report.plan.map(\.step.id).contains("tmg-open-flood-mitigation"))
  }

  /// Sweep minutes, NetBIOS and session hold answered `unknown`: no numbers, so the steps that
  /// show them stay out and nothing renders "(unknown)".
  @Test
  func withoutTheNumbersThePlanKeepsItsGeneralSteps() throws {
    let report = try Self.report([
      "recovery-pattern": .string("after-a-minute"), "firewall-path": .string("isa-2006-standard"),
      "isa-log-finding": .string("rate-quota"), "sweep-minutes": .unknown,
      "netbios-over-tcp": .unknown,
      "session-hold-minutes": .unknown,
    ])
    #expect(report.calculations.isEmpty)
    let steps = report.plan.map(\.step.id)
    #expect(steps.contains("pace-sweep"))
    #expect(!steps.contains("pace-sweep-computed"))
    #expect(!steps.contains("isa-set-custom-limits"))
    // No template renders "(unknown)". (The confirm step's own text says "If the station's address
    // shows as (unknown) here": knowledge-base wording, left to the lead.)
    let markdown = MarkdownReportRenderer.render(report)
      .replacingOccurrences(of: "address shows as (unknown) here", with: "")
    #expect(!markdown.contains("(unknown)"))
  }
}
