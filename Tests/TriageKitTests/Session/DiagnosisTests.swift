import Testing

@testable import TriageKit

@Suite struct DiagnosisTests {
  private static func isClose(_ lhs: Double, _ rhs: Double) -> Bool { abs(lhs - rhs) < 1e-9 }

  private static func walk(_ kb: KnowledgeBase, _ values: [String: FactValue]) throws -> Walk {
    try Walker.walk(kb, answers: values.mapValues { GivenAnswer($0, Provenance(.user)) })
  }

  /// The ranking comes from the answers alone: dns-outage 0.3 (no) and 0.4 (53) give 0.58; the
  /// conclusion the tree reaches (`dns-found`, dns-outage 0.6, firewall-block 0.2) adds nothing,
  /// so firewall-block has no support at all and dns-outage, short of 0.7, is not established.
  @Test func ranksSupportedCausesAndRulesOutTheOthers() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("53"),
        "station-name": .string("PC"),
      ])
    #expect(walk.visited.last == "dns-found")
    #expect(walk.conclusion?.id == "no-cause-established")
    #expect(walk.conclusion?.causes.map(\.cause) == ["dns-outage"])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["dns-outage"])
    // dns-outage: 0.3 (no), 0.4 (53) → 0.3 + 0.4 × 0.7 = 0.58.
    #expect(Self.isClose(diagnosis.ranked[0].factor, 0.58))
    #expect(Self.isClose(diagnosis.ranked[0].confidence, 0.58))
    #expect(diagnosis.ranked[0].because.map(\.factor) == [0.3, 0.4])
    #expect(
      diagnosis.ranked[0].because.map(\.step) == [
        .answered(
          question: "only-this-machine", value: .bool(false), provenance: Provenance(.user),
          automatic: false),
        .answered(
          question: "error-code", value: .string("53"), provenance: Provenance(.user),
          automatic: false),
      ])
    #expect(diagnosis.ruledOut.map(\.cause.id) == ["rate-limit"])
    #expect(Self.isClose(diagnosis.ruledOut[0].factor, -0.8))
    #expect(diagnosis.ruledOut[0].confidence == 0)
  }

  /// An inconclusive outcome with nothing left to ask and no `confirm` step plans no check; its
  /// leading cause (dns-outage, 0.58, nothing else supported) gets its remedy, marked as waiting
  /// for the checks to confirm it.
  @Test func inconclusivePlanHoldsTheLeadersRemedyIfConfirmed() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(false), "hosts": .number(500), "error-code": .string("53"),
        "station-name": .string("PC"),
      ])
    #expect(walk.conclusion?.outcome == .inconclusive)
    #expect(walk.checks.isEmpty)
    let plan = Diagnosis(walk: walk, knowledgeBase: kb).plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["get-approval", "fix-dns"])
    #expect(plan.allSatisfy { $0.ifConfirmed == "dns-outage" })
  }

  /// A leader too weak (below 0.4) or not clearly ahead gets no remedy planned; two leaders tied
  /// and both clearly ahead of the rest each get theirs.
  @Test func remediesWaitForAClearLeadOrAPairOfLeaders() throws {
    func plan(_ support: String) throws -> [PlanStep] {
      let kb = try TestKnowledgeBase.loadSingleFile(
        """
        nodes:
          - id: first
            kind: question
            type: yes-no
            ask: A?
            why: W
            choices:
              - { value: "yes", support: \(support) }
            next: end
          - id: end
            kind: conclusion
            outcome: inconclusive
            title: T
            text: T
        causes:
          - { id: cause-a, title: A, summary: S, plan: [check-a, fix-a] }
          - { id: cause-b, title: B, summary: S, plan: [fix-b] }
          - { id: cause-c, title: C, summary: S, plan: [fix-c] }
        steps:
          - { id: check-a, phase: confirm, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
          - { id: fix-a, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
          - { id: fix-b, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
          - { id: fix-c, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
        """, start: "first")
      let walk = try Self.walk(kb, ["first": .bool(true)])
      return Diagnosis(walk: walk, knowledgeBase: kb).plan(for: walk, in: kb)
    }
    let clear = try plan("{ cause-a: 0.5, cause-b: 0.2 }")
    #expect(clear.map(\.step.id) == ["check-a", "fix-a"])
    #expect(clear.map(\.ifConfirmed) == [nil, "cause-a"])
    #expect(try plan("{ cause-a: 0.35 }").isEmpty)
    #expect(try plan("{ cause-a: 0.5, cause-b: 0.35 }").isEmpty)
    let pair = try plan("{ cause-a: 0.5, cause-b: 0.5, cause-c: 0.1 }")
    #expect(pair.compactMap(\.ifConfirmed) == ["cause-a", "cause-b"])
    #expect(
      try plan("{ cause-a: 0.5, cause-b: 0.5, cause-c: 0.4 }").compactMap(\.ifConfirmed).isEmpty)
  }

  @Test func planLeavesOutCausesWithoutSupport() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(
      kb,
      [
        "only-this-machine": .bool(true), "hosts": .number(500), "error-code": .string("64"),
        "station-name": .string("MGMT-01"),
      ])
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["rate-limit"])
    // 0.4 (yes), 0.5 (64), 0.3 (sweep-size) → 0.79; the conclusion's 0.6 no longer counts.
    #expect(Self.isClose(diagnosis.ranked[0].factor, 0.79))
    // The conclusion's −0.3 for dns-outage no longer counts either: nothing speaks against it.
    #expect(diagnosis.ruledOut.isEmpty)
    // rate-limit-found names dns-outage too, but no fact supports it: only rate-limit's plan.
    #expect(walk.conclusion?.id == "rate-limit-found")
    let plan = diagnosis.plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["get-approval", "add-exception"])
    #expect(plan.map(\.causes) == [["rate-limit"], ["rate-limit"]])
    #expect(plan.allSatisfy { !$0.done && $0.check == nil })
  }

  @Test func noConclusionNoPlan() throws {
    let kb = try TestKnowledgeBase.load()
    let walk = try Self.walk(kb, ["only-this-machine": .bool(true)])
    #expect(walk.conclusion == nil)
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["rate-limit"], "support on the way counts already")
    #expect(diagnosis.plan(for: walk, in: kb).isEmpty)
  }

  /// Equal factors keep the order the conclusion lists its causes, then the knowledge base's. The
  /// group conclusion `done` names cause-b and cause-a, tied at 0.8 and 0.3 ahead of the rest, so
  /// it is established; cause-f's 0.3 and −0.3 cancel.
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
            - value: "yes"
              support: { cause-c: 0.5, cause-d: -0.2, cause-e: -0.6, cause-f: 0.3, cause-a: 0.8, cause-b: 0.8, cause-g: 0.5 }
          next: second
        - id: second
          kind: question
          type: yes-no
          ask: B?
          why: W
          choices:
            - { value: "yes", support: { cause-f: -0.3 } }
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
    let walk = try Self.walk(kb, ["first": .bool(true), "second": .bool(true)])
    #expect(walk.conclusion?.id == "done")
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.ranked.map(\.cause.id) == ["cause-b", "cause-a", "cause-g", "cause-c"])
    #expect(
      diagnosis.ruledOut.map(\.cause.id) == ["cause-e", "cause-d"], "most strongly ruled out first")
    // cause-f: 0.3 and −0.3 cancel to 0: neither ranked nor ruled out.
    #expect(!(diagnosis.ranked + diagnosis.ruledOut).contains { $0.cause.id == "cause-f" })
    let plan = diagnosis.plan(for: walk, in: kb)
    #expect(plan.map(\.step.id) == ["step"])
    #expect(
      plan.first?.causes == ["cause-b", "cause-a", "cause-g"],
      "cause-c is not the conclusion's, and at 0.5 below the secondary threshold")
  }

  // MARK: - Established

  /// Causes x, y, z; `both` is a diagnosed conclusion naming x and y together, `only-x` one for x
  /// alone; z `requires:` the yes-no fact `isa`.
  static let establishment = """
    nodes:
      - { id: isa, kind: question, type: yes-no, ask: ISA?, why: W, next: only-x }
      - { id: only-x, kind: conclusion, outcome: diagnosed, title: X, text: T, causes: [x] }
      - { id: both, kind: conclusion, outcome: diagnosed, title: XY, text: T, causes: [y, x] }
      - { id: only-z, kind: conclusion, outcome: diagnosed, title: Z, text: T, causes: [z] }
    causes:
      - { id: x, title: X, summary: S, plan: [] }
      - { id: y, title: Y, summary: S, plan: [] }
      - { id: z, title: Z, summary: S, plan: [], requires: isa }
    """

  private static func established(
    _ factors: [String: Double], answers: [String: FactValue] = [:]
  ) throws -> Diagnosis.Establishment? {
    let kb = try TestKnowledgeBase.loadSingleFile(establishment, start: "isa")
    let facts = FactBase(kb, answers: answers.mapValues { GivenAnswer($0, Provenance(.user)) })
    return Diagnosis.established(factors, knowledgeBase: kb, facts: facts)
  }

  /// A cause is established at 0.7 or more, 0.2 or more ahead of the next, with the diagnosed
  /// conclusion that names it first.
  @Test func establishedNeedsTheThresholdAndTheMargin() throws {
    #expect(Diagnosis.establishedThreshold == 0.7)
    #expect(Diagnosis.leadMargin == 0.2)
    let atThreshold = try Self.established(["x": 0.7])
    #expect(atThreshold?.cause == "x")
    #expect(atThreshold?.conclusion?.id == "only-x")
    #expect(try Self.established(["x": 0.69]) == nil, "below the threshold")
    #expect(try Self.established(["x": 0.9, "z": 0.7])?.cause == "x", "0.2 ahead")
    #expect(try Self.established(["x": 0.9, "z": 0.71]) == nil, "less than 0.2 ahead")
    // A rival's negative factor counts as 0.
    #expect(try Self.established(["x": 0.7, "z": -0.9])?.cause == "x")
  }

  /// Two causes that a diagnosed conclusion names together are established together when they
  /// lead the rest by the margin; the conclusion is that group's.
  @Test func establishedGroupConclusionNamesTheLeadersTogether() throws {
    let group = try Self.established(["x": 0.8, "y": 0.75, "z": 0.3])
    #expect(group?.cause == "x")
    #expect(group?.conclusion?.id == "both")
    // Tied: the knowledge base's order of causes picks the cause, the group conclusion stays.
    #expect(try Self.established(["x": 0.8, "y": 0.8])?.cause == "x")
    #expect(try Self.established(["x": 0.8, "y": 0.8])?.conclusion?.id == "both")
    // The rival outside the group must still be 0.2 behind.
    #expect(try Self.established(["x": 0.8, "y": 0.75, "z": 0.65]) == nil)
  }

  /// `requires:` must hold: undecided (not answered) or false keeps the cause from being
  /// established, however strong.
  @Test func establishedNeedsWhatTheCauseRequires() throws {
    #expect(try Self.established(["z": 0.95]) == nil, "isa not answered yet")
    #expect(try Self.established(["z": 0.95], answers: ["isa": .bool(false)]) == nil)
    #expect(try Self.established(["z": 0.95], answers: ["isa": .unknown]) == nil)
    let held = try Self.established(["z": 0.95], answers: ["isa": .bool(true)])
    #expect(held?.cause == "z")
    #expect(held?.conclusion?.id == "only-z")
  }

  // MARK: - Plans

  /// Cause a (plan: verify, two OS-specific changes, a confirm step done when the log shows it,
  /// approval) and cause b (approval, the confirm step, an alternative); `symptom yes` gives a 0.9
  /// and b 0.5, the firewall log adds 0.3 to b (0.65, above the secondary threshold).
  static let plans = """
    nodes:
      - id: symptom
        kind: question
        type: yes-no
        ask: S?
        why: W
        choices:
          - { value: "yes", support: { cause-a: 0.9, cause-b: 0.5 } }
        next: log
      - id: log
        kind: question
        type: yes-no
        ask: L?
        why: W
        effort: other-team
        choices:
          - { value: "yes", support: { cause-b: 0.3 } }
        next: os
      - id: os
        kind: question
        type: choice
        ask: OS?
        why: W
        choices:
          - { value: windows, label: Windows }
          - { value: linux, label: Linux }
        next: done
      - { id: done, kind: conclusion, outcome: diagnosed, title: T, text: T, causes: [cause-a] }
    causes:
      - { id: cause-a, title: A, summary: S, plan: [verify-it, change-windows, change-linux, confirm-log, approve] }
      - { id: cause-b, title: B, summary: S, plan: [approve, confirm-log, alternative] }
    steps:
      - { id: verify-it, phase: verify, title: V, text: T, risk: low, permission: P, verify: V, rollback: R }
      - { id: change-windows, phase: change, when: os == "windows", title: W, text: T, risk: low, permission: P, verify: V, rollback: R }
      - { id: change-linux, phase: change, when: os == "linux", title: L, text: T, risk: low, permission: P, verify: V, rollback: R }
      - { id: confirm-log, phase: confirm, done-when: log, done: Seen in the log., title: C, text: T, risk: low, permission: P, verify: V, rollback: R }
      - { id: approve, phase: approve, title: A, text: T, risk: low, permission: P, verify: V, rollback: R }
      - { id: alternative, phase: alternatives, title: O, text: T, risk: low, permission: P, verify: V, rollback: R }
    """

  private static func plan(_ values: [String: FactValue]) throws -> (Walk, [PlanStep]) {
    let kb = try TestKnowledgeBase.loadSingleFile(plans, start: "symptom")
    let walk = try Self.walk(kb, values)
    return (walk, Diagnosis(walk: walk, knowledgeBase: kb).plan(for: walk, in: kb))
  }

  /// Steps of several causes merge by phase (confirm, approve, change, verify, alternatives), each
  /// once with every cause that plans it; a step whose `when:` is false is left out, one whose
  /// `done-when:` holds is marked done; b's steps join as a secondary cause (0.65 ≥ 0.6).
  @Test func planMergesByPhaseDropsFalseStepsAndMarksDoneOnes() throws {
    let (walk, plan) = try Self.plan([
      "symptom": .bool(true), "log": .bool(true), "os": .string("windows"),
    ])
    #expect(walk.conclusion?.id == "done")
    #expect(
      plan.map(\.step.id) == [
        "confirm-log", "approve", "change-windows", "verify-it", "alternative",
      ])
    #expect(plan.map(\.step.phase) == [.confirm, .approve, .change, .verify, .alternatives])
    #expect(
      plan.map(\.causes) == [
        ["cause-a", "cause-b"], ["cause-a", "cause-b"], ["cause-a"], ["cause-a"], ["cause-b"],
      ])
    #expect(plan.map(\.done) == [true, false, false, false, false])
  }

  /// Without the log, b stays at 0.5 (below the secondary threshold): its alternative is not in
  /// the plan and the confirm step is to do. The OS answered `unknown` leaves both OS steps in:
  /// a `when:` that reads what nobody knows keeps its step.
  @Test func planKeepsStepsWhoseConditionNobodyCanDecide() throws {
    let (walk, plan) = try Self.plan([
      "symptom": .bool(true), "log": .bool(false), "os": .unknown,
    ])
    #expect(walk.conclusion?.id == "done")
    #expect(
      plan.map(\.step.id) == [
        "confirm-log", "approve", "change-windows", "change-linux", "verify-it",
      ])
    #expect(plan.allSatisfy { $0.causes == ["cause-a"] && !$0.done })
  }
}
