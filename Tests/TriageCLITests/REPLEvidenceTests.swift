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

  /// The net use output settles error-code (1203). A probe step is worth nothing to the interview
  /// by itself, so the DNS lookup's consent comes once the questions worth asking are answered —
  /// dns-lookup-result among them — and the failing host is known; "n" declines it and the
  /// interview goes on with the next question.
  @Test func loadReadsAFileAndAProbeStepWaitsForConsent() throws {
    let state = try TemporaryDirectory()
    // Knowledge base 0.4's order: firewall-path, station-os, only-this-machine, dns-lookup-result,
    // batch-test, event-4226, netstat-states, capture-result, ipconfig-check, hosts-per-sweep,
    // tcpip-port-events, ids-on-path, recovery-pattern, internet-also-fails, failing-host (then
    // the dns probe's consent), station-ip.
    let answers = [
      "none", "windows-modern", "yes", "answer-ok", "batch-fails-too", "unknown", "unknown",
      "unknown", "normal", "80", "unknown", "unknown", "much-later", "unknown", "fileserver07", "n",
      ".quit",
    ]
    let input =
      ".load \(Self.evidence.appendingPathComponent("netuse-1203.txt").path)\n"
      + answers.joined(separator: "\n") + "\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 30)
    let out = run.standardOutput
    #expect(out.contains("✓ read net-use (windows-net) from netuse-1203.txt"))
    #expect(
      out.contains("(already known, from evidence: net-use"), "error-code is settled by the file")
    #expect(out.contains("It will look up 'fileserver07'"))
    #expect(out.contains("skipped; the questions it would have answered are asked instead"))
    let asked = try #require(out.range(of: "Question 5 · dns-lookup-result"))
    let consent = try #require(out.range(of: "It will look up 'fileserver07'"))
    #expect(asked.lowerBound < consent.lowerBound)
    #expect(out.contains("Question 17 · station-ip"), "the interview goes on after the skip")
  }
}
