import Foundation
import Testing

/// The examples in the documentation run as written.
@Suite("documentation examples")
struct DocumentationExampleTests {
  /// The first ```yaml block of a document.
  static func firstYAMLBlock(of document: String) throws -> String {
    let text = try String(
      contentsOf: Repository.root.appendingPathComponent(document), encoding: .utf8)
    let start = try #require(text.range(of: "```yaml\n"))
    let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
    return String(text[start.upperBound..<end.lowerBound]) + "\n"
  }

  @Test func theAnswerFileExampleReplays() throws {
    let state = try TemporaryDirectory()
    let example = try state.write(
      "example.yaml", try Self.firstYAMLBlock(of: "docs/answer-files.md"))
    let run = try BinaryRun.run(
      ["run", "--answers", example, "--json", state.path("r.json")],
      environment: ["XDG_STATE_HOME": state.url.path])
    // The example is partial on purpose (missing: error): it may stop for an answer (2) but must
    // never be refused as invalid (65).
    #expect([0, 1, 2].contains(run.status), "\(run.standardError)")
    #expect(!run.standardError.contains("unknown question"), "\(run.standardError)")
  }
}
