import TriageEvidence
import TriageKit
import TriageProbes

/// The vocabulary of this build: the facts every evidence importer and every probe declares, and
/// the probes, assembled once here and handed to the knowledge-base loader (and so the linter).
enum DeclaredVocabulary {
  /// Evidence kinds first (in registry order), then probes.
  static let standard = Vocabulary(
    sources: EvidenceImporters.declaredFacts, probes: ProbeRegistry.declarations)
}
