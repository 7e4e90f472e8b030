import Foundation
import Testing

@testable import TriageKit

/// Issue 10's done-when on the shipped knowledge base: evidence that arrives after its question was
/// answered "not checked yet" settles it and shows the confirmation as done; evidence that disagrees
/// with a person's answer is shown, not applied.
@Suite("Late evidence on the shipped knowledge base")
struct LateEvidenceTests {
  static let knowledgeBase: KnowledgeBase = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("KnowledgeBase")
    // swift-format-ignore: NeverUseForceTry
    return try! KnowledgeBaseLoader.loadChecked(
      try! KnowledgeBaseLoader.files(in: folder), root: "KnowledgeBase")
  }()

  /// An ISA log with 41 × 0xC0040037 for the station, as the log importers report it.
  static let isaLog = Observation(
    origin: .evidence, kind: "isa-log", format: "w3c", label: "isa.log (pasted at 10:42)",
    facts: ["isa.records": .number(120), "isa.0xc0040037": .number(41)],
    figures: ["41 × 0xC0040037"], raw: "")

  static func session(_ answers: [(String, FactValue)]) -> Session {
    var session = Session(id: "late", knowledgeBase: knowledgeBase, clock: TestKnowledgeBase.clock)
    for (question, value) in answers { session.answer(question, value) }
    return session
  }

  @Test func aLogPastedAfterNotCheckedYetSettlesItAndTheConfirmationIsDone() throws {
    var session = Self.session([
      ("only-this-machine", .bool(true)), ("recovery-pattern", .string("after-a-minute")),
      ("firewall-path", .string("isa-2006-standard")), ("isa-log-finding", .string("not-checked")),
    ])
    let before = try session.walk()
    #expect(
      before.answers.first { $0.question == "isa-log-finding" }?.value == .string("not-checked"))
    session.observe(Self.isaLog)
    let after = try session.walk()
    let settled = Settlement(from: before, to: after).settled
    #expect(settled.map(\.question).contains("isa-log-finding"))
    let answer = try #require(after.answers.first { $0.question == "isa-log-finding" })
    #expect(answer.value == .string("rate-quota"))
    #expect(answer.automatic)
    #expect(answer.provenance.source == .evidence)
    #expect(after.contradictions.isEmpty)
    // Whatever else the interview asks stays unknown; then the plan shows the log as checked.
    try Self.answerTheRestUnknown(&session)
    let report = try Report(session: session, generatedAt: TestKnowledgeBase.time)
    let confirm = try #require(report.plan.first { $0.step.id == "isa-confirm-in-firewall-log" })
    #expect(confirm.done)
    #expect(report.plan.first?.step.phase == .confirm)
  }

  @Test func evidenceThatDisagreesWithAPersonIsShownNotApplied() throws {
    var session = Self.session([
      ("firewall-path", .string("isa-2006-standard")), ("isa-log-finding", .string("nothing")),
    ])
    let before = try session.walk()
    session.observe(Self.isaLog)
    let after = try session.walk()
    #expect(after.answers.first { $0.question == "isa-log-finding" }?.value == .string("nothing"))
    let contradiction = try #require(Settlement(from: before, to: after).contradictions.first)
    #expect(contradiction.question == "isa-log-finding")
    #expect(contradiction.given == .string("nothing"))
    #expect(contradiction.observed == .string("rate-quota"))
  }

  static func answerTheRestUnknown(_ session: inout Session) throws {
    for _ in 0..<200 {
      let walk = try session.walk()
      if let probe = walk.pendingProbe {
        session.record(.declined(node: probe.id))
      } else if let question = walk.pendingQuestion {
        session.answer(question.id, .unknown)
      } else {
        return
      }
    }
  }

  @Test func noRenderedTextOfAnAllUnknownSessionSaysUnknownOrShowsATemplate() throws {
    var session = Self.session([])
    try Self.answerTheRestUnknown(&session)
    #expect(try session.walk().conclusion != nil)
    let report = try Report(session: session, generatedAt: TestKnowledgeBase.time)
    let markdown = MarkdownReportRenderer.render(report)
    #expect(!markdown.contains("(unknown)"))
    #expect(!markdown.contains("{{"))
  }
}

/// Issue 10's done-when: a walk with every gate answered "unknown" but one decisive station fact
/// reaches that fact's cause, whether a person gives the fact or pasted evidence does.
@Suite("One decisive station fact on the shipped knowledge base")
struct DecisiveFactTests {
  static func ending(
    answers: [(String, FactValue)] = [], observed: [String: FactValue] = [:]
  ) throws -> (outcome: ConclusionNode.Outcome?, top: String?) {
    var session = LateEvidenceTests.session(answers)
    if !observed.isEmpty {
      session.observe(
        Observation(
          origin: .evidence, kind: "kernel-log", format: "test", label: "pasted",
          facts: observed, figures: [], raw: ""))
    }
    try LateEvidenceTests.answerTheRestUnknown(&session)
    let walk = try session.walk()
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: LateEvidenceTests.knowledgeBase)
    return (walk.conclusion?.outcome, diagnosis.ranked.first?.cause.id)
  }

  @Test func event4226OnXPSP2IsTheHalfOpenLimit() throws {
    let end = try Self.ending(answers: [
      ("station-os", .string("xp-sp2")), ("event-4226", .bool(true)),
    ])
    #expect(end.outcome == .diagnosed)
    #expect(end.top == "half-open-connect-limit")
  }

  @Test func emfileIsTheDescriptorLimit() throws {
    let end = try Self.ending(answers: [("unix-symptom", .string("too-many-open-files"))])
    #expect(end.outcome == .diagnosed)
    #expect(end.top == "local-descriptor-limit")
  }

  @Test func eaddrnotavailIsEphemeralPortExhaustion() throws {
    let end = try Self.ending(answers: [("error-code", .list(["eaddrnotavail"]))])
    #expect(end.outcome == .diagnosed)
    #expect(end.top == "ephemeral-port-exhaustion")
  }

  @Test func conntrackTableFullInThePastedKernelLogIsConntrack() throws {
    let end = try Self.ending(observed: ["kernel.conntrack-full": .number(12)])
    #expect(end.outcome == .diagnosed)
    #expect(end.top == "conntrack-table-full")
  }

  /// The other side: an error that other faults give as well leads without being established.
  @Test func error10055AloneLeadsButIsNotEstablished() throws {
    let end = try Self.ending(answers: [("error-code", .list(["10055"]))])
    #expect(end.outcome == .inconclusive)
    #expect(end.top == "ephemeral-port-exhaustion")
  }
}
