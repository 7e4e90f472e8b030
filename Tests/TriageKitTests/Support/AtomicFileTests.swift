import Foundation
import Testing

@testable import TriageKit

@Suite struct AtomicFileTests {
  private static func withDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
  }

  @Test func writesAndReplaces() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("report.md")
      try AtomicFile.write("first ✓\n", to: url, overwrite: false)
      #expect(try String(contentsOf: url, encoding: .utf8) == "first ✓\n")
      try AtomicFile.write("second\n", to: url, overwrite: true)
      #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"],
        "no temporary file is left")
    }
  }

  @Test func refusesToReplaceWithoutOverwrite() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("report.md")
      try AtomicFile.write("keep", to: url, overwrite: false)
      #expect(throws: TriageError.outputExists(url.path)) {
        try AtomicFile.write("lose", to: url, overwrite: false)
      }
      #expect(try String(contentsOf: url, encoding: .utf8) == "keep")
      #expect(
        TriageError.outputExists(url.path).description
          == "error: '\(url.path)' exists already (use --force to replace it)")
    }
  }

  @Test func missingFolderCannotBeWritten() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("no/such/folder/report.md")
      #expect(throws: TriageError.cannotWrite(url.path, "No such file or directory")) {
        try AtomicFile.write("x", to: url, overwrite: true)
      }
    }
  }
}
