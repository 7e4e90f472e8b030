import Foundation
import LineEditing
import Testing
import TriageKit

@testable import TriageCLI

#if canImport(Glibc)
  import Glibc
#endif

/// The REPL when the disk fails under it (ENOSPC, EIO injected through `SystemWrite`): it says
/// so, keeps what it had written whole, and loses nothing of the session.
@Suite("REPL on a failing disk")
struct TriageREPLDiskFaultTests {
  typealias Harness = TriageREPLTests.Harness

  @Test(arguments: [ENOSPC, EIO])
  func aJournalThatStopsTakingWritesLosesNoAnswer(code: Int32) throws {
    let harness = try Harness()
    try harness.run(TriageREPLTests.lines("500", ".quit"))
    let before = try harness.journalLines()
    let saved = harness.folder.path("saved.yaml")
    let injection = SystemWrite.Injection(.write, errno: code, onPathsContaining: "test-session")
    let earlier = harness.out.text.count
    try SystemWrite.$injection.withValue(injection) {
      try harness.run(
        TriageREPLTests.lines("/srv/hosts.txt", "y", "minute", ".save answers \(saved)", ".quit"),
        width: nil, resume: true)
    }
    #expect(injection.failures >= 1)
    let err = harness.err.text
    #expect(err.contains("cannot write the session journal"), "\(err)")
    #expect(err.contains(SystemWrite.reason(code)), "\(err)")
    #expect(
      !harness.out.text.dropFirst(earlier).contains("saved ("), "never claims the session was saved"
    )
    // The journal holds what it held, whole: every line is one event.
    let after = try harness.journalLines()
    #expect(Array(after.prefix(before.count)) == before)
    for line in after {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
    }
    // Everything answered is in the file written elsewhere.
    let answers = try String(contentsOfFile: saved, encoding: .utf8)
    #expect(answers.contains("500"), "\(answers)")
    #expect(answers.contains("/srv/hosts.txt"), "\(answers)")
  }

  @Test(arguments: [SystemWrite.Call.create, .write, .sync, .close, .rename], [ENOSPC, EIO])
  func aReportThatCannotBeWrittenKeepsThePreviousOneAndTheSessionGoesOn(
    call: SystemWrite.Call, code: Int32
  ) throws {
    let harness = try Harness()
    let report = harness.folder.path("r.md")
    try "previous report\n".write(toFile: report, atomically: true, encoding: .utf8)
    let saved = harness.folder.path("saved.yaml")
    let injection = SystemWrite.Injection(call, errno: code, onPathsContaining: "r.md")
    try SystemWrite.$injection.withValue(injection) {
      try harness.run(
        TriageREPLTests.lines(
          "500", ".report \(report) --force", ".json \(report) --force",
          ".save answers \(saved)", ".quit"), width: nil)
    }
    #expect(injection.failures == 2)
    let err = harness.err.text
    #expect(err.contains("cannot write '\(report)': \(SystemWrite.reason(code))"), "\(err)")
    #expect(try String(contentsOfFile: report, encoding: .utf8) == "previous report\n")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: harness.folder.url.path).sorted()
        .filter { $0.hasPrefix(".r.md") }.isEmpty, "no temporary file is left")
    #expect(try String(contentsOfFile: saved, encoding: .utf8).contains("500"))
  }
}
