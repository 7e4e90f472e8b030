import Foundation
import Testing

/// `sessions`, `sessions rm|prune`, `start --label`, `.label` and which session `resume` picks.
@Suite("sessions a help desk can manage")
struct SessionsCommandTests {
  let state: TemporaryDirectory

  init() throws {
    state = try TemporaryDirectory()
  }

  @discardableResult
  private func run(_ arguments: [String], input: String? = nil, epoch: Int = 1_700_000_000) throws
    -> BinaryRun
  {
    try BinaryRun.run(
      arguments, input: input,
      environment: [
        "XDG_STATE_HOME": state.url.path, "SOURCE_DATE_EPOCH": String(epoch), "TZ": "UTC",
      ])
  }

  private var journals: [String] {
    (try? FileManager.default.contentsOfDirectory(
      atPath: state.url.appendingPathComponent("nettriage/sessions").path))?.sorted() ?? []
  }

  @Test func startingAndLeavingWithoutAnAnswerSavesNothing() throws {
    let run = try run([], input: ".help\n.quit\n")
    #expect(run.status == 2)
    #expect(run.standardOutput.contains("Nothing was answered, so no session was saved."))
    #expect(journals.isEmpty)
  }

  @Test func startTimesAreLocalWithTheirOffset() throws {
    try run([], input: "53\n.quit\n")
    let berlin = try BinaryRun.run(
      ["sessions"], environment: ["XDG_STATE_HOME": state.url.path, "TZ": "Europe/Berlin"])
    #expect(berlin.standardOutput.contains("STARTED (UTC+1)"), "\(berlin.standardOutput)")
    #expect(berlin.standardOutput.contains("2023-11-14 23:13"), "\(berlin.standardOutput)")
  }

  @Test func aLabelIsListedWithTheOutcomeAndTheLeadingCause() throws {
    try run(["start", "--label", "INC-4711 MGMT-01"], input: "53\nunknown\n.quit\n")
    let table = try run(["sessions"])
    #expect(table.standardOutput.contains("INC-4711 MGMT-01"))
    #expect(table.standardOutput.contains("LEADING CAUSE"))
    #expect(table.standardOutput.contains("STARTED (UTC)"), "\(table.standardOutput)")
    #expect(table.standardOutput.contains("2023-11-14 22:13"), "\(table.standardOutput)")
    let json = try run(["sessions", "--json"])
    #expect(json.standardOutput.contains("\"label\": \"INC-4711 MGMT-01\""))
    #expect(json.standardOutput.contains("\"answers\": 2"))
    #expect(json.standardOutput.contains("\"top_cause\": \""))
  }

  @Test func labelInTheSessionRenamesIt() throws {
    try run([], input: "53\n.label caller Ann, desk 3\n.quit\n")
    #expect(
      try run(["sessions", "--json"]).standardOutput.contains("\"label\": \"caller Ann, desk 3\""))
    // The journal is still whole: resuming replays the answer.
    let resumed = try run(["resume"], input: ".quit\n")
    #expect(resumed.standardOutput.contains("resuming session"))
    #expect(resumed.standardOutput.contains("(caller Ann, desk 3)"))
    #expect(resumed.standardOutput.contains("1 answers so far"))
  }

  @Test func resumePicksTheLatestUnfinishedSessionWithAnswers() throws {
    let first = try run([], input: "53\n.quit\n")
    let firstID = try #require(
      first.standardOutput.split(separator: "\n").first { $0.hasPrefix("Resume with:") }
    ).split(separator: " ").last.map(String.init)
    // Later, a session holding only a note: newer, but nothing to resume.
    try run([], input: ".note just looking\n.quit\n", epoch: 1_700_000_100)
    #expect(journals.count == 2)
    let resumed = try run(["resume"], input: ".quit\n")
    #expect(resumed.standardOutput.contains("resuming session \(try #require(firstID))"))
  }

  @Test func removeChecksEveryIDBeforeRemovingAny() throws {
    try run([], input: "53\n.quit\n")
    let id = try #require(journals.first).replacingOccurrences(of: ".jsonl", with: "")
    let refused = try run(["sessions", "rm", id, "no-such-session"])
    #expect(refused.status == 66)
    #expect(refused.standardError.contains("no session 'no-such-session'"))
    #expect(journals.count == 1)
    let removed = try run(["sessions", "rm", id])
    #expect(removed.status == 0)
    #expect(removed.standardOutput.contains("removed \(id)"))
    #expect(journals.isEmpty)
  }

  @Test func pruneRemovesOnlySessionsOlderThanTheAge() throws {
    try run([], input: "53\n.quit\n", epoch: 1_700_000_000)
    try run([], input: "64\n.quit\n", epoch: 1_700_000_000 + 20 * 86400)
    #expect(journals.count == 2)
    let dry = try run(
      ["sessions", "prune", "--older-than", "30d", "--dry-run"], epoch: 1_700_000_000 + 40 * 86400)
    #expect(dry.standardOutput.contains("would remove"))
    #expect(journals.count == 2)
    let pruned = try run(
      ["sessions", "prune", "--older-than", "30d"], epoch: 1_700_000_000 + 40 * 86400)
    #expect(pruned.status == 0, "\(pruned.standardError)")
    #expect(journals.count == 1)
    let bad = try run(["sessions", "prune", "--older-than", "soon"])
    #expect(bad.status == 64)
    #expect(bad.standardError.contains("cannot read the age 'soon'"))
  }
}

extension SessionsCommandTests {
  @Test func theShellCompletesSessionIDsForResume() throws {
    try run([], input: "53\n.quit\n")
    let id = try #require(journals.first).replacingOccurrences(of: ".jsonl", with: "")
    let completion = try run(["---completion", "resume", "--", "positional@0", "2", "0"])
    #expect(completion.standardOutput.split(separator: "\n").contains { $0 == id })
    let script = try run(["--generate-completion-script", "fish"])
    #expect(script.standardOutput.contains("-l 'missing'"))
    #expect(script.standardOutput.contains("error ask default unknown"), "\(script.standardOutput)")
  }
}
