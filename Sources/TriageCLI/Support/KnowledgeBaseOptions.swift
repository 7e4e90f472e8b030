import ArgumentParser
import EmbeddedKnowledgeBase
import Foundation
import TriageKit

/// `--kb DIR`: which knowledge base to use (the embedded one by default).
struct KnowledgeBaseOptions: ParsableArguments {
  @Option(
    name: .customLong("kb"),
    help: ArgumentHelp(
      "Load the knowledge base from this folder instead of the embedded one.", valueName: "dir"),
    completion: .directory)
  var directory: String?

  /// The knowledge base's files and how messages name them.
  func files() throws(TriageError) -> (files: [KnowledgeBaseFile], root: String) {
    if let directory {
      return (try KnowledgeBaseLoader.files(in: URL(fileURLWithPath: directory)), directory)
    }
    return (
      EmbeddedKnowledgeBase.files.map { KnowledgeBaseFile(name: $0.name, contents: $0.contents) },
      EmbeddedKnowledgeBase.root
    )
  }

  /// Loads and lints the knowledge base against the declared vocabulary (the embedded one as
  /// compiled at build time); any error stops the command with exit 65.
  func load() throws(TriageError) -> KnowledgeBase {
    // The embedded knowledge base was loaded and linted when the binary was built.
    guard directory != nil else {
      return try EmbeddedKnowledgeBase.knowledgeBase(vocabulary: DeclaredVocabulary.standard)
    }
    let (files, root) = try files()
    return try KnowledgeBaseLoader.loadChecked(
      files, root: root, vocabulary: DeclaredVocabulary.standard)
  }

  /// The folder to record in a journal so `resume` reloads the same knowledge base.
  var absolutePath: String? {
    directory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
  }
}

/// The clock of `SOURCE_DATE_EPOCH`, or the system's; a malformed value is a usage error.
func environmentClock() throws -> TriageClock {
  guard let clock = TriageClock.fromEnvironment(ProcessInfo.processInfo.environment) else {
    Terminal.standardError.error("SOURCE_DATE_EPOCH must be whole seconds since 1970")
    throw ExitStatus.usage.exitCode
  }
  return clock
}

/// A new session ID: the UTC time and four random hex digits, so listings sort by start.
func newSessionID(at date: Date) -> String {
  let stamp: String
  if let time = UTCTime(date) {
    stamp = time.compact
  } else {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    stamp = formatter.string(from: date)
  }
  let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
  return stamp + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
}
