import Foundation
import TriageEvidence
import TriageKit

/// Evidence bundles wherever evidence goes: `--evidence DIR|FILE.tar.gz`, `evidence:` in answer
/// files, `.load DIR` in the REPL. A bundle gives one observation for the station and one a file;
/// files that cannot be read are reported on standard error and left aside.
enum EvidenceBundleInput {
  /// Whether `path` names a bundle: a folder, or a `.tar.gz` / `.tgz` archive.
  static func isBundle(_ path: String) -> Bool {
    guard path != "-" else { return false }
    return EvidenceBundle.isFolder(URL(fileURLWithPath: path)) || isArchive(path)
  }

  /// Whether `path` ends like a gzip-compressed tar archive.
  static func isArchive(_ path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz")
  }

  /// Reads the bundle at `path`; each file left aside is passed to `warn`.
  static func read(_ path: String, warn: (String) -> Void = Self.warnOnStandardError)
    throws(TriageError) -> EvidenceBundle
  {
    let url = URL(fileURLWithPath: path)
    guard FileManager.default.fileExists(atPath: url.path) else { throw .inputMissing(path) }
    let bundle: EvidenceBundle
    do {
      if isArchive(path) {
        let folder = try BundleArchive.unpack(url)
        defer { try? FileManager.default.removeItem(at: folder) }
        var name = url.lastPathComponent
        for suffix in [".tar.gz", ".tgz", ".TAR.GZ", ".TGZ"] where name.hasSuffix(suffix) {
          name = String(name.dropLast(suffix.count))
        }
        bundle = try readFolder(folder, name: name)
      } else {
        bundle = try readFolder(url, name: nil)
      }
    }
    for problem in bundle.problems { warn(ErrorMessage.warning("\(problem); left aside")) }
    return bundle
  }

  private static func readFolder(_ url: URL, name: String?) throws(TriageError) -> EvidenceBundle {
    do {
      return try EvidenceBundle.read(folder: url, name: name)
    } catch {
      throw .invalidInput(error.description.replacingOccurrences(of: ": error: ", with: ": "))
    }
  }

  /// The observations of the bundle at `path`.
  static func observations(_ path: String) throws(TriageError) -> [Observation] {
    try read(path).observations
  }

  /// An answer file with its bundle entries taken out, and their observations: the replay reads
  /// one file per evidence entry, a bundle gives many.
  static func expand(_ file: AnswerFile) throws(TriageError) -> (AnswerFile, [Observation]) {
    var rest = file
    var observations: [Observation] = []
    rest.evidence = []
    for reference in file.evidence {
      if isBundle(reference.path) {
        observations += try self.observations(reference.path)
      } else {
        rest.evidence.append(reference)
      }
    }
    return (rest, observations)
  }

  /// An answer file's evidence entry of a kind only bundles hold (`dynamicport`, `kernel-log`,
  /// as `.save answers` writes them after `.load BUNDLE`); `nil` for the importers' kinds. A bundle
  /// here (where one observation is expected, as in `kb test`) is an error that says so.
  static func answerFileEntry(_ reference: AnswerFile.EvidenceReference) throws(TriageError)
    -> Observation?
  {
    if reference.kind == nil, isBundle(reference.path) {
      throw .invalidAnswerFile([
        Diagnostic(
          .error,
          "'\(reference.path)' is an evidence bundle: 'nettriage run' and 'start' read bundles, knowledge-base tests read single files",
          at: reference.location)
      ])
    }
    if let kind = reference.kind, kind == "bundle" || recordedProbeKinds.contains(kind) {
      throw .invalidAnswerFile([
        Diagnostic(
          .error,
          "'\(reference.path)' was read from an evidence bundle ('\(kind)'); name the bundle's folder or .tar.gz under 'evidence:' instead",
          at: reference.location)
      ])
    }
    guard let kind = reference.kind,
      kind == DynamicPortRangeReader.kind || kind == KernelLogReader.kind
    else { return nil }
    guard let data = FileManager.default.contents(atPath: reference.path) else {
      throw .inputMissing(reference.path)
    }
    let label = URL(fileURLWithPath: reference.path).lastPathComponent
    do {
      let text = try EvidenceText(bytes: Array(data), source: label)
      return kind == KernelLogReader.kind
        ? KernelLogReader.read(text) : try DynamicPortRangeReader.read(text)
    } catch {
      throw .invalidInput(error.description.replacingOccurrences(of: ": error: ", with: ": "))
    }
  }

  /// The probes whose recorded results a bundle holds (their raw text alone gives no facts).
  static let recordedProbeKinds: Set<String> = ["census", "limits", "interfaces", "dns", "fanout"]

  static func warnOnStandardError(_ message: String) {
    Terminal.standardError.line(message)
  }
}
