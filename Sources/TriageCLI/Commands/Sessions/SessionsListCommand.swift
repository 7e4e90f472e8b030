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
    let now = Date()
    let zone = LocalTime.zone(of: now, in: .current)
    let header = ["SESSION", "LABEL", "STARTED (\(zone))", "ANSWERS", "OUTCOME", "LEADING CAUSE"]
    var rows = [header]
    for overview in overviews {
      let started = overview.summary.header.started
      rows.append([
        overview.id, overview.label ?? "-",
        Date(iso8601: started).map { LocalTime.compact($0, now: now) } ?? started,
        String(overview.summary.answers), overview.outcome,
        overview.topCause.map { cause in
          overview.topConfidence.map { "\(cause) (\(Int(($0 * 100).rounded()))%)" } ?? cause
        } ?? "-",
      ])
    }
    let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    func aligned(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        column == cells.count - 1
          ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
      }.joined()
    }
    // On a terminal too narrow for one line a session, the leading cause goes on a line of its own.
    let fits = out.width.map { width in rows.allSatisfy { aligned($0).count <= width } } ?? true
    for (index, row) in rows.enumerated() {
      let cells = fits ? row : Array(row.dropLast())
      out.line(index == 0 ? out.styled(aligned(cells), .bold) : aligned(cells))
      if !fits, index > 0, row.last != "-" {
        out.wrapped(
          out.styled("leading cause: ", .dim) + (row.last ?? ""), indent: "  ", hanging: "    ")
      }
    }
    out.line()
    out.line("Resume one with: nettriage resume ID")
  }
}
