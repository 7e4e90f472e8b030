import Foundation
import Testing

@testable import TriageKit

#if canImport(Glibc)
  import Glibc
#endif

/// Bounded reading and precise errors for every kind of path (docs/limits.md).
@Suite struct InputFileTests {
  private let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nettriage-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  private func file(_ name: String, bytes: Int) throws -> String {
    let path = folder.appendingPathComponent(name).path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(count: bytes)))
    return path
  }

  @Test func aFileOfExactlyTheLimitIsRead() throws {
    let path = try file("at-limit", bytes: 1000)
    #expect(try InputFile.read(path, limit: 1000, what: "evidence").count == 1000)
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func oneBytePastTheLimitIsAnError() throws {
    let path = try file("past-limit", bytes: 1001)
    #expect(
      throws: TriageError.invalidInput(
        "'\(path)' is larger than 1000 bytes, the limit for evidence")
    ) {
      try InputFile.read(path, limit: 1000, what: "evidence")
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// A pipe has no size to check first: the reading itself stops one chunk past the limit.
  @Test func aPipeIsReadUpToTheLimitAndStoppedPastIt() throws {
    for (count, fits) in [(70_000, true), (70_001, false)] {
      var ends: [Int32] = [0, 0]
      #expect(pipe(&ends) == 0)
      let writeEnd = ends[1]
      let writer = Thread {
        let bytes = [UInt8](repeating: 0x41, count: count)
        _ = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress!, count) }
        close(writeEnd)
      }
      writer.start()
      let path = "/dev/fd/\(ends[0])"
      if fits {
        #expect(try InputFile.read(path, limit: 70_000, what: "evidence").count == count)
      } else {
        #expect(
          throws: TriageError.invalidInput(
            "'\(path)' is larger than 70000 bytes, the limit for evidence")
        ) {
          try InputFile.read(path, limit: 70_000, what: "evidence")
        }
      }
      close(ends[0])
    }
  }

  @Test func eachKindOfPathHasItsOwnError() throws {
    let fifo = folder.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let cases: [(String, TriageError)] = [
      (folder.path, .unreadable(folder.path, "is a directory")),
      (
        "/dev/zero",
        .unreadable("/dev/zero", "is a device (give a file, or '-' for standard input)")
      ),
      (fifo, .unreadable(fifo, "is a FIFO and nothing was written to it")),
      (
        folder.appendingPathComponent("missing").path,
        .inputMissing(folder.appendingPathComponent("missing").path)
      ),
      ("/proc/self/mem", .unreadable("/proc/self/mem", "input/output error")),
    ]
    for (path, expected) in cases {
      #expect(throws: expected) { try InputFile.read(path, limit: 1 << 20, what: "evidence") }
    }
    try? FileManager.default.removeItem(at: folder)
  }

  @Test(.enabled(if: geteuid() != 0, "root reads files whatever their mode"))
  func aFileWithoutReadPermissionSaysSo() throws {
    let path = try file("secret", bytes: 3)
    #expect(chmod(path, 0) == 0)
    #expect(throws: TriageError.unreadable(path, "permission denied")) {
      try InputFile.read(path, limit: 100, what: "evidence")
    }
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func answerFilesStopAtTheirLimit() throws {
    let kb = try TestKnowledgeBase.load()
    let header = "nettriage: answers/1\n"
    let limit = InputLimits.answerFileBytes
    let past = folder.appendingPathComponent("past.yaml")
    try Data((header + "#" + String(repeating: "x", count: limit - header.utf8.count)).utf8)
      .write(to: past)
    #expect(
      throws: TriageError.invalidInput(
        "'\(past.path)' is larger than 16 MiB, the limit for an answer file")
    ) {
      try AnswerFile.load(past, knowledgeBase: kb)
    }
    // At the limit, the file is read and its content judged: here, an answer file with no answers.
    let at = folder.appendingPathComponent("at.yaml")
    try Data((header + "#" + String(repeating: "x", count: limit - header.utf8.count - 1)).utf8)
      .write(to: at)
    do {
      _ = try AnswerFile.load(at, knowledgeBase: kb)
    } catch {
      guard case .invalidAnswerFile = error else {
        Issue.record("a file at the limit was refused: \(error)")
        return
      }
    }
    try? FileManager.default.removeItem(at: folder)
  }
}
