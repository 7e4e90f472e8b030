import Foundation
import Testing

@testable import TriageKit

#if canImport(Glibc)
  import Glibc
#endif

/// A full or failing disk (ENOSPC, EIO) injected at every call that puts a file on disk: each
/// write site says why it failed, keeps the previous file as it was and leaves no debris.
@Suite struct DiskFaultTests {
  /// Every call an atomic file write makes, with both errors a disk gives.
  static let faults: [(SystemWrite.Call, Int32)] = SystemWrite.Call.allCases.flatMap { call in
    [(call, ENOSPC), (call, EIO)]
  }

  private static func withDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "disk-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
  }

  @Test(arguments: faults)
  func anAtomicWriteThatFailsKeepsThePreviousFile(call: SystemWrite.Call, code: Int32) throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("report.md")
      try AtomicFile.write("previous report\n", to: url, overwrite: false)
      let injection = SystemWrite.Injection(call, errno: code, onPathsContaining: "report.md")
      SystemWrite.$injection.withValue(injection) {
        #expect(throws: TriageError.cannotWrite(url.path, SystemWrite.reason(code))) {
          try AtomicFile.write(String(repeating: "new\n", count: 1000), to: url, overwrite: true)
        }
      }
      #expect(injection.failures == 1)
      #expect(try String(contentsOf: url, encoding: .utf8) == "previous report\n")
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"],
        "no temporary file is left")
    }
  }

  @Test(arguments: [ENOSPC, EIO])
  func aNewFileThatCannotBeWrittenIsNotCreated(code: Int32) throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("answers.yaml")
      SystemWrite.$injection.withValue(SystemWrite.Injection(.write, errno: code)) {
        #expect(throws: TriageError.cannotWrite(url.path, SystemWrite.reason(code))) {
          try AtomicFile.write("answers: {}\n", to: url, overwrite: false)
        }
      }
      let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(left.isEmpty)
    }
  }

  @Test func theMessageSaysWhatTheDiskSaid() {
    #expect(
      TriageError.cannotWrite("/srv/r.md", SystemWrite.reason(ENOSPC)).description
        == "error: cannot write '/srv/r.md': no space left on device")
    #expect(SystemWrite.reason(EIO) == "input/output error")
  }

  @Test(arguments: [SystemWrite.Call.create, .write, .sync, .close], [ENOSPC, EIO])
  func anAppendedLineIsWholeOrNotThere(call: SystemWrite.Call, code: Int32) throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("probes.jsonl")
      try AtomicFile.appendLine("{\"first\":1}", to: url)
      SystemWrite.$injection.withValue(SystemWrite.Injection(call, errno: code)) {
        #expect(throws: TriageError.cannotWrite(url.path, SystemWrite.reason(code))) {
          try AtomicFile.appendLine(
            "{\"second\":" + String(repeating: "2", count: 500) + "}", to: url)
        }
      }
      let kept = try String(contentsOf: url, encoding: .utf8)
      // A failed close comes after the line was written and flushed: it is whole. Anything else
      // leaves the file as it was.
      #expect(
        call == .close
          ? kept.hasPrefix("{\"first\":1}\n{\"second\":") && kept.hasSuffix("}\n")
          : kept == "{\"first\":1}\n", "\(kept.prefix(80))")
      try AtomicFile.appendLine("{\"third\":3}", to: url)
      #expect(try String(contentsOf: url, encoding: .utf8).hasSuffix("\n{\"third\":3}\n"))
    }
  }

  @Test func writesWithoutAPathAreNeverFailed() {
    // The terminal writes without a path: an injection for files leaves it alone.
    let injection = SystemWrite.Injection(.write, errno: EIO)
    let failed = SystemWrite.$injection.withValue(injection) {
      SystemWrite.all(Array("x".utf8), to: open("/dev/null", O_WRONLY))
    }
    #expect(failed == nil)
    #expect(injection.failures == 0)
  }
}
