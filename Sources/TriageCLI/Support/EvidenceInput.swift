import ArgumentParser
import Foundation
import TriageEvidence
import TriageKit

/// Reads evidence files and pasted text into observations for a session, with the errors the
/// command line shows (exit 65 for unreadable content, 66 for a missing file).
enum EvidenceInput {
  /// Reads `path` (`-` for standard input) as `kind` (`nil`: detect it).
  static func read(path: String, kind: EvidenceKind? = nil) throws(TriageError) -> (
    Evidence, EvidenceText
  ) {
    let bytes: [UInt8]
    if path == "-" {
      bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
    } else {
      let url = URL(fileURLWithPath: path)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { throw .inputMissing(path) }
      if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
        size > EvidenceText.maximumSize
      {
        throw .invalidEvidence(
          source: path, line: nil, column: nil,
          message:
            "input is \(size >> 20) MiB; evidence is read up to \(EvidenceText.maximumSize >> 20) MiB (cut it to the part around the failure)"
        )
      }
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .inputMissing(path)
      }
      bytes = Array(data)
    }
    return try parse(bytes: bytes, source: path == "-" ? "stdin" : path, kind: kind)
  }

  /// Reads text typed or pasted in the REPL.
  static func parse(bytes: [UInt8], source: String, kind: EvidenceKind?) throws(TriageError) -> (
    Evidence, EvidenceText
  ) {
    do {
      let text = try EvidenceText(bytes: bytes, source: source)
      return (try EvidenceImporters.read(text, as: kind), text)
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
}

/// `--evidence FILE` (repeatable) for `start` and `run`.
struct EvidenceOptions: ParsableArguments {
  @Option(
    name: .customLong("evidence"),
    help: ArgumentHelp(
      "Evidence to read before the first question: a command's output or a log (repeatable). Prefix the kind to skip detection: netstat:FILE.",
      valueName: "file"))
  var files: [String] = []

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
      let (kind, path) = (try? Self.split(entry).get()) ?? (nil, entry)
      result.append(try EvidenceInput.observation(path: path, kind: kind))
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

/// The observers `run` and `kb test` use: evidence through the importers, probes through
/// ``ProbeRunner``.
enum CommandLineObservers {
  /// For `kb test` and `kb coverage`: evidence files are read, probes never run (a scenario
  /// replays recorded results with `probes: replay FILE`).
  static let offline = Observers(
    readEvidence: standard.readEvidence,
    runProbe: { node, _ in
      .notRun(node, reason: "knowledge-base tests never run live probes (use probes: replay FILE)")
    })

  static let standard = Observers(
    readEvidence: { (reference: AnswerFile.EvidenceReference) throws(TriageError) -> Observation in
      var kind: EvidenceKind?
      if let name = reference.kind {
        switch EvidenceKind.named(name) {
        case .success(let named): kind = named
        case .failure(let unknown):
          throw .invalidAnswerFile([Diagnostic(.error, unknown.message, at: reference.location)])
        }
      }
      return try EvidenceInput.observation(path: reference.path, kind: kind)
    },
    runProbe: { node, arguments in ProbeRunner.run(node, arguments: arguments) })
}
