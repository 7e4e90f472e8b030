import ArgumentParser
import Foundation
import TriageKit

/// `nettriage sessions [list]`: the saved sessions, newest first.
struct SessionsListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List saved sessions, newest first: label, start, answers, outcome, leading cause."
  )

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    let directory = SessionJournal.defaultDirectory(
      environment: ProcessInfo.processInfo.environment)
    let overviews = SessionOverview.all(in: directory, clock: try environmentClock())
    let out = Terminal.standardOutput
    if json {
      out.line(JSONValue.array(overviews.map(\.json)).serialized(pretty: true))
      return
    }
    guard !overviews.isEmpty else {
      out.line("No saved sessions in \(directory.path). 'nettriage' starts one.")
      return
    }
    let header = ["SESSION", "LABEL", "STARTED", "ANSWERS", "OUTCOME", "LEADING CAUSE"]
    var rows = [header]
    for overview in overviews {
      rows.append([
        overview.id, overview.label ?? "-",
        LocalTime.display(iso8601: overview.summary.header.started),
        String(overview.summary.answers), overview.outcome,
        overview.topCause.map { cause in
          overview.topConfidence.map { "\(cause) (\(Int(($0 * 100).rounded()))%)" } ?? cause
        } ?? "-",
      ])
    }
    let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for (index, row) in rows.enumerated() {
      let line = row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
      }.joined()
      // Only the leading cause may run past the width; the rest stays aligned.
      out.line(index == 0 ? out.styled(line, .bold) : line)
    }
    out.line()
    out.line("Resume one with: nettriage resume ID")
  }
}
