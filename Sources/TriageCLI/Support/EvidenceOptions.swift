import ArgumentParser
import Foundation
import TriageEvidence
import TriageKit

/// `--evidence FILE` (repeatable) for `start` and `run`.
struct EvidenceOptions: ParsableArguments {
  @Option(
    name: .customLong("evidence"),
    help: ArgumentHelp(
      "Evidence to read before the first question: a command's output or a log, or a bundle folder or .tar.gz from 'nettriage collect' (repeatable). Prefix the kind to skip detection: netstat:FILE.",
      valueName: "file"),
    completion: .file())
  var files: [String] = []

  @Flag(
    name: .customLong("strict"),
    help: "Stop with exit 65 at an evidence file that cannot be read, instead of setting it aside.")
  var strict = false

  /// A usage error (exit 64) for an unknown kind in `KIND:FILE`, like `parse`'s.
  func validate() throws {
    for entry in files {
      if case .failure(let unknown) = Self.split(entry) {
        throw ValidationError("--evidence '\(entry)': \(unknown.message)")
      }
    }
  }

  /// The observations of every file, in order.
  func observations() throws(TriageError) -> [Observation] {
    var result: [Observation] = []
    for entry in files {
      if EvidenceBundleInput.isBundle(entry) {
        result += try EvidenceBundleInput.observations(entry)
        continue
      }
      let (kind, path) = (try? Self.split(entry).get()) ?? (nil, entry)
      result.append(
        try EvidenceInput.observationOrSetAside(path: path, kind: kind, strict: strict))
    }
    return result
  }

  /// `KIND:FILE` as its kind and path; a whole path (an existing file, a drive letter's `C:\…`, a
  /// folder before the colon) has no kind, and any other word before the colon must be a kind.
  static func split(_ entry: String) -> Result<
    (kind: EvidenceKind?, path: String), UnknownEvidenceKind
  > {
    guard let colon = entry.firstIndex(of: ":"),
      entry.distance(from: entry.startIndex, to: colon) > 1,
      !FileManager.default.fileExists(atPath: entry)
    else { return .success((nil, entry)) }
    let name = String(entry[..<colon])
    if name.contains("/") { return .success((nil, entry)) }
    return EvidenceKind.named(name).map { ($0, String(entry[entry.index(after: colon)...])) }
  }
}
