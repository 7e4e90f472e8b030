import Foundation
import Testing

/// Golden files under `Tests/TriageKitTests/Snapshots/`.
///
/// `RECORD_SNAPSHOTS=1 swift test` rewrites them, and that run fails on purpose so a recording is
/// never mistaken for a pass; review the diff and run again.
enum Snapshot {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  static func assertMatches(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "recorded snapshot '\(name)'; run again without RECORD_SNAPSHOTS",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record snapshot '\(name)': \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no snapshot '\(name)': record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let index =
        zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expectedLines.count, actualLines.count)
      let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
      let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
      Issue.record(
        "snapshot '\(name)' differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\nre-record with RECORD_SNAPSHOTS=1 if the change is intended",
        sourceLocation: sourceLocation)
    }
  }
}
