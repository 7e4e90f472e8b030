import Foundation

/// Replays scenarios (answer files with an `expect` block) and checks what they reach: `kb test`.
public enum ScenarioRunner {
  /// The result of one scenario.
  public struct Result: Sendable {
    /// The file's name without folder.
    public var name: String
    /// The outcome the run reached.
    public var outcome: Report.Outcome
    /// Cause IDs ranked, best first.
    public var ranked: [String]
    /// What did not match; empty when the scenario passed.
    public var problems: [String]
    /// The walk the scenario took, for coverage.
    public var walk: Walk?

    /// Whether every expectation held.
    public var passed: Bool { problems.isEmpty }
  }

  /// The scenario files of a folder, sorted by name.
  public static func files(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
      directory.appendingPathComponent($0)
    }
  }

  /// Replays a loaded answer file the way every `kb test` run does — a fixed clock, the file's own
  /// missing policy (`error` when it names none), evidence read before the answers — and builds its
  /// report. Scenarios and cases (`kb test --cases`) share it, so both grade the same run.
  public static func replay(
    _ file: AnswerFile, knowledgeBase: KnowledgeBase, observers: Observers = .none
  ) throws(TriageError) -> (replay: AnswerReplay, report: Report) {
    let clock = TriageClock.fixed(Date(timeIntervalSince1970: 0))
    let replay = try AnswerReplay.replay(
      file, knowledgeBase: knowledgeBase, sessionID: "scenario", clock: clock,
      policy: file.missing ?? .error, observers: observers)
    return (replay, try Report(session: replay.session, generatedAt: clock.now()))
  }

  /// Runs one scenario against `knowledgeBase`. Invalid files throw, as `run` would.
  public static func run(
    _ url: URL, knowledgeBase: KnowledgeBase, observers: Observers = .none
  ) throws(TriageError) -> Result {
    let file = try AnswerFile.load(url, knowledgeBase: knowledgeBase)
    let (replay, report) = try Self.replay(file, knowledgeBase: knowledgeBase, observers: observers)
    let ranked = report.diagnosis.ranked.map(\.cause.id)
    var problems: [String] = []
    guard let expectation = file.expectation else {
      return Result(
        name: url.lastPathComponent, outcome: report.outcome, ranked: ranked,
        problems: ["no 'expect' block: a scenario must say what it reaches"],
        walk: try replay.session.walk())
    }
    if let outcome = expectation.outcome, outcome != report.outcome {
      problems.append("expected outcome '\(outcome.rawValue)', got '\(report.outcome.rawValue)'")
    }
    if let missing = replay.missing {
      problems.append("the path needs an answer to '\(missing.id)'")
    }
    if let expected = expectation.conclusions {
      if expected.isEmpty, !ranked.isEmpty {
        problems.append("expected no ranked cause, got \(ranked.joined(separator: ", "))")
      } else if Array(ranked.prefix(expected.count)) != expected {
        problems.append(
          "expected causes ranked \(expected.joined(separator: ", ")), got \(ranked.isEmpty ? "none" : ranked.joined(separator: ", "))"
        )
      }
    }
    return Result(
      name: url.lastPathComponent, outcome: report.outcome, ranked: ranked, problems: problems,
      walk: try replay.session.walk())
  }
}
