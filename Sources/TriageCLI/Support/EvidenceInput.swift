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
        throw .invalidInput(
          "\(path): input is \(size >> 20) MiB; evidence is read up to \(EvidenceText.maximumSize >> 20) MiB (cut it to the part around the failure)"
        )
      }
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .inputMissing(path)
      }
      bytes = Array(data)
    }
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
      throw .invalidInput(
        error.description.replacingOccurrences(of: ": error: ", with: ": "))
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
    } catch .invalidInput(let message) where !strict {
      Terminal.standardError.line("warning: \(message) (set aside; the other evidence is used)")
      let label = path == "-" ? "stdin" : URL(fileURLWithPath: path).lastPathComponent
      return Observation(
        origin: .evidence, kind: kind?.rawValue ?? "unreadable", format: "unreadable",
        label: label, facts: [:], figures: ["could not be read: \(message)"], raw: "")
    }
  }
}

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

  /// The observations of every file, in order.
  func observations() throws(TriageError) -> [Observation] {
    var result: [Observation] = []
    for entry in files {
      if EvidenceBundleInput.isBundle(entry) {
        result += try EvidenceBundleInput.observations(entry)
        continue
      }
      var kind: EvidenceKind?
      var path = entry
      if let colon = entry.firstIndex(of: ":"),
        entry.distance(from: entry.startIndex, to: colon) > 1,
        let named = EvidenceKind(name: String(entry[..<colon]))
      {
        kind = named
        path = String(entry[entry.index(after: colon)...])
      }
      result.append(
        try EvidenceInput.observationOrSetAside(path: path, kind: kind, strict: strict))
    }
    return result
  }
}

/// The observers `run` and `kb test` use: evidence through the importers, probes through
/// ``ProbeRunner``.
enum CommandLineObservers {
  /// For `kb test` and `kb coverage`: evidence files are read, probes never run (a scenario
  /// replays recorded results with `probes: replay FILE`).
  static let offline = Observers(
    readEvidence: standard().readEvidence,
    runProbe: { node, _ in
      .notRun(node, reason: "knowledge-base tests never run live probes (use probes: replay FILE)")
    })

  /// Evidence through the importers (a file that cannot be read is set aside unless `strict`),
  /// probes through ``ProbeRunner``.
  static func standard(strict: Bool = false) -> Observers {
    Observers(
      readEvidence: {
        (reference: AnswerFile.EvidenceReference) throws(TriageError) -> Observation in
        // Bundles and their own kinds (docs/fleet.md); `run` expands bundles before the replay.
        if let observation = try EvidenceBundleInput.answerFileEntry(reference) {
          return observation
        }
        var kind: EvidenceKind?
        if let name = reference.kind {
          guard let named = EvidenceKind(name: name) else {
            throw .invalidAnswerFile([
              Diagnostic(
                .error,
                "unknown evidence kind '\(name)' (kinds: \(EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                at: reference.location)
            ])
          }
          kind = named
        }
        return try EvidenceInput.observationOrSetAside(
          path: reference.path, kind: kind, strict: strict)
      },
      runProbe: { node, arguments in ProbeRunner.run(node, arguments: arguments) })
  }
}
