import Testing

@testable import TriageKit

@Suite struct PlanStepTests {
  /// A check is a `confirm` step made from the question: who can find it out comes from its
  /// effort, and how to feed the answer back names the question.
  @Test func checkIsAConfirmStepMadeFromTheQuestion() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(InterviewTests.gated, start: "gate")
    let question = try #require(kb.questions["fw-log"])
    let check = PlanStep(check: question, separates: ["firewall", "station"])
    #expect(check.step.id == "check-fw-log")
    #expect(check.step.title == "Find out: Does the firewall log drops for the station?")
    #expect(check.step.text == question.why)
    #expect(check.step.phase == .confirm)
    #expect(check.step.risk == .low)
    #expect(check.step.permission == Effort.otherTeam.permissionPhrase)
    #expect(check.step.verify.contains("`.change fw-log`"))
    #expect(check.step.verify.contains("`fw-log:`"))
    #expect(check.causes == ["firewall", "station"])
    #expect(check.check == "fw-log")
    #expect(!check.done)
  }

  @Test func knowledgeBaseStepKeepsItsCausesAndDoneMark() throws {
    let kb = try TestKnowledgeBase.load()
    let step = try #require(kb.steps["get-approval"])
    let entry = PlanStep(step: step, causes: ["rate-limit"], done: true)
    #expect(entry.step == step)
    #expect(entry.causes == ["rate-limit"])
    #expect(entry.done)
    #expect(entry.check == nil)
    #expect(PlanStep(step: step, causes: []).done == false)
    #expect(step.phase == .change, "a step without 'phase:' is a change")
  }

  /// The phases sort in the order a plan is carried out.
  @Test func phasesSortInTheOrderOfAPlan() {
    #expect(
      RemediationStep.Phase.allCases.sorted() == [
        .confirm, .approve, .prepare, .change, .apply, .verify, .alternatives,
      ])
    #expect(RemediationStep.Phase.apply > .change)
    #expect(RemediationStep.Phase.alternatives > .verify)
  }
}
