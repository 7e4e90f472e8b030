import TriageKit

extension EvidenceImporters {
  /// The facts evidence gives, by kind (`netstat`, `eventlog`…), in registry order: the evidence
  /// part of the ``Vocabulary`` the command line assembles.
  public static var declaredFacts: [(name: String, facts: [FactDeclaration])] {
    var sources: [(name: String, facts: [FactDeclaration])] = []
    for importer in all {
      let kind = importer.kind.rawValue
      if let at = sources.firstIndex(where: { $0.name == kind }) {
        let known = Set(sources[at].facts.map(\.name))
        sources[at].facts += importer.facts.filter { !known.contains($0.name) }
      } else {
        sources.append((kind, importer.facts))
      }
    }
    return sources
  }
}
