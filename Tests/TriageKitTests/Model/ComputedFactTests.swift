import Foundation
import Testing

@testable import TriageKit

/// Computed facts, conditional steps and secondary plans, on the test knowledge base plus a file.
@Suite struct ComputedFactTests {
  static let capacity = KnowledgeBaseFile(
    name: "capacity.yaml",
    contents: """
      computed:
        - id: requests-per-minute
          label: Requests per minute
          value: "hosts * 2 / max(minutes, 1)"
          unit: per minute
          note: The limit is 600
          limits:
            Default limit: 600
            Exceptions: 6000
        - id: minutes
          label: Minutes, derived from the hosts
          value: "hosts / 100"
      steps:
        - id: pace-with-numbers
          title: Pace to {{requests-per-minute}} a minute
          when: known(requests-per-minute)
          text: Slow down.
          risk: low
          permission: none
          verify: It works.
          rollback: Nothing.
      """)

  static func knowledgeBase(extraPlan: Bool = true) throws -> KnowledgeBase {
    var files = TestKnowledgeBase.files
    files[2].contents = files[2].contents.replacingOccurrences(
      of: "plan: [get-approval, add-exception]",
      with: "plan: [get-approval, add-exception, pace-with-numbers]")
    files.append(capacity)
    return try TestKnowledgeBase.loadChecked(files)
  }

  @Test func loadsAndComputesInDependencyOrder() throws {
    let kb = try Self.knowledgeBase()
    #expect(kb.computed.map(\.id) == ["requests-per-minute", "minutes"])
    var facts: [String: Fact] = [
      "hosts": Fact(name: "hosts", value: .number(500), provenance: Provenance(.user))
    ]
    ComputedFact.apply(kb.computed, to: &facts)
    // minutes = 5 is written after the fact that reads it: the second pass settles it.
    #expect(facts["minutes"]?.value == .number(5))
    #expect(facts["requests-per-minute"]?.value == .number(200))
    #expect(
      facts["requests-per-minute"]?.provenance
        == Provenance(.computed, detail: "hosts * 2 / max(minutes, 1)"))
    // The input goes away: so do the computed facts.
    facts["hosts"] = nil
    ComputedFact.apply(kb.computed, to: &facts)
    #expect(facts["minutes"] == nil)
    #expect(facts["requests-per-minute"] == nil)
  }

  @Test func reportShowsTheArithmeticAndTheStepWithItsNumbers() throws {
    let kb = try Self.knowledgeBase()
    var session = Session(id: "s", knowledgeBase: kb, clock: TestKnowledgeBase.clock)
    for (question, value) in [
      ("only-this-machine", FactValue.bool(true)), ("hosts", .number(1500)),
      ("error-code", .string("64")),
      ("station-name", .string("PC")), ("confirm-alone", .bool(true)),
    ] {
      session.answer(question, value)
    }
    let report = try Report(session: session, generatedAt: TestKnowledgeBase.time)
    let minutes = try #require(report.calculations.first { $0.fact.id == "minutes" })
    #expect(minutes.substituted == "1500 ÷ 100")
    let rate = try #require(report.calculations.first { $0.fact.id == "requests-per-minute" })
    #expect(rate.formula == "hosts × 2 ÷ max(minutes, 1)")
    #expect(rate.substituted == "1500 × 2 ÷ max(15, 1)")
    #expect(rate.value == 200)
    let markdown = MarkdownReportRenderer.render(report)
    #expect(markdown.contains("## Capacity arithmetic"))
    #expect(
      markdown.contains(
        "- **Requests per minute** = hosts × 2 ÷ max(minutes, 1) = 1500 × 2 ÷ max(15, 1) = **200 per minute**. The limit is 600"
      ))
    #expect(report.conclusion?.id == "rate-limit-found")
    #expect(report.plan.map(\.step.id) == ["get-approval", "add-exception", "pace-with-numbers"])
    // Headings name the step's phase; all three are `change` steps, in rank order.
    #expect(markdown.contains("### Step 3 (change). Pace to 200 a minute"))
    // The figure against its known limits, as bars in the written order.
    #expect(kb.computed[0].limits.map(\.label) == ["Default limit", "Exceptions"])
    #expect(
      markdown.contains(
        """
        xychart-beta
          title "The sweep against the limits (per minute)"
          x-axis ["requests-per-minute", "Default limit", "Exceptions"]
          y-axis "per minute" 0 --> 6600
          bar [200, 600, 6000]
        """))
    let json = JSONReportRenderer.render(report)
    #expect(json.contains("\"substituted\" : \"1500 × 2 ÷ max(15, 1)\""))
  }

  @Test func stepWithFalseConditionStaysOutOfThePlan() throws {
    let kb = try Self.knowledgeBase()
    let step = try #require(kb.steps["pace-with-numbers"])
    #expect(step.condition?.evaluate([:]) == false)
    let walk = try Walker.walk(kb, answers: [:])
    #expect(walk.conclusion == nil)
    let diagnosis = Diagnosis(walk: walk, knowledgeBase: kb)
    #expect(diagnosis.plan(for: walk, in: kb).isEmpty)
  }

  @Test func badExpressionIsALoadErrorWithItsColumn() {
    var files = TestKnowledgeBase.files
    files.append(
      KnowledgeBaseFile(
        name: "bad.yaml",
        contents: """
          computed:
            - id: broken
              label: Broken
              value: hosts * * 2
          """))
    #expect(
      TestKnowledgeBase.diagnostics(files) == [
        "kb/bad.yaml:4:20: error: value of computed fact 'broken' does not parse: expected a number, a fact or '(', found '*'"
      ])
  }

  @Test func aLimitThatIsNotANumberIsAnErrorAtItsPlace() {
    var files = TestKnowledgeBase.files
    files.append(
      KnowledgeBaseFile(
        name: "bad.yaml",
        contents: """
          computed:
            - id: rate
              label: Rate
              value: "hosts * 2"
              limits:
                ISA default: lots
                Other: 5
          """))
    #expect(
      TestKnowledgeBase.diagnostics(files) == [
        "kb/bad.yaml:6:20: error: expected limit 'ISA default' of computed fact 'rate' to be a number of 0 or more, found 'lots'"
      ])
  }

  @Test func lintFindsUnknownFactsInComputedFactsAndWhen() throws {
    var files = TestKnowledgeBase.files
    files.append(
      KnowledgeBaseFile(
        name: "bad.yaml",
        contents: """
          computed:
            - id: rate
              label: Rate
              value: "hostz * 2 + tcp.syn-sent"
          """))
    let (kb, _) = KnowledgeBaseLoader.load(files, root: "kb")
    let lint = KnowledgeBaseLinter.lint(try #require(kb)).map(\.description)
    #expect(
      lint.contains {
        $0.contains("computed fact 'rate' uses fact 'hostz'") && $0.contains("did you mean 'hosts'")
      })
    #expect(!lint.contains { $0.contains("tcp.syn-sent") })
  }

  @Test func reportNumbersAreGrouped() {
    #expect(Report.number(1000) == "1,000")
    #expect(Report.number(1_234_567) == "1,234,567")
    #expect(Report.number(8.34) == "8.3")
    #expect(Report.number(-1500) == "-1,500")
    #expect(Report.number(999) == "999")
  }
}
