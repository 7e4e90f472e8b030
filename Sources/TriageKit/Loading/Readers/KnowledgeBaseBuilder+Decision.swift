// Reads `kind: decision` nodes: branches with conditions, and `otherwise`.
extension KnowledgeBaseBuilder {
  mutating func readDecision(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    var branches: [DecisionNode.Branch] = []
    if let list = reader.optional("branches") {
      for item in list.items ?? [] {
        guard
          var branch = MappingReader(
            item, context: "a branch of \(context)", diagnostics: &diagnostics)
        else {
          continue
        }
        let text = branch.string("when")
        let whenValue = branch.optional("when")
        let next = branch.string("next")
        let support = readSupport(branch.optional("support"), context: "a branch of \(context)")
        branch.finish()
        diagnostics += branch.diagnostics
        guard let text, let next,
          let condition = parsed(
            text, at: whenValue, or: branch.location, "condition", ConditionParser.parse)
        else { continue }
        branches.append(
          DecisionNode.Branch(
            condition: condition, text: text,
            route: Route(
              next: next, support: support,
              location: branch.optional("next")?.location ?? branch.location)))
      }
      if list.items == nil {
        diagnostics.append(
          Diagnostic(.error, "expected 'branches' of \(context) to be a list", at: list.location))
      }
    } else {
      diagnostics.append(Diagnostic(.error, "\(context) lacks 'branches'", at: reader.location))
    }
    let otherwise = readRoute(reader.optional("otherwise"), context: "'otherwise' of \(context)")
    if otherwise == nil {
      diagnostics.append(
        Diagnostic(.error, "decision '\(id)' lacks 'otherwise'", at: reader.location))
    }
    guard let otherwise else { return nil }
    return .decision(
      DecisionNode(id: id, location: reader.location, branches: branches, otherwise: otherwise))
  }
}
