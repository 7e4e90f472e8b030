import Foundation
import Testing

@testable import TriageCLI

/// The vocabulary the command line assembles: sound, documented, and enforced by `kb lint` on the
/// real knowledge base.
@Suite struct DeclaredVocabularyTests {
  static let package = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let begin = "<!-- facts table: generated"
  static let end = "<!-- end of facts table -->"

  @Test func noFactIsDeclaredWithTwoTypes() {
    #expect(DeclaredVocabulary.standard.conflicts == [])
  }

  @Test func docsFactsTableIsTheDeclaredOne() throws {
    let url = Self.package.appendingPathComponent("docs/evidence.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: Self.begin), "docs/evidence.md lost its table marker")
    let tableStart = try #require(text[start.upperBound...].firstIndex(of: "\n")).utf16Offset(
      in: text)
    let stop = try #require(text.range(of: Self.end), "docs/evidence.md lost its end marker")
    let index = text.index(text.startIndex, offsetBy: tableStart + 1)
    let documented = String(text[index..<stop.lowerBound])
    let declared = try BinaryRun.run(["kb", "facts"]).standardOutput
    #expect(declared == DeclaredVocabulary.standard.markdownTable)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try (String(text[..<index]) + declared + String(text[stop.lowerBound...])).write(
        to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "rewrote the facts table of docs/evidence.md; run again without RECORD_SNAPSHOTS")
      return
    }
    #expect(
      documented == declared,
      "docs/evidence.md's facts table is stale: RECORD_SNAPSHOTS=1 swift test --filter DeclaredVocabularyTests rewrites it"
    )
  }

  /// A copy of the real knowledge base with `change` applied to `file`.
  static func changedKnowledgeBase(
    _ file: String, _ original: String, _ replacement: String, in folder: TemporaryDirectory
  ) throws -> String {
    let source = Self.package.appendingPathComponent("KnowledgeBase")
    let copy = folder.url.appendingPathComponent("kb")
    try FileManager.default.copyItem(at: source, to: copy)
    let url = copy.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(original), "\(file) no longer holds '\(original)'")
    try text.replacingOccurrences(of: original, with: replacement).write(
      to: url, atomically: true, encoding: .utf8)
    return copy.path
  }

  @Test func theRealKnowledgeBaseUsesOnlyDeclaredNames() throws {
    let run = try BinaryRun.run([
      "kb", "lint", "--kb", Self.package.appendingPathComponent("KnowledgeBase").path,
    ])
    #expect(run.status == 0, "\(run.standardError)")
  }

  @Test func aMisspeltEvidenceFactFailsLintByName() throws {
    let folder = try TemporaryDirectory()
    let kb = try Self.changedKnowledgeBase(
      "station.yaml", "tcp.syn-sent > 12", "tcp.syn-snet > 12", in: folder)
    let run = try BinaryRun.run(["kb", "lint", "--kb", kb])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains(
        "uses fact 'tcp.syn-snet', which no evidence importer or probe declares (did you mean 'tcp.syn-sent'?)"
      ), "\(run.standardError)")
  }

  @Test func aProbeArgumentOfTheWrongTypeFailsLintByName() throws {
    let folder = try TemporaryDirectory()
    let kb = try Self.changedKnowledgeBase(
      "capacity.yaml", "timeout: \"3\"", "timeout: soon", in: folder)
    let run = try BinaryRun.run(["kb", "lint", "--kb", kb])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains(
        "probe step 'measure-limit': argument 'timeout' of probe 'fanout' must be a number, found 'soon'"
      ),
      "\(run.standardError)")
  }
}
