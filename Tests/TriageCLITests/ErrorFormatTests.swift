import Foundation
import Testing

/// Every command reports a command-line error in one shape, `nettriage: error: …` (or
/// `path:line:column: error: …` when a place in a file is at fault), with its documented exit code.
@Suite("one error format")
struct ErrorFormatTests {
  /// A command line that fails, and the exit code the documentation gives for it.
  struct Case: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var status: Int32
    var testDescription: String { "nettriage \(arguments.joined(separator: " ")) → \(status)" }
  }

  static let cases: [Case] = [
    Case(arguments: ["rn"], status: 64),
    Case(arguments: ["parse", "--jsno", "x"], status: 64),
    Case(arguments: ["parse", "netsat", "x.txt"], status: 64),
    Case(arguments: ["parse", "netstat", "/no/such/file"], status: 66),
    Case(arguments: ["run", "--answers", "/no/such/file.yaml"], status: 66),
    Case(arguments: ["run", "--evidence", "netsat:x"], status: 64),
    Case(arguments: ["start", "--kb", "/no/such/folder"], status: 66),
    Case(arguments: ["resume", "no-such-session"], status: 66),
    Case(arguments: ["sessions", "rm", "no-such-session"], status: 66),
    Case(arguments: ["sessions", "prune"], status: 64),
    Case(arguments: ["kb", "lint", "--kb", "/no/such/folder"], status: 66),
    Case(arguments: ["kb", "graph", "--format", "svg"], status: 64),
    Case(arguments: ["kb", "coverage", "/no/such/file.yaml"], status: 66),
    Case(arguments: ["kb", "test", "--random", "0"], status: 64),
    Case(arguments: ["probe", "connect", "no-port"], status: 64),
    Case(arguments: ["probe", "fanout", "--targets", "/no/such/targets"], status: 66),
    Case(arguments: ["probe", "dns", "--timeout", "0", "example.org"], status: 64),
    Case(arguments: ["collect", "--timeout", "9999"], status: 64),
    Case(arguments: ["summarize", "/no/such/report.json"], status: 66),
    Case(arguments: ["summarize"], status: 64),
  ]

  @Test(arguments: cases)
  func theErrorNamesTheProgramAndKeepsItsExitCode(_ failing: Case) throws {
    let state = try TemporaryDirectory()
    let run = try BinaryRun.run(
      failing.arguments, environment: ["XDG_STATE_HOME": state.url.path])
    #expect(run.status == failing.status, "\(run.standardError)")
    let first = run.standardError.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("nettriage: error: "), "\(run.standardError)")
    #expect(!run.standardError.contains("Error: "))
  }

  @Test func anErrorInAFileNamesItsPlace() throws {
    let folder = try TemporaryDirectory()
    let answers = try folder.write(
      "a.yaml", "nettriage: answers/1\nanswers:\n  no-such-question: 1\n")
    let run = try BinaryRun.run(
      ["run", "--answers", answers], environment: ["XDG_STATE_HOME": folder.path("state")])
    #expect(run.status == 65)
    #expect(run.standardError.hasPrefix("\(answers):3:3: error: "), "\(run.standardError)")
  }
}
