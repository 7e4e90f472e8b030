import TriageKit

/// Reads one format of evidence. One importer per file; ``EvidenceImporters/all`` lists them.
public protocol EvidenceImporter: Sendable {
  /// The kind it produces.
  static var kind: EvidenceKind { get }
  /// What it reads, for `nettriage parse --help` and the unrecognised-input message.
  static var summary: String { get }
  /// How sure it is that `text` is its format, from 0 (not at all) to 100 (its unmistakable
  /// header). Looks at the first lines only.
  static func recognition(of text: EvidenceText) -> Int
  /// Reads `text`; throws with the line and what was expected when it cannot.
  static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence
  /// Every fact it can give (a test checks its examples give no other).
  static var facts: [FactDeclaration] { get }
  /// Inputs it must accept and the facts they give.
  static var examples: [ImporterExample] { get }
}
