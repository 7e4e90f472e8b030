import ArgumentParser
import Foundation
import TriageKit

/// `nettriage sessions prune --older-than 30d`: removes sessions not touched for a while.
struct SessionsPruneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Remove sessions whose last activity is older than an age (30d, 12h, 2w).",
    discussion: "Sessions without any answer are removed whatever their age with --empty."
  )

  @Option(
    name: .customLong("older-than"),
    help: ArgumentHelp(
      "Remove sessions last used longer ago than this: 30d, 12h, 2w, 90m.", valueName: "age"))
  var olderThan: String?

  @Flag(help: "Also remove sessions that hold no answer, whatever their age.")
  var empty = false

  @Flag(name: .customLong("dry-run"), help: "List what would be removed, remove nothing.")
  var dryRun = false

  func validate() throws {
    if let olderThan, Self.seconds(in: olderThan) == nil {
      throw ValidationError(
        "cannot read the age '\(olderThan)': a number and a unit, m, h, d or w, such as 30d")
    }
    if olderThan == nil && !empty {
      throw ValidationError("say what to prune: --older-than AGE, --empty, or both")
    }
  }

  func run() throws {
    let directory = SessionJournal.defaultDirectory(
      environment: ProcessInfo.processInfo.environment)
    let now = try environmentClock().now()
    let limit = olderThan.flatMap(Self.seconds(in:))
    var removed = 0
    for summary in SessionJournal.list(in: directory) {
      let last = summary.lastActivity ?? Date(iso8601: summary.header.started) ?? now
      let old = limit.map { now.timeIntervalSince(last) > $0 } ?? false
      guard old || (empty && summary.answers == 0) else { continue }
      if !dryRun {
        do {
          try FileManager.default.removeItem(at: summary.url)
        } catch {
          Terminal.standardError.line(
            ErrorMessage.error("cannot remove '\(summary.url.path)': \(error.localizedDescription)")
          )
          throw ExitStatus.cannotWrite.exitCode
        }
      }
      removed += 1
      Terminal.standardOutput.line(
        "\(dryRun ? "would remove" : "removed") \(summary.header.session) (last activity \(LocalTime.display(last)), \(summary.answers) answers)"
      )
    }
    if removed == 0 { Terminal.standardOutput.line("nothing to prune") }
  }

  /// `30d` → seconds.
  static func seconds(in age: String) -> TimeInterval? {
    guard let unit = age.last, let number = Double(age.dropLast()), number >= 0 else { return nil }
    switch unit {
    case "m": return number * 60
    case "h": return number * 3600
    case "d": return number * 86400
    case "w": return number * 7 * 86400
    default: return nil
    }
  }
}
