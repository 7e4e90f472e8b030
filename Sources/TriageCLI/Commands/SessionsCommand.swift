import ArgumentParser
import Foundation
import TriageKit

/// `nettriage sessions`: the saved sessions, newest first.
struct SessionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions",
    abstract: "List saved sessions, newest first.",
    discussion:
      "Sessions are kept in $XDG_STATE_HOME/nettriage/sessions (~/.local/state/nettriage/sessions)."
  )

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    let directory = SessionJournal.defaultDirectory(
      environment: ProcessInfo.processInfo.environment)
    let summaries = SessionJournal.list(in: directory)
    let out = Terminal.standardOutput
    // A journal that cannot be read at all is named, never hidden.
    for (url, reason) in SessionJournal.unreadable(in: directory) {
      Terminal.standardError.line(
        "warning: session journal '\(url.path)' cannot be read: \(reason)")
    }
    if json {
      let rows = summaries.map { summary -> [String: String] in
        var row = [
          "id": summary.header.session, "started": summary.header.started,
          "kb": summary.header.kb.id,
          "kb_version": summary.header.kb.version, "answers": String(summary.answers),
          "status": summary.damagedLine != nil
            ? "damaged" : summary.concluded?.rawValue ?? "in-progress",
          "path": summary.url.path,
        ]
        row["damaged_line"] = summary.damagedLine.map(String.init)
        row["last_activity"] = summary.lastActivity?.iso8601
        return row
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
      // JSON escapes what it must itself; a visible escape would make it invalid JSON.
      out.write(String(decoding: data, as: UTF8.self) + "\n", verbatim: true)
      return
    }
    guard !summaries.isEmpty else {
      out.line("No saved sessions in \(directory.path). 'nettriage' starts one.")
      return
    }
    let header = ["SESSION", "LAST ACTIVITY", "ANSWERS", "STATUS", "KNOWLEDGE BASE"]
    var rows = [header]
    for summary in summaries {
      rows.append([
        summary.header.session, summary.lastActivity?.iso8601 ?? summary.header.started,
        String(summary.answers),
        summary.damagedLine.map { "damaged at line \($0)" } ?? summary.concluded?.rawValue
          ?? "in progress",
        "\(summary.header.kb.id) \(summary.header.kb.version)",
      ])
    }
    let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      out.line(
        row.enumerated().map { index, cell in
          index == row.count - 1
            ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
        }.joined())
    }
    out.line()
    out.line("Resume one with: nettriage resume ID")
  }
}
