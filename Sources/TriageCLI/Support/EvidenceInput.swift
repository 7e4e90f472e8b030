import ArgumentParser
import Foundation
import TriageEvidence
import TriageKit

/// Reads evidence files and pasted text into observations for a session, with the errors the
/// command line shows (exit 65 for unreadable content, 66 for a missing file).
enum EvidenceInput {
  /// Reads `path` (`-` for standard input) as `kind` (`nil`: detect it); `strict` refuses input
  /// with any line the importer cannot read instead of setting such lines aside.
  static func read(path: String, kind: EvidenceKind? = nil, strict: Bool = false)
    throws(TriageError) -> (
      Evidence, EvidenceText
    )
  {
    // Read in chunks and stopped at the limit, so `- < /dev/zero` cannot fill the memory.
    let bytes =
      path == "-"
      ? try InputFile.readStandardInput(limit: EvidenceText.maximumSize, what: "evidence")
      : try InputFile.read(path, limit: EvidenceText.maximumSize, what: "evidence")
    return try parse(
      bytes: bytes, source: path == "-" ? "stdin" : path, kind: kind, strict: strict)
  }

  /// Reads text typed or pasted in the REPL.
  static func parse(bytes: [UInt8], source: String, kind: EvidenceKind?, strict: Bool = false)
    throws(TriageError) -> (Evidence, EvidenceText)
  {
    do {
      let text = try EvidenceText(bytes: bytes, source: source)
      return (try EvidenceImporters.read(text, as: kind, strict: strict), text)
    } catch {
      throw error.triageError
    }
  }

  /// The observation a session records for `evidence`.
  static func observation(_ evidence: Evidence, text: EvidenceText, label: String) -> Observation {
    Observation(
      origin: .evidence, kind: evidence.kind.rawValue, format: evidence.format, label: label,
      facts: evidence.facts, figures: evidence.figures,
      raw: String(decoding: text.bytes, as: UTF8.self))
  }

  /// Reads a file straight into an observation labelled with its name.
  static func observation(path: String, kind: EvidenceKind? = nil) throws(TriageError)
    -> Observation
  {
    let (evidence, text) = try read(path: path, kind: kind)
    let label = path == "-" ? "stdin" : URL(fileURLWithPath: path).lastPathComponent
    return observation(evidence, text: text, label: label)
  }

  /// Like ``observation(path:kind:)``, but a file in which nothing can be read is set aside rather
  /// than ending the run (unless `strict`): a warning on standard error, and an observation with no
  /// facts that names the file and why, so the report lists it. A missing file is still an error.
  static func observationOrSetAside(path: String, kind: EvidenceKind?, strict: Bool)
    throws(TriageError) -> Observation
  {
    do {
      return try observation(path: path, kind: kind)
    } catch {
      let message: String
      switch error {
      case .invalidInput(let text) where !strict: message = text
      case .invalidEvidence(_, _, _, let text) where !strict: message = text
      default: throw error
      }
      Terminal.standardError.line(
        ErrorMessage.warning("\(error.description) (set aside; the other evidence is used)"))
      let label = path == "-" ? "stdin" : URL(fileURLWithPath: path).lastPathComponent
      return Observation(
        origin: .evidence, kind: kind?.rawValue ?? "unreadable", format: "unreadable",
        label: label, facts: [:], figures: ["could not be read: \(message)"], raw: "")
    }
  }
}
