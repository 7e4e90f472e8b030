import Foundation
import Testing

/// The built binary, run as scripts and CI run it: no terminal, answer files, exit codes.
@Suite("nettriage end to end")
struct EndToEndTests {
  let fixedTime = ["SOURCE_DATE_EPOCH": "1700000000"]

  @Test func runWritesTheMarkdownReportToStandardOutput() throws {
    let run = try BinaryRun.run([
      "run", "--answers", Repository.scenario("isa-2006-enterprise-500-hosts-rate-limit"),
    ])
    #expect(run.status == 0)
    #expect(run.standardOutput.hasPrefix("# NetTriage report: "))
    #expect(run.standardOutput.contains("| Outcome | **diagnosed** |"))
    #expect(run.standardOutput.contains("## Remediation plan"))
  }

  @Test func runPrintsTheReportJSONOnStandardOutput() throws {
    let run = try BinaryRun.run(
      [
        "run", "--answers", Repository.scenario("isa-2006-enterprise-500-hosts-rate-limit"),
        "--json", "-",
      ])
    #expect(run.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "nettriage.report/1")
    #expect(object["outcome"] as? String == "diagnosed")
    let conclusions = try #require(object["conclusions"] as? [[String: Any]])
    #expect(conclusions.first?["id"] as? String == "isa-connect-rate-limit")
    let confidence = try #require(conclusions.first?["confidence"] as? Double)
    #expect(confidence > 0 && confidence <= 1)
    let answers = try #require(object["answers"] as? [[String: Any]])
    #expect(answers.allSatisfy { $0["source"] as? String == "answer-file" })
    let kb = try #require(object["kb"] as? [String: Any])
    #expect(kb["id"] as? String == "connection-limits")
    #expect((kb["digest"] as? String)?.count == 64)
  }

  @Test func inconclusivePathExitsOne() throws {
    let run = try BinaryRun.run([
      "run", "--answers", Repository.scenario("same-subnet-500-hosts"), "--json", "-",
    ])
    #expect(run.status == 1)
    #expect(run.standardOutput.contains("\"outcome\" : \"inconclusive\""))
  }

  @Test func reportsAreByteIdenticalWithAFixedTime() throws {
    let scenario = Repository.scenario("isa-2006-enterprise-500-hosts-concurrent-limit")
    let first = try BinaryRun.run(["run", "--answers", scenario], environment: fixedTime)
    let second = try BinaryRun.run(["run", "--answers", scenario], environment: fixedTime)
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput.contains("2023-11-14 22:13:20 UTC"))
  }

  @Test func malformedAnswerFileExits65NamingTheLine() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "answers.yaml",
      """
      nettriage: answers/1
      answers:
        only-this-machine: yes
        hosts-per-swep: 500
        error-code: "54"
      """)
    let run = try BinaryRun.run(["run", "--answers", path])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains(
        "\(path):4:3: error: unknown question 'hosts-per-swep' (did you mean 'hosts-per-sweep'?)"))
    #expect(
      run.standardError.contains(
        "\(path):5:15: error: invalid answer to 'error-code': '54' is not a choice"))
    #expect(run.standardOutput.isEmpty)
  }

  @Test func wrongTypeExits65() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "answers.yaml",
      "nettriage: answers/1\nanswers:\n  hosts-per-sweep: many\n  only-this-machine: perhaps\n")
    let run = try BinaryRun.run(["run", "--answers", path])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains(
        ":3:20: error: invalid answer to 'hosts-per-sweep': expected a number"))
    #expect(
      run.standardError.contains(
        ":4:22: error: invalid answer to 'only-this-machine': expected yes, no or unknown, found 'perhaps'"
      ))
  }

  /// The interview's next question after the two answers is the firewall in the path (the tree's
  /// own next, hosts-per-sweep, separates less): that is the one listed as missing.
  @Test func incompleteAnswerFileExits2ListingTheMissingQuestion() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "answers.yaml",
      "nettriage: answers/1\nanswers:\n  only-this-machine: yes\n  internet-also-fails: yes\n")
    let run = try BinaryRun.run(["run", "--answers", path, "--json", "-"], timeout: 20)
    #expect(run.status == 2)
    #expect(run.standardError.contains("missing: firewall-path"))
    #expect(run.standardError.contains("then, depending on the answers, probably: "))
    #expect(run.standardOutput.contains("\"outcome\" : \"incomplete\""))
    #expect(
      run.standardOutput.contains("\"question\" : \"firewall-path\"\n  },"), "the pending one")
  }

  @Test func missingPolicyUnknownCompletesTheRun() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "answers.yaml", "nettriage: answers/1\nmissing: unknown\nanswers:\n  only-this-machine: yes\n"
    )
    let run = try BinaryRun.run(["run", "--answers", path, "--json", "-"])
    #expect([0, 1].contains(run.status))
    #expect(run.standardOutput.contains("\"detail\" : \"missing: unknown\""))
  }

  @Test func missingAnswerFileExits66() throws {
    let run = try BinaryRun.run(["run", "--answers", "/nonexistent/answers.yaml"])
    #expect(run.status == 66)
    #expect(run.standardError.contains("cannot read '/nonexistent/answers.yaml'"))
  }

  @Test func existingReportIsNotOverwrittenWithoutForce() throws {
    let folder = try TemporaryDirectory()
    let report = try folder.write("r.md", "keep me\n")
    let scenario = Repository.scenario("dns-timeout-whole-office")
    let refused = try BinaryRun.run(["run", "--answers", scenario, "--report", report])
    #expect(refused.status == 73)
    #expect(refused.standardError.contains("exists already (use --force to replace it)"))
    #expect(try folder.read("r.md") == "keep me\n")
    let forced = try BinaryRun.run(["run", "--answers", scenario, "--report", report, "--force"])
    #expect(forced.status == 0)
    #expect(try folder.read("r.md").hasPrefix("# NetTriage report"))
  }

  @Test func unwritableReportExits73() throws {
    let run = try BinaryRun.run(
      [
        "run", "--answers", Repository.scenario("dns-timeout-whole-office"), "--report",
        "/nonexistent/dir/r.md",
      ])
    #expect(run.status == 73)
  }

  @Test func usageErrorsExit64() throws {
    #expect(try BinaryRun.run(["run", "--answers"]).status == 64)
    #expect(try BinaryRun.run(["--no-such-option"]).status == 64)
    let both = try BinaryRun.run(["run", "--answers", "x", "--report", "-", "--json", "-"])
    #expect(both.status == 64)
  }

  @Test func helpDocumentsTheExitCodes() throws {
    let run = try BinaryRun.run(["--help"])
    #expect(run.status == 0)
    for line in [
      "0    diagnosed", "2    incomplete", "65   invalid input", "73   an output cannot be written",
      "130  interrupted",
    ] {
      #expect(run.standardOutput.contains(line))
    }
  }

  @Test func malformedKnowledgeBaseExits65WithPlaces() throws {
    let folder = try TemporaryDirectory()
    try folder.write(
      "knowledge-base.yaml",
      """
      nettriage: knowledge-base/1
      id: broken
      version: "1"
      title: Broken
      start: first
      nodes:
        - id: first
          kind: question
          type: yes-no
          ask: Is it?
          why: Because.
          next: nowhere
        - id: end
          kind: conclusion
          outcome: diagnosed
          title: End
          text: The end.
          causes: [no-such-cause]
      """)
    let lint = try BinaryRun.run(["kb", "lint", "--kb", folder.url.path])
    #expect(lint.status == 65)
    let file = folder.path("knowledge-base.yaml")
    #expect(lint.standardError.contains("\(file):12:11: error: unknown node 'nowhere'"))
    #expect(
      lint.standardError.contains(
        "\(file):13:5: error: node 'end' is unreachable from start 'first'"))
    #expect(lint.standardError.contains("\(file):18:14: error: unknown cause 'no-such-cause'"))
    let run = try BinaryRun.run([
      "run", "--kb", folder.url.path, "--answers", Repository.scenario("small-sweep-40-hosts"),
    ])
    #expect(run.status == 65)
  }

  @Test func yamlSyntaxErrorNamesLineAndColumn() throws {
    let folder = try TemporaryDirectory()
    try folder.write("knowledge-base.yaml", "nettriage: knowledge-base/1\nid: [unclosed\n")
    let lint = try BinaryRun.run(["kb", "lint", "--kb", folder.url.path])
    #expect(lint.status == 65)
    #expect(
      lint.standardError.contains("\(folder.path("knowledge-base.yaml")):3:1: error: invalid YAML"))
  }

  @Test func embeddedKnowledgeBaseTravelsWithACopiedBinary() throws {
    let folder = try TemporaryDirectory()
    let copy = folder.url.appendingPathComponent("nettriage")
    try FileManager.default.copyItem(at: BinaryRun.executable, to: copy)
    let lint = try BinaryRun.run(
      ["kb", "lint"], currentDirectory: URL(fileURLWithPath: "/"), executable: copy)
    #expect(lint.status == 0)
    #expect(lint.standardOutput.contains("connection-limits"))
    #expect(lint.standardOutput.contains("0 errors"))
    let run = try BinaryRun.run(
      ["run", "--answers", Repository.scenario("dns-timeout-whole-office")],
      currentDirectory: URL(fileURLWithPath: "/"),
      executable: copy)
    #expect(run.status == 0)
  }

  @Test func shippedKnowledgeBaseLintsCleanAndItsScenariosPass() throws {
    let lint = try BinaryRun.run(["kb", "lint", "--kb", Repository.knowledgeBase.path])
    #expect(lint.status == 0, "\(lint.standardError)")
    #expect(lint.standardOutput.contains(" 0 errors"))
    let test = try BinaryRun.run(["kb", "test", "--kb", Repository.knowledgeBase.path])
    #expect(test.status == 0, "\(test.standardOutput)")
    #expect(test.standardOutput.contains(" 0 failed"))
  }

  /// `--strict` makes warnings fail: no conclusion may be left unreached by the scenarios.
  @Test
  func shippedKnowledgeBaseLintsStrictClean() throws {
    let lint = try BinaryRun.run(["kb", "lint", "--kb", Repository.knowledgeBase.path, "--strict"])
    #expect(lint.status == 0, "\(lint.standardError)")
  }

  /// The answers follow the interview's order (knowledge base 0.4: error-code, firewall-path,
  /// only-this-machine, station-os, hosts-per-sweep, recovery-pattern); it concludes before
  /// asking the station's address, so the report shows the typed answers instead.
  @Test func plainStandardInputRunsTheSameREPLWithoutHanging() throws {
    let state = try TemporaryDirectory()
    let input =
      "53\nisa-2006-standard\n.nope\nyes\nwindows-modern\n500\nafter-a-minute\n.report \(state.path("r.md"))\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 20)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(!run.standardOutput.contains("answer> "), "no prompts when output is not a terminal")
    #expect(run.standardOutput.contains("Diagnosed: "))
    #expect(run.standardError.contains("unknown command '.nope'"))
    #expect(try state.read("r.md").contains("| 500 hosts | user |"))
    let sessions = try BinaryRun.run(["sessions"], environment: ["XDG_STATE_HOME": state.url.path])
    #expect(sessions.standardOutput.contains("diagnosed"))
  }

  @Test func endOfInputBeforeAConclusionExits2AndKeepsTheSession() throws {
    let state = try TemporaryDirectory()
    // The interview's first question is error-code.
    let run = try BinaryRun.run(
      [], input: "53\n", environment: ["XDG_STATE_HOME": state.url.path], timeout: 20)
    #expect(run.status == 2)
    #expect(run.standardOutput.contains("Resume with: nettriage resume "))
    let list = try BinaryRun.run(
      ["sessions", "--json"], environment: ["XDG_STATE_HOME": state.url.path])
    #expect(list.standardOutput.contains("\"status\": \"in-progress\""))
    #expect(list.standardOutput.contains("\"answers\": 1"))
  }

  @Test func authorsToolsGraphCoverageExhaustiveAndRandom() throws {
    let kb = Repository.knowledgeBase.path
    // Every reachable path, and every answer alone with everything else unknown: about half a
    // minute of CPU; the timeout only guards against a hang on a loaded machine.
    let exhaustive = try BinaryRun.run(["kb", "test", "--kb", kb, "--exhaustive"], timeout: 600)
    #expect(exhaustive.status == 0, "\(exhaustive.standardOutput)")
    #expect(
      exhaustive.standardOutput.contains("every answer, branch and conclusion can be reached"))
    #expect(exhaustive.standardOutput.contains("coverage by scenarios: "))
    let first = try BinaryRun.run(["kb", "test", "--kb", kb, "--random", "40", "--seed", "3"])
    let second = try BinaryRun.run(["kb", "test", "--kb", kb, "--random", "40", "--seed", "3"])
    #expect(first.status == 0)
    #expect(first.standardOutput.hasPrefix("40 random walks, seed 3"))
    #expect(first.standardOutput == second.standardOutput)
    let dot = try BinaryRun.run(["kb", "graph", "--format", "dot"])
    #expect(dot.status == 0)
    #expect(dot.standardOutput.hasPrefix("digraph \"connection-limits\" {"))
    #expect(try BinaryRun.run(["kb", "graph", "--format", "svg"]).status == 64)
    let folder = try TemporaryDirectory()
    let partial = try folder.write(
      "partial.yaml", "nettriage: answers/1\nanswers:\n  only-this-machine: yes\n")
    // Listing what is still to answer explores every future of the interview: slow, not hung.
    let coverage = try BinaryRun.run(["kb", "coverage", partial], timeout: 120)
    #expect(coverage.status == 2)
    #expect(coverage.standardOutput.contains("1. only-this-machine = yes"))
    #expect(coverage.standardOutput.contains("Needs input at: "))
    #expect(coverage.standardOutput.contains("Still to answer, by the conclusion it could lead to"))
    let complete = try BinaryRun.run([
      "kb", "coverage", Repository.scenario("dns-timeout-whole-office"),
    ])
    #expect(complete.status == 0)
    #expect(
      complete.standardOutput.contains("Complete: the file answers every question its path needs."))
  }
}
