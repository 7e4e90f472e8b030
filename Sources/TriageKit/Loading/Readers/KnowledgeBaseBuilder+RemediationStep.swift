// Reads the `steps:` list: remediation steps with risk, phase and conditions.
extension KnowledgeBaseBuilder {
  mutating func readStep(_ value: YAMLValue) {
    guard var reader = MappingReader(value, context: "a step", diagnostics: &diagnostics) else {
      return
    }
    defer {
      reader.finish()
      diagnostics += reader.diagnostics
    }
    guard let id = reader.string("id") else { return }
    let title = reader.string("title")
    let text = reader.string("text")
    let riskName = reader.string("risk")
    let permission = reader.string("permission")
    let verify = reader.string("verify")
    let rollback = reader.string("rollback")
    let references = reader.stringList("references").map(\.0)
    var risk: RemediationStep.Risk?
    if let riskName {
      risk = RemediationStep.Risk(rawValue: riskName)
      if risk == nil {
        diagnostics.append(
          Diagnostic(
            .error, "unknown risk '\(riskName)' in step '\(id)' (expected low, medium or high)",
            at: reader.location))
      }
    }
    guard let title, let text, let risk, let permission, let verify, let rollback,
      claim(id, at: reader.location, kind: "step")
    else { return }
    var step = RemediationStep(
      id: id, title: title, text: text, risk: risk, permission: permission, verify: verify,
      rollback: rollback,
      references: references, location: reader.location)
    step.phase =
      readEnum(
        RemediationStep.Phase.self, reader.string("phase", required: false), key: "phase",
        of: "step '\(id)'", at: reader.optional("phase")?.location) ?? .change
    step.done = readCondition(
      reader.string("done-when", required: false), key: "done-when", of: "step '\(id)'",
      at: reader.optional("done-when"), or: reader.location)
    step.doneText = reader.string("done", required: false)
    if step.done != nil, step.doneText == nil {
      diagnostics.append(
        Diagnostic(
          .error, "step '\(id)' has 'done-when' but no 'done' text saying what was confirmed",
          at: reader.location))
    }
    if let text = reader.string("when", required: false),
      let condition = parsed(
        text, at: reader.optional("when"), or: reader.location, "'when' of step '\(id)'",
        ConditionParser.parse)
    {
      step.condition = condition
      step.conditionText = text
    }
    steps[id] = step
  }
}
