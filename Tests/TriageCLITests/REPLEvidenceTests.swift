import Foundation
import Testing

/// `.paste`, `.load` and probe consent in the REPL, fed from a pipe.
@Suite("REPL evidence and probes")
struct REPLEvidenceTests {
  static let evidence = Repository.knowledgeBase.appendingPathComponent("scenarios/evidence")

  @Test func pastedNslookupAnswersTheDNSQuestionWithItsSource() throws {
    let state = try TemporaryDirectory()
    let nslookup = try String(
      contentsOf: Self.evidence.appendingPathComponent("nslookup-timeout.txt"), encoding: .utf8)
    let input =
      ".paste nslookup\n" + nslookup.replacingOccurrences(of: "\r", with: "") + ".\n"
      + "yes\nyes\n80\nmuch-later\n1203\nnormal\nunknown\n.report \(state.path("r.md"))\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 30)
    #expect(run.standardOutput.contains("✓ read nslookup (windows-nslookup) from pasted at"))
    #expect(run.standardOutput.contains("(already known, from evidence: nslookup (pasted at"))
    #expect(run.standardOutput.contains("Diagnosed: "), "\(run.standardOutput)")
    let report = try state.read("r.md")
    #expect(report.contains("## Evidence and probes"))
    #expect(report.contains("<details><summary>1. Raw text: pasted at"))
  }

  @Test func unreadablePasteIsKeptAsANote() throws {
    let state = try TemporaryDirectory()
    let input = ".paste\nsomething nobody can parse\n.\n.report \(state.path("r.md"))\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 30)
    #expect(run.standardError.contains("cannot tell what kind of output this is"))
    #expect(try state.read("r.md").contains("something nobody can parse"))
  }

  @Test func loadReadsAFileAndAProbeStepWaitsForConsent() throws {
    let state = try TemporaryDirectory()
    // The dns probe step asks before it runs; "n" declines it, and the question follows.
    let input =
      ".load \(Self.evidence.appendingPathComponent("netuse-1203.txt").path)\n"
      + "yes\nyes\n80\nmuch-later\nnormal\nfileserver07\nn\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 30)
    #expect(run.standardOutput.contains("✓ read net-use (windows-net) from netuse-1203.txt"))
    #expect(run.standardOutput.contains("It will look up 'fileserver07'"))
    #expect(
      run.standardOutput.contains("skipped; the questions it would have answered are asked instead")
    )
    #expect(run.standardOutput.contains("Question"))
    #expect(run.standardOutput.contains("dns-lookup-result"))
  }
}
