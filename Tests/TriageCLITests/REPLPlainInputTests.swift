import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The REPL fed from a pipe: the same commands as at a terminal, no prompts, no waiting.
@Suite("REPL on plain input")
struct REPLPlainInputTests {
  /// Two questions that set the same fact, so the second is answered by what is already known; 100
  /// hosts or more support `too-many` (0.8), enough to establish it.
  static let sharedFactKnowledgeBase = """
    nettriage: knowledge-base/1
    id: shared-fact
    version: "1"
    title: Shared fact
    start: first
    nodes:
      - id: first
        kind: question
        type: number
        fact: hosts
        ask: How many hosts?
        why: Size matters.
        next: second
      - id: second
        kind: question
        type: number
        fact: hosts
        ask: How many hosts, again?
        why: Asked elsewhere too.
        next: route
      - id: route
        kind: decision
        branches:
          - when: hosts >= 100
            next: big
            support: { too-many: 0.8 }
        otherwise: small
      - id: big
        kind: conclusion
        outcome: diagnosed
        title: Big sweep of {{hosts|many}} hosts
        text: Too many.
        causes: [{ cause: too-many, certainty: 0.5 }]
      - id: small
        kind: conclusion
        outcome: inconclusive
        title: Small sweep
        text: Fine.
    causes:
      - id: too-many
        title: Too many hosts
        summary: Fewer, please.
        plan: [fewer]
    steps:
      - id: fewer
        title: Sweep fewer hosts
        text: Split the sweep.
        risk: low
        permission: none
        verify: It works.
        rollback: Sweep all again.
    """

  @Test func aKnownFactAnswersTheQuestionAndChangeAsksItAgain() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", Self.sharedFactKnowledgeBase)
    let input = "500\n.how\n.change second\n50\n.facts\n.quit\n"
    let run = try BinaryRun.run(
      ["--kb", folder.path("kb")], input: input,
      environment: ["XDG_STATE_HOME": folder.path("state")])
    #expect(run.status == 1, "\(run.standardError)")
    let out = run.standardOutput
    #expect(
      out.contains(
        "✓ How many hosts, again? 500 (already known, from user; .change second to answer it yourself)"
      ))
    #expect(out.contains("Diagnosed: Big sweep of 500 hosts"))
    #expect(out.contains("2. How many hosts, again? → 500 (already known, user)"))
    #expect(out.contains("Inconclusive: Small sweep"))
    // .facts says each source once, above its facts.
    #expect(out.contains("From user:\n  hosts  50\n"))
  }

  @Test func restartAsksForConfirmationAndKeepsNotes() throws {
    let folder = try TemporaryDirectory()
    try folder.write("kb/knowledge-base.yaml", Self.sharedFactKnowledgeBase)
    let input =
      ".note keep me\n500\n.restart\nn\n.restart\nyes\n20\n.report \(folder.path("r.md"))\n.quit\n"
    let run = try BinaryRun.run(
      ["--kb", folder.path("kb")], input: input,
      environment: ["XDG_STATE_HOME": folder.path("state")])
    #expect(run.status == 1, "\(run.standardError)")
    #expect(run.standardOutput.contains("not restarted"))
    #expect(run.standardOutput.contains("restarted"))
    let report = try folder.read("r.md")
    #expect(report.contains("> keep me"))
    #expect(report.contains("| 1 | How many hosts? (`first`) | 20 | user |"))
    // The answer given before the restart is gone: no table row, no conclusion reads it. (The
    // header's session ID and time are random and may hold the digits 500 by chance.)
    #expect(!report.contains("| 500 |"))
    #expect(!report.contains("Big sweep"))
  }

  @Test func invalidAnswersAreExplainedAndTheQuestionStays() throws {
    let folder = try TemporaryDirectory()
    // The interview's first question is error-code, with 22 choices (knowledge base 0.4); a
    // code people type, such as 99 (EADDRNOTAVAIL), picks its choice, so 999 is the bad number.
    let input = "perhaps\n999\n.change nope\n.back\n1\n.back\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": folder.path("state")])
    #expect(run.status == 2)
    #expect(run.standardError.contains("'perhaps' is not a choice"))
    #expect(run.standardError.contains("'999' is not a choice number (1 to 24)"))
    #expect(run.standardError.contains("unknown question 'nope'"))
    #expect(run.standardError.contains("nothing to undo: no answer given yet"))
    #expect(run.standardOutput.contains("answer to 'error-code' undone"))
  }

  @Test func answerFileWithMissingAskFallsBackToErrorWithoutATerminal() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "a.yaml", "nettriage: answers/1\nmissing: ask\nanswers:\n  only-this-machine: yes\n")
    let run = try BinaryRun.run(["run", "--answers", path], timeout: 20)
    #expect(run.status == 2)
    // The interview asks error-code next (the tree's own next, internet-also-fails, separates less).
    #expect(run.standardError.contains("missing: error-code"))
  }
}

/// SIGINT outside line editing (here: waiting on a pipe) leaves with exit 130 and says how to resume.
@Suite("Interrupts")
struct InterruptTests {
  @Test func interruptWhileWaitingOnAPipeExits130() throws {
    let folder = try TemporaryDirectory()
    let process = Process()
    process.executableURL = BinaryRun.executable
    process.environment = ["XDG_STATE_HOME": folder.path("state"), "PATH": "/usr/bin:/bin"]
      .merging(BinaryRun.sanitizerOptions) { $1 }
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // An answer to the interview's first question, error-code.
    input.fileHandleForWriting.write(Data("53\n".utf8))
    // Wait until the answer is journalled, then interrupt while the REPL waits for the next line.
    let sessions = URL(fileURLWithPath: folder.path("state/nettriage/sessions"))
    let deadline = Date().addingTimeInterval(20)
    var journalled = false
    while Date() < deadline, !journalled {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: sessions.path)) ?? []
      journalled = names.contains { name in
        let text =
          (try? String(contentsOf: sessions.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.contains("\"type\":\"answered\"")
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    #expect(journalled)
    kill(process.processIdentifier, SIGINT)
    let exitDeadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < exitDeadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    try input.fileHandleForWriting.close()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 130)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(message.contains("is saved. Resume with: nettriage resume "))
  }
}
