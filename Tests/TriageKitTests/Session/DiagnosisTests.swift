import Testing

@testable import TriageKit

@Suite struct DiagnosisTests {
  private static func isClose(_ lhs: Double, _ rhs: Double) -> Bool { abs(lhs - rhs) < 1e-9 }

  private static func walk(_ kb: KnowledgeBase, _ values: [String: FactValue]) throws -> Walk {
    try Walker.walk(kb, answers: values.mapValues { GivenAnswer($0, Provenance(.user)) })
  }

  @Test func ranksSupportedCausesAndRulesOutTheOthers() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("53"),
        "station-name": .string("PC"),
      ])
    #expect(walk.conclusion?.id == "dns-found")
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["dns-outage", "firewall-block"])
    // dns-outage: 0.3 (no), 0.4 (53), 0.6 (conclusion) → 0.58 → 0.832.
    #expect(Self.isClose(diagnosis.ranked[0].factor, 0.832))
    #expect(Self.isClose(diagnosis.ranked[0].confidence, 0.832))
    #expect(diagnosis.ranked[0].because.map(\.factor) == [0.3, 0.4, 0.6])
    #expect(
      diagnosis.ranked[0].because.map(\.step) == [
        .answered(
          question: "only-this-machine", value: .bool(false), provenance: Provenance(.user),
          automatic: false),
        .answered(
          question: "error-code", value: .string("53"), provenance: Provenance(.user),
          automatic: false),
        .concluded(conclusion: "dns-found"),
      ])
    #expect(Self.isClose(diagnosis.ranked[1].factor, 0.2))
    #expect(diagnosis.ruledOut.map(\.cause.id) == ["rate-limit"])
    #expect(Self.isClose(diagnosis.ruledOut[0].factor, -0.8))
    #expect(diagnosis.ruledOut[0].confidence == 0)
  }

  @Test func planTakesEachStepOnceInRankOrder() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("53"),
        "station-name": .string("PC"),
      ])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    // dns-outage plans get-approval, fix-dns; firewall-block plans fix-dns, get-approval.
    let plan = diagnosis.plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["get-approval", "fix-dns"])
    #expect(
      plan.map(\.causes) == [["dns-outage", "firewall-block"], ["dns-outage", "firewall-block"]])
  }

  @Test func planLeavesOutCausesThatAreRuledOut() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
        "station-name": .string("MGMT-01"),
      ])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["rate-limit"])
    #expect(Self.isClose(diagnosis.ranked[0].factor, 0.916))
    #expect(diagnosis.ruledOut.map(\.cause.id) == ["dns-outage"])
    // rate-limit-found names dns-outage too, but it is ruled out: only rate-limit's plan.
    let plan = diagnosis.plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["get-approval", "add-exception"])
    #expect(plan.map(\.causes) == [["rate-limit"], ["rate-limit"]])
  }

  @Test func noConclusionNoPlan() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(kb, ["only-this-machine": .bool(true)])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["rate-limit"], "support on the way counts already")
    #expect(diagnosis.plan(for: walk, in: kb).isEmpty)
  }

  @Test func tiesKeepTheConclusionsOrderThenTheKnowledgeBases() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: question
          type: yes-no
          ask: A?
          why: W
          choices:
            - { value: "yes", support: { cause-c: 0.5, cause-d: -0.2, cause-e: -0.6, cause-f: 0.3 } }
          next: done
        - id: done
          kind: conclusion
          outcome: diagnosed
          title: T
          text: T
          causes:
            - { cause: cause-b, certainty: 0.5 }
            - { cause: cause-a, certainty: 0.5 }
            - { cause: cause-f, certainty: -0.3 }
            - { cause: cause-g, certainty: 0.8 }
      causes:
        - { id: cause-a, title: A, summary: S, plan: [step] }
        - { id: cause-b, title: B, summary: S, plan: [step] }
        - { id: cause-c, title: C, summary: S, plan: [step] }
        - { id: cause-d, title: D, summary: S, plan: [step] }
        - { id: cause-e, title: E, summary: S, plan: [step] }
        - { id: cause-f, title: F, summary: S, plan: [step] }
        - { id: cause-g, title: G, summary: S, plan: [step] }
      steps:
        - { id: step, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
      """, start: "first")
    let walk = try Self.walk(kb, ["first": .bool(true)])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["cause-g", "cause-b", "cause-a", "cause-c"])
    #expect(
      diagnosis.ruledOut.map(\.cause.id) == ["cause-e", "cause-d"], "most strongly ruled out first")
    // cause-f: 0.3 and −0.3 cancel to 0: neither ranked nor ruled out.
    #expect(!(diagnosis.ranked + diagnosis.ruledOut).contains { $0.cause.id == "cause-f" })
    let plan = diagnosis.plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["step"])
    #expect(
      plan.first?.causes == ["cause-g", "cause-b", "cause-a"], "cause-c is not the conclusion's")
  }
}
