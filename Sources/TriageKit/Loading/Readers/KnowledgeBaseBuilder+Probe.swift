// Reads `kind: probe` steps, checking the probe's name against the vocabulary.
extension KnowledgeBaseBuilder {
  mutating func readProbe(id: String, _ reader: inout MappingReader, context: String)
    -> Node?
  {
    let probe = reader.string("probe")
    let why = reader.string("why")
    let consent = reader.string("consent")
    let next = readRoute(reader.optional("next"), context: "'next' of \(context)")
    let skipped = readRoute(reader.optional("skipped"), context: "'skipped' of \(context)")
    var arguments: [String: String] = [:]
    if let value = reader.optional("arguments") {
      if let entries = value.entries {
        for entry in entries {
          if let text = entry.value.scalarText, !entry.value.isNull {
            arguments[entry.key] = text
          } else {
            diagnostics.append(
              Diagnostic(
                .error, "argument '\(entry.key)' of \(context) must be text",
                at: entry.value.location))
          }
        }
      } else {
        diagnostics.append(
          Diagnostic(
            .error, "expected 'arguments' of \(context) to be a mapping, found \(value.kindName)",
            at: value.location))
      }
    }
    if let probe, let vocabulary, vocabulary.probe(probe) == nil {
      let message =
        "unknown probe '\(probe)' in \(context)"
        + NearestMatch.hint(for: probe, among: vocabulary.probes.map(\.name), listing: true)
      diagnostics.append(
        Diagnostic(.error, message, at: reader.optional("probe")?.location ?? reader.location))
      return nil
    }
    if next == nil {
      diagnostics.append(Diagnostic(.error, "probe step '\(id)' lacks 'next'", at: reader.location))
    }
    guard let probe, let why, let consent, let next else { return nil }
    return .probe(
      ProbeNode(
        id: id, location: reader.location, probe: probe, arguments: arguments, why: why,
        consent: consent, next: next, skipped: skipped ?? next))
  }
}
