import Foundation
import Testing

/// Golden transcripts of the command line: help, `parse --json`, `kb lint`, `run` and the error
/// cases, byte for byte. A change to any of them is deliberate: re-record with RECORD_SNAPSHOTS=1.
@Suite struct TranscriptTests {
  static let fixtures = "Tests/TriageEvidenceTests/Fixtures"

  static let transcripts: [GoldenTranscript] = [
    GoldenTranscript(name: "help", arguments: ["--help"]),
    GoldenTranscript(name: "parse-help", arguments: ["parse", "--help"]),
    GoldenTranscript(name: "kb-help", arguments: ["kb", "--help"]),
    GoldenTranscript(
      name: "parse-netstat-json",
      arguments: ["parse", "netstat", "\(fixtures)/netstat/windows-10-netstat-an.out", "--json"]),
    GoldenTranscript(
      name: "parse-auto-ipconfig-json",
      arguments: ["parse", "\(fixtures)/ipconfig/windows-11-plain-apipa.txt", "--json"]),
    GoldenTranscript(
      name: "parse-stdin-nslookup",
      arguments: ["parse", "nslookup", "-"],
      input: """
        Server:  UnKnown
        Address:  10.0.0.2

        *** UnKnown can't find fileserver: Non-existent domain
        """),
    GoldenTranscript(name: "error-parse-unknown-kind", arguments: ["parse", "netsat", "x.txt"]),
    GoldenTranscript(
      name: "error-parse-missing-file", arguments: ["parse", "netstat", "no-such-file.txt"]),
    GoldenTranscript(
      name: "error-parse-garbled", arguments: ["parse", "netstat", "-"],
      input:
        "Active Connections\n\n  Proto  Local Address  Foreign Address  State\n  TCP  10.0.0.5  nowhere\n"
    ),
    GoldenTranscript(name: "error-parse-empty", arguments: ["parse", "-"], input: "\n  \n"),
    GoldenTranscript(
      name: "error-run-evidence-unknown-kind", arguments: ["run", "--evidence", "netsat:x.txt"]),
    GoldenTranscript(name: "error-unknown-option", arguments: ["parse", "--jsno", "x.txt"]),
    GoldenTranscript(name: "kb-lint", arguments: ["kb", "lint", "--kb", "KnowledgeBase"]),
    GoldenTranscript(
      name: "kb-lint-errors",
      arguments: ["kb", "lint", "--kb", "Tests/TriageCLITests/Fixtures/broken-kb"]),
    GoldenTranscript(
      name: "kb-lint-unparsable",
      arguments: ["kb", "lint", "--kb", "Tests/TriageCLITests/Fixtures/unparsable-kb"]),
    // The engine is being rewritten: this one is re-recorded with it.
    GoldenTranscript(
      name: "run-dns-timeout-whole-office",
      arguments: ["run", "--answers", "KnowledgeBase/scenarios/dns-timeout-whole-office.yaml"]),
  ]

  @Test(arguments: transcripts)
  func transcriptIsUnchanged(_ transcript: GoldenTranscript) throws {
    transcript.check(try transcript.record())
  }

  @Test func everySnapshotHasATranscript() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: GoldenTranscript.directory.path)
    let recorded = Set(names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) })
    #expect(recorded == Set(Self.transcripts.map(\.name)), "remove snapshots no test records")
  }
}
