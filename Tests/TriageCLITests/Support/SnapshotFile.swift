import Foundation
import Testing

/// A snapshot kept as a file: compared with what a test produced, or rewritten under
/// `RECORD_SNAPSHOTS=1` (that run fails on purpose, so a recording is never taken for a pass).
enum SnapshotFile {
  /// Compares `actual` with the file at `url`; `what` names it in messages ("transcript 'x'").
  static func check(_ actual: String, at url: URL, what: String) {
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(what); run again without RECORD_SNAPSHOTS")
      } catch {
        Issue.record("cannot record \(what): \(error)")
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("no \(what): record it with RECORD_SNAPSHOTS=1")
      return
    }
    guard expected != actual else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let index =
      zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(want.count, got.count)
    Issue.record(
      """
      \(what) differs at line \(index + 1):
        expected: \(index < want.count ? String(want[index]) : "<end>")
        actual:   \(index < got.count ? String(got[index]) : "<end>")
      re-record with RECORD_SNAPSHOTS=1 if the change is intended
      """)
  }
}
