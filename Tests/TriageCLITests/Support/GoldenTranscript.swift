import Foundation
import Testing

/// A golden transcript of one run of the built binary (argument-parser's way): the command, its
/// exit status, standard output and standard error, under `Tests/TriageCLITests/Snapshots/`.
///
/// `RECORD_SNAPSHOTS=1 swift test --filter TranscriptTests` rewrites them, and that run fails on
/// purpose so a recording is never mistaken for a pass; review the diff and run again.
struct GoldenTranscript: Sendable, CustomTestStringConvertible {
  /// The snapshot's file name without `.txt`.
  let name: String
  /// The arguments after `nettriage`.
  let arguments: [String]
  /// Standard input, if any.
  var input: String? = nil

  var testDescription: String { name }

  static let package = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

  /// Runs the binary from the package folder (so paths in messages are relative) at a fixed time
  /// and renders what it did.
  func record() throws -> String {
    let run = try BinaryRun.run(
      arguments, input: input,
      environment: ["SOURCE_DATE_EPOCH": "1700000000", "COLUMNS": "100", "NO_COLOR": "1"],
      currentDirectory: Self.package)
    var text = "$ nettriage \(arguments.joined(separator: " "))\n"
    if let input { text += "--- standard input\n\(input)" + (input.hasSuffix("\n") ? "" : "\n") }
    text += "--- exit status \(run.status)\n"
    text += "--- standard output\n\(run.standardOutput)"
    if !run.standardOutput.isEmpty, !run.standardOutput.hasSuffix("\n") { text += "\n" }
    text += "--- standard error\n\(run.standardError)"
    if !run.standardError.isEmpty, !run.standardError.hasSuffix("\n") { text += "\n" }
    return text
  }

  /// Compares `actual` with the snapshot (or records it under `RECORD_SNAPSHOTS=1`).
  func check(_ actual: String) {
    SnapshotFile.check(
      actual, at: Self.directory.appendingPathComponent("\(name).txt"), what: "transcript '\(name)'"
    )
  }
}
