import Testing

@testable import TriageKit

@Suite struct UnfilledTemplateCheckTests {
  /// A question `station` (text) and `hosts` (number), a computed fact from `hosts`, a conclusion
  /// and a step whose texts are `conclusion` and `step`, the step's `when:` being `when`.
  static func knowledgeBase(
    conclusion: String = "T", cause: String = "S", question: String = "A?", step: String = "T",
    when: String? = nil, done: (condition: String, text: String)? = nil
  ) throws -> KnowledgeBase {
    var stepLines = [
      "  - id: step", "    title: \"\(step)\"", "    text: T", "    risk: low", "    permission: P",
      "    verify: V", "    rollback: R",
    ]
    if let when { stepLines.append("    when: \(when)") }
    if let done {
      stepLines += ["    done-when: \(done.condition)", "    done: \"\(done.text)\""]
    }
    return try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: station, kind: question, type: text, ask: "\(question)", why: W, next: hosts }
        - { id: hosts, kind: question, type: number, ask: A?, why: W, next: done }
        - id: done
          kind: conclusion
          outcome: diagnosed
          title: "\(conclusion)"
          text: T
          causes: [limit]
      computed:
        - { id: rate, label: Rate, value: "hosts * 2" }
      causes:
        - { id: limit, title: T, summary: "\(cause)", plan: [step] }
      steps:
      \(stepLines.joined(separator: "\n"))
      """, start: "station")
  }

  static func found(_ knowledgeBase: KnowledgeBase) -> [String] {
    UnfilledTemplateCheck().check(knowledgeBase).map(\.description)
  }

  @Test func templatesWithAWordingForNoValueAreClean() throws {
    #expect(Self.found(try Self.knowledgeBase()).isEmpty)
    #expect(
      Self.found(
        try Self.knowledgeBase(
          conclusion: "{{station|The station}} is limited", cause: "about {{hosts|some}} hosts",
          question: "Is {{station|it}} up?", step: "Pace to {{rate|a safe rate}}")
      ).isEmpty)
  }

  /// A step may use a bare template when its `when:` requires the fact: a comparison, a yes-no
  /// fact, `known(…)` of a computed fact (and then that fact's inputs too).
  @Test func stepWhoseConditionRequiresTheFactIsClean() throws {
    #expect(Self.found(try Self.knowledgeBase(step: "{{hosts}} hosts", when: "hosts > 0")).isEmpty)
    #expect(
      Self.found(
        try Self.knowledgeBase(step: "{{rate}} from {{hosts}}", when: "known(rate)")
      ).isEmpty)
    #expect(
      Self.found(
        try Self.knowledgeBase(
          step: "T", done: (condition: "station == \"pc\"", text: "seen on {{station}}"))
      ).isEmpty)
  }

  @Test func bareTemplatesThatMayHaveNoValueAreErrors() throws {
    let found = Self.found(
      try Self.knowledgeBase(
        conclusion: "{{station}} is limited", cause: "about {{hosts}} hosts",
        question: "Is {{station}} up?"))
    #expect(
      found == [
        "kb/knowledge-base.yaml:7:5: error: '{{station}}' in question 'station' may have no value when shown: give it a wording for that ('{{station|…}}') or a 'when:' that requires it",
        "kb/knowledge-base.yaml:9:5: error: '{{station}}' in conclusion 'done' may have no value when shown: give it a wording for that ('{{station|…}}') or a 'when:' that requires it",
        "kb/knowledge-base.yaml:18:5: error: '{{hosts}}' in cause 'limit' may have no value when shown: give it a wording for that ('{{hosts|…}}') or a 'when:' that requires it",
      ])
  }

  /// A `when:` that does not require the fact (an `or`, `known(…)` of a question's fact, which
  /// holds for `unknown`, a negation) does not excuse a bare template.
  @Test(arguments: ["hosts > 0 or station == \"pc\"", "known(hosts)", "not (hosts > 0)"])
  func conditionThatDoesNotRequireTheFactIsNoExcuse(when: String) throws {
    let found = Self.found(try Self.knowledgeBase(step: "{{hosts}} hosts", when: when))
    #expect(found.count == 1)
    #expect(found.first?.contains("'{{hosts}}' in step 'step' may have no value") == true)
  }

  @Test func isRegisteredWithTheLinter() {
    #expect(KnowledgeBaseLinter.checks.contains { $0 is UnfilledTemplateCheck })
    #expect(UnfilledTemplateCheck().name == "unfilled-template")
  }
}
