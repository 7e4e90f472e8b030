import Foundation
import Testing

/// `make bench` (Benchmarks/run.sh and its suites) works: on the tiny sizes, with the binary the
/// tests built, it runs every suite, prints one table and writes valid JSON. Timing is never
/// asserted (architecture.md: performance is measured, not timed in tests).
@Suite struct BenchmarkHarnessTests {
  static let package = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let path =
    (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/local/bin:/usr/bin:/bin"

  static let toolsPresent: Bool = ["make", "python3"].allSatisfy { tool in
    path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
    }
  }

  @Test(.enabled(if: toolsPresent, "needs make and python3"))
  func tinyBenchPrintsOneTableAndWritesJSON() throws {
    let folder = try TemporaryDirectory()
    let results = folder.url.appendingPathComponent("latest.json")
    let run = try BinaryRun.run(
      [
        "make", "--no-print-directory", "-C", Self.package.path, "bench", "BENCH_SIZE=tiny",
        "NETTRIAGE=\(BinaryRun.executable.path)",
      ],
      environment: [
        "PATH": Self.path, "BENCH_RESULTS": results.path,
        "BENCH_WORK": folder.url.appendingPathComponent("work").path,
      ],
      executable: URL(fileURLWithPath: "/usr/bin/env"), timeout: 120)
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.split(separator: "\n")
    let header = try #require(lines.first { $0.hasPrefix("suite") })
    #expect(header.contains("ratio(min)") && header.contains("RSS MB"))

    let data = try Data(contentsOf: results)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["schema"] as? String == "nettriage.bench/1")
    #expect(json["size"] as? String == "tiny")
    let rows = try #require(json["rows"] as? [[String: Any]])
    for row in rows {
      #expect(row["suite"] is String && row["case"] is String, "\(row)")
      #expect(row["error"] == nil, "\(row)")
    }
    // Every suite reports, and its rows are in the table.
    let suites = try FileManager.default.contentsOfDirectory(
      atPath: Self.package.appendingPathComponent("Benchmarks/suites").path
    ).filter { $0.hasSuffix(".sh") }.map { String($0.dropLast(3)) }
    for suite in suites {
      #expect(rows.contains { $0["suite"] as? String == suite }, "no rows from '\(suite)'")
      #expect(lines.contains { $0.hasPrefix(suite + " ") }, "'\(suite)' missing from the table")
    }
    // The parse suite measured the floor on every connection table.
    let parse = rows.filter {
      $0["suite"] as? String == "parse" && $0["baseline"] as? String == "mawk tally"
    }
    #expect(parse.count == 4)
    #expect(parse.allSatisfy { ($0["ratio"] as? Double ?? 0) > 0 })
  }
}
