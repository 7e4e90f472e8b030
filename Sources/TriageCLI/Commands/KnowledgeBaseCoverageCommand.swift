import ArgumentParser
import Foundation
import TriageKit

/// `nettriage kb coverage FILE`: what an answer file answers, and where it would still need input.
struct KnowledgeBaseCoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract:
      "Show which questions an answer file answers on its path and where it would need input."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Argument(help: ArgumentHelp("The answer file.", valueName: "answer-file"))
  var answerFile: String

  func run() throws {
    let (kb, file) = try exitingOnError { () throws(TriageError) in
      let kb = try knowledgeBase.load()
      return (kb, try AnswerFile.load(URL(fileURLWithPath: answerFile), knowledgeBase: kb))
    }
    let out = Terminal.standardOutput
    let replay = try exitingOnError { () throws(TriageError) in
      try AnswerReplay.replay(
        file, knowledgeBase: kb, sessionID: "coverage",
        clock: .fixed(Date(timeIntervalSince1970: 0)), policy: .error,
        observers: CommandLineObservers.offline)
    }
    let walk = try exitingOnError { () throws(TriageError) in try replay.session.walk() }
    out.line("Path with these answers:")
    for (index, step) in walk.steps.enumerated() {
      switch step {
      case .answered(let question, let value, _, let automatic):
        out.line(
          "  \(index + 1). \(question) = \(value.display)\(automatic ? " (already known)" : "")")
      case .decided(let decision, let condition):
        out.line("  \(index + 1). \(decision): \(condition ?? "otherwise")")
      case .concluded(let conclusion):
        out.line("  \(index + 1). conclusion \(conclusion)")
      case .probed(let node, let probe, let ran):
        out.line("  \(index + 1). \(node): probe \(probe) \(ran ? "ran" : "skipped")")
      }
    }
    // What each of the file's facts did for the differential, on the path or not.
    var moved: [String: [String]] = [:]
    for contribution in walk.contributions {
      let key: String
      switch contribution.step {
      case .answered(let question, _, _, _): key = question
      case .decided(let decision, _): key = decision
      default: continue
      }
      moved[key, default: []].append(
        "\(contribution.cause) \(String(format: "%+.2f", contribution.factor))")
    }
    out.line("Facts that counted:")
    for answer in walk.answers {
      guard let effects = moved[answer.question] else { continue }
      let origin = answer.automatic ? " (from \(answer.provenance.display))" : ""
      out.line(
        "  \(answer.question) = \(answer.value.display)\(origin): \(effects.joined(separator: ", "))"
      )
    }
    for case .decided(let decision, let condition) in walk.decided {
      guard let effects = moved[decision] else { continue }
      out.line(
        "  \(decision) (\(condition ?? "otherwise")): \(effects.joined(separator: ", "))")
    }
    let onPath = Set(walk.visited)
    let idle = file.answers.map(\.question).filter { moved[$0] == nil && !onPath.contains($0) }
    if !idle.isEmpty {
      out.line(
        "Answers in the file that counted for nothing (no support, off the path): "
          + idle.joined(separator: ", "))
    }
    guard let missing = replay.missing else {
      out.line("Complete: the file answers every question its path needs.")
      return
    }
    // The question as a person would read it: its `{{fact}}`s filled from the file's answers.
    let report = try exitingOnError { () throws(TriageError) in
      try Report(session: replay.session, generatedAt: Date(timeIntervalSince1970: 0))
    }
    let ask = report.plain(missing.ask).split(separator: "\n").first ?? ""
    out.line("Needs input at: \(missing.id) (\(ask))")
    let explorer = PathExplorer(knowledgeBase: kb)
    let coverage = try exitingOnError { () throws(TriageError) in
      try explorer.exhaustive(given: file.givenAnswers, limit: 20_000)
    }
    var needs: [String: [String]] = [:]
    let given = Set(file.answers.map(\.question))
    for ending in coverage.endings {
      for question in ending.questions where !given.contains(question) {
        if needs[ending.conclusion]?.contains(question) != true {
          needs[ending.conclusion, default: []].append(question)
        }
      }
    }
    out.line("Still to answer, by the conclusion it could lead to (in the order asked):")
    for (conclusion, questions) in needs.sorted(by: { $0.key < $1.key }) {
      out.line("  \(conclusion): \(questions.joined(separator: ", "))")
    }
    if coverage.truncated { out.line("(explored the first \(coverage.walks) paths only)") }
    throw ExitStatus.incomplete.exitCode
  }
}
