import Foundation
import Testing

/// `{{fact}}` templates are filled wherever a question's text appears outside the REPL: `run`'s
/// "incomplete" message, the JSON report's `pending.ask` and the Mermaid path.
@Suite("templates filled outside the REPL")
struct TemplateFillingTests {
  @Test func anIncompleteRunFillsTheWaitingQuestionsText() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", TriageREPLTests.knowledgeBase)
    let answers = try folder.write(
      "partial.yaml",
      """
      nettriage: answers/1
      answers:
        hosts: 500
      """)
    let run = try BinaryRun.run(
      [
        "run", "--kb", folder.path("kb"), "--answers", answers, "--json", folder.path("r.json"),
        "--report", folder.path("r.md"),
      ], environment: ["XDG_STATE_HOME": folder.path("state")])
    #expect(run.status == 2, "\(run.standardError)")
    #expect(
      run.standardError.contains("(Where is the list of the 500 hosts?)"), "\(run.standardError)")
    let json = try folder.read("r.json")
    #expect(json.contains("Where is the list of the 500 hosts?"))
    let markdown = try folder.read("r.md")
    #expect(markdown.contains("targets: Where is the list of the 500 hosts?"), "\(markdown)")
    for text in [run.standardError, json, markdown] {
      #expect(!text.contains("{{"))
    }
  }

  @Test func kbCoverageFillsTheWaitingQuestionsText() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", TriageREPLTests.knowledgeBase)
    let answers = try folder.write(
      "partial.yaml",
      """
      nettriage: answers/1
      answers:
        hosts: 500
      """)
    let coverage = try BinaryRun.run(
      ["kb", "coverage", "--kb", folder.path("kb"), answers], timeout: 120)
    #expect(coverage.status == 2, "\(coverage.standardError)")
    #expect(
      coverage.standardOutput.contains(
        "Needs input at: targets (Where is the list of the 500 hosts?)"),
      "\(coverage.standardOutput)")
    #expect(!coverage.standardOutput.contains("{{"))
  }
}
