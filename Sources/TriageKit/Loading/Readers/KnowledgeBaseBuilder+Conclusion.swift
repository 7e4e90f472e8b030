// Reads `kind: conclusion` nodes and the causes they point to.
extension KnowledgeBaseBuilder {
  mutating func readConclusion(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let outcomeName = reader.string("outcome")
    let title = reader.string("title")
    let text = reader.string("text")
    var links: [ConclusionNode.CauseLink] = []
    if let list = reader.optional("causes") {
      for item in list.items ?? [] {
        if let causeID = item.scalarText, !item.isNull {
          links.append(
            ConclusionNode.CauseLink(cause: causeID, certainty: 0, location: item.location))
          continue
        }
        guard
          var link = MappingReader(
            item, context: "a cause of \(context)", diagnostics: &diagnostics)
        else {
          continue
        }
        let cause = link.string("cause")
        let certainty = link.number("certainty") ?? 0
        // Written so NaN fails too: `certainty: .nan` once combined into a diagnosis of NaN.
        if !(certainty >= -1 && certainty <= 1) {
          diagnostics.append(
            Diagnostic(.error, "certainty must be from -1 to 1 in \(context)", at: link.location))
        }
        link.finish()
        diagnostics += link.diagnostics
        if let cause {
          links.append(
            ConclusionNode.CauseLink(cause: cause, certainty: certainty, location: link.location))
        }
      }
    }
    guard let outcomeName, let title, let text else { return nil }
    guard let outcome = ConclusionNode.Outcome(rawValue: outcomeName) else {
      diagnostics.append(
        Diagnostic(
          .error,
          "unknown outcome '\(outcomeName)' in \(context) (expected 'diagnosed' or 'inconclusive')",
          at: reader.location))
      return nil
    }
    return .conclusion(
      ConclusionNode(
        id: id, location: reader.location, outcome: outcome, title: title, text: text, causes: links
      ))
  }
}
