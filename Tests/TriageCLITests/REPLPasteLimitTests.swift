import Foundation
import LineEditing
import Testing
import TriageEvidence

/// A paste over 256 MiB, the evidence limit, is refused with a message, and the session goes on
/// with everything it had: the readers drop it while reading, so memory stays bounded.
@Suite("REPL paste limit")
struct REPLPasteLimitTests {
  @Test func theReadersLimitIsTheEvidenceLimit() {
    #expect(LineInput.pasteLimit == EvidenceText.maximumSize)
  }

  @Test func aPasteOverTheLimitIsRefusedAndTheSessionKeepsItsAnswers() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", TriageREPLTests.knowledgeBase)
    // The answer first, then a paste of 256 MiB and 1 KiB, then commands that must still run.
    let input = folder.url.appendingPathComponent("input.txt")
    _ = FileManager.default.createFile(atPath: input.path, contents: nil)
    let handle = try FileHandle(forWritingTo: input)
    try handle.write(contentsOf: Data("500\n.paste\n".utf8))
    let line = String(repeating: "x", count: 1023) + "\n"
    let block = Data(String(repeating: line, count: 1024).utf8)
    for _ in 0..<(LineInput.pasteLimit / block.count + 1) {
      try handle.write(contentsOf: block)
    }
    try handle.write(contentsOf: Data(".\n.report \(folder.path("r.md"))\n.quit\n".utf8))
    try handle.close()

    let run = try BinaryRun.run(
      ["--kb", folder.path("kb")], inputFile: input,
      environment: ["XDG_STATE_HOME": folder.path("state")], timeout: 300)
    #expect(run.status != 137, "timed out")
    #expect(
      run.standardError.contains(
        "the paste (about 257 MiB) is larger than 256 MiB, the limit for evidence; none of it was read and the session is unchanged"
      ), "\(run.standardError)")
    let report = try folder.read("r.md")
    #expect(report.contains("500"), "\(report)")
    #expect(!report.contains("xxxxxxxx"))
    // Nothing of the paste reached the journal either.
    let sessions = folder.url.appendingPathComponent("state/nettriage/sessions")
    let journals = try FileManager.default.contentsOfDirectory(atPath: sessions.path)
    for journal in journals {
      let size =
        try FileManager.default.attributesOfItem(
          atPath: sessions.appendingPathComponent(journal).path)[.size] as? Int ?? 0
      #expect(size < 64 << 10)
    }
  }
}
