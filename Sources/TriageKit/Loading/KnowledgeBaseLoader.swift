import Foundation

/// Reads knowledge-base YAML into a ``KnowledgeBase``, collecting every problem with its place.
public enum KnowledgeBaseLoader {
  /// The manifest's file name.
  public static let manifestName = "knowledge-base.yaml"
  /// The schema tag this loader reads.
  public static let schema = "knowledge-base/1"

  /// The `*.yaml` files directly in `directory` (not `scenarios/`), sorted by name.
  public static func files(in directory: URL) throws(TriageError) -> [KnowledgeBaseFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw .inputMissing(directory.path) }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .inputMissing(directory.path)
    }
    var files: [KnowledgeBaseFile] = []
    for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
      let url = directory.appendingPathComponent(name)
      let data = try InputFile.read(
        url.path, limit: InputLimits.knowledgeBaseFileBytes, what: "a knowledge-base file")
      guard let text = String(bytes: data, encoding: .utf8) else {
        throw .invalidKnowledgeBase([
          Diagnostic(
            .error, "file is not UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1)
          )
        ])
      }
      files.append(KnowledgeBaseFile(name: name, contents: text))
    }
    return files
  }

  /// The digest of a set of files: SHA-256 over each name and text, in name order.
  public static func digest(of files: [KnowledgeBaseFile]) -> String {
    var hash = SHA256Digest()
    for file in files.sorted(by: { $0.name < $1.name }) {
      hash.update(file.name.utf8)
      hash.update([0])
      hash.update(file.contents.utf8)
      hash.update([0])
    }
    return hash.finalize()
  }

  /// Loads `files`; `root` prefixes file names in messages (`KnowledgeBase/` or the folder given).
  ///
  /// Returns the knowledge base when its structure is sound, and every diagnostic found; the linter
  /// checks references, reachability and plans on the result. `vocabulary` (the facts and probes
  /// of evidence importers and probes) is checked against probe steps here and kept with the
  /// knowledge base for the linter; without it, those names are not checked.
  public static func load(
    _ files: [KnowledgeBaseFile], root: String, vocabulary: Vocabulary? = nil
  ) -> (KnowledgeBase?, [Diagnostic]) {
    var builder = KnowledgeBaseBuilder(root: root, vocabulary: vocabulary)
    for file in files.sorted(by: { $0.name < $1.name }) {
      builder.read(file)
    }
    let knowledgeBase = builder.finish(digest: digest(of: files))
    return (knowledgeBase, builder.diagnostics)
  }

  /// Loads a folder, or throws ``TriageError/invalidKnowledgeBase(_:)`` with every error found
  /// (including the linter's).
  public static func loadChecked(
    _ files: [KnowledgeBaseFile], root: String, vocabulary: Vocabulary? = nil
  ) throws(TriageError) -> KnowledgeBase {
    let (knowledgeBase, diagnostics) = load(files, root: root, vocabulary: vocabulary)
    var errors = diagnostics.filter { $0.severity == .error }
    if let knowledgeBase {
      errors += KnowledgeBaseLinter.lint(knowledgeBase).filter { $0.severity == .error }
      if errors.isEmpty { return knowledgeBase }
    }
    if errors.isEmpty {
      errors.append(Diagnostic(.error, "the knowledge base did not load", at: nil))
    }
    throw .invalidKnowledgeBase(errors)
  }

  /// Whether `id` is kebab-case: lowercase letters and digits in words joined by single hyphens.
  public static func isKebabCase(_ id: String) -> Bool {
    guard !id.isEmpty, !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--") else {
      return false
    }
    return id.unicodeScalars.allSatisfy {
      ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
    }
  }
}
