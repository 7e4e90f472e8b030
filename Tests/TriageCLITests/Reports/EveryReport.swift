import Foundation
import TriageKit

@testable import TriageCLI

/// The report of every scenario (`KnowledgeBase/scenarios`) and every real case
/// (`KnowledgeBase/cases`), replayed as `kb test` replays them (evidence read, recorded probe
/// results, no live probe), rendered once for all the tests that read them.
struct EveryReport: Sendable, CustomStringConvertible {
  /// `scenarios/NAME.yaml` or `cases/NAME.yaml`.
  var name: String
  var report: Report
  var markdown: String
  var json: String

  var description: String { name }

  /// Every report, or the error that kept one from being built (as a failed entry's name).
  static let all: Result<[EveryReport], LoadError> = load()

  struct LoadError: Error, CustomStringConvertible {
    var description: String
  }

  private static func load() -> Result<[EveryReport], LoadError> {
    var options = KnowledgeBaseOptions()
    options.directory = Repository.knowledgeBase.path
    let kb: KnowledgeBase
    do {
      kb = try options.load()
    } catch {
      return .failure(LoadError(description: "the knowledge base does not load: \(error)"))
    }
    var reports: [EveryReport] = []
    for folder in ["scenarios", "cases"] {
      let directory = Repository.knowledgeBase.appendingPathComponent(folder)
      for url in ScenarioRunner.files(in: directory) {
        let name = "\(folder)/\(url.lastPathComponent)"
        do {
          let file =
            folder == "cases"
            ? try CaseGrader.load(url, knowledgeBase: kb).file
            : try AnswerFile.load(url, knowledgeBase: kb)
          var (_, report) = try ScenarioRunner.replay(
            file, knowledgeBase: kb, observers: CommandLineObservers.offline)
          report.timeZone = TimeZone(identifier: "UTC") ?? .current
          reports.append(
            EveryReport(
              name: name, report: report, markdown: MarkdownReportRenderer.render(report),
              json: JSONReportRenderer.render(report)))
        } catch {
          return .failure(LoadError(description: "\(name): \(error)"))
        }
      }
    }
    return .success(reports)
  }
}
