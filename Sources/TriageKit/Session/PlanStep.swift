/// One step of a remediation plan, with the causes it serves.
public struct PlanStep: Sendable {
  /// The step; for a check, one made from the question to ask.
  public var step: RemediationStep
  /// The causes whose plans hold it, in rank order; for a check, the causes it separates.
  public var causes: [String]
  /// Already confirmed by what is known (its `done-when:` holds): shown as done, not to do.
  public var done: Bool
  /// For a check: the question whose answer would decide between the leading causes.
  public var check: String?
  /// In an inconclusive plan, the leading cause this step remedies once the checks confirm it:
  /// the step is to be done only then.
  public var ifConfirmed: String?

  /// A step of the knowledge base.
  public init(
    step: RemediationStep, causes: [String], done: Bool = false, ifConfirmed: String? = nil
  ) {
    self.step = step
    self.causes = causes
    self.done = done
    check = nil
    self.ifConfirmed = ifConfirmed
  }

  /// A check: find out the answer to `question`, which separates `separates`.
  public init(check question: QuestionNode, separates: [String]) {
    step = RemediationStep(
      id: "check-\(question.id)", title: "Find out: \(question.ask)", text: question.why,
      risk: .low, permission: question.effort.permissionPhrase,
      verify: "Answer it (`.change \(question.id)` in the session, or `\(question.id):` in the "
        + "answer file) and run the triage again.",
      rollback: "Nothing to undo: this only looks.", references: [],
      location: question.location, phase: .confirm)
    causes = separates
    done = false
    check = question.id
    ifConfirmed = nil
  }
}
