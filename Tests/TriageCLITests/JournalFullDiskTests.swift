import Foundation
import Testing

/// A journal that cannot be written (a full disk, here a file-size limit): the REPL says so, stops
/// acknowledging answers, and never claims the session was saved (issue 17).
@Suite struct JournalFullDiskTests {
  @Test func answersAfterAFailedJournalWriteAreRefusedAndNothingClaimsSaved() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", REPLPlainInputTests.sharedFactKnowledgeBase)
    // `ulimit -f 2`: the journal may grow to 1 KiB; writes past it fail with EFBIG (SIGXFSZ
    // ignored, as a full disk's ENOSPC would).
    let script = "trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\""
    let note = String(repeating: "n", count: 700)
    let input = ".note \(note)\n.note \(note)\n500\n.quit\n"
    let run = try BinaryRun.run(
      ["-c", script, BinaryRun.executable.path, "--kb", folder.path("kb")], input: input,
      environment: ["XDG_STATE_HOME": folder.path("state")],
      executable: URL(fileURLWithPath: "/bin/sh"))
    #expect(run.standardError.contains("cannot write the session journal"), "\(run.standardError)")
    #expect(
      run.standardError.contains("not recorded: the session journal cannot be written"),
      "the answer after the failure is refused")
    #expect(run.standardError.contains("is not fully saved"))
    #expect(!run.standardOutput.contains("saved ("), "never claims the session was saved")
    #expect(!run.standardOutput.contains("Big sweep"), "the refused answer was not used")
  }
}
