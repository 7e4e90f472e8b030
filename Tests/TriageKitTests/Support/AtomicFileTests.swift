import Foundation
import Testing

@testable import TriageKit

#if canImport(Glibc)
  import Glibc
#endif

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
      #expect(throws: TriageError.cannotWrite(url.path, "no such file or directory")) {
        try AtomicFile.write("x", to: url, overwrite: true)
      }
    }
  }

  // MARK: - Targets that are not regular files (issue 17)

  private static func fileType(_ path: String) -> mode_t {
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    return status.st_mode & S_IFMT
  }

  @Test func aSymbolicLinkIsNeverReplacedNorFollowed() throws {
    try Self.withDirectory { directory in
      let victim = directory.appendingPathComponent("victim")
      try "precious".write(to: victim, atomically: false, encoding: .utf8)
      let link = directory.appendingPathComponent("report.md")
      try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
      for overwrite in [false, true] {
        #expect(
          throws: TriageError.cannotWrite(
            link.path,
            "is a symbolic link; it is never replaced (name the file it points to, or '-' for standard output)"
          )
        ) {
          try AtomicFile.write("report", to: link, overwrite: overwrite)
        }
      }
      #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
      #expect(Self.fileType(link.path) == S_IFLNK)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
    }
  }

  @Test func aDirectoryIsRefusedAndNothingIsLeftBehind() throws {
    try Self.withDirectory { directory in
      let target = directory.appendingPathComponent("reports")
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
      #expect(throws: TriageError.cannotWrite(target.path, "is a directory")) {
        try AtomicFile.write("x", to: target, overwrite: true)
      }
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["reports"])
    }
  }

  @Test func aFIFOIsWrittenToAndStaysAFIFO() throws {
    try Self.withDirectory { directory in
      let fifo = directory.appendingPathComponent("pipe").path
      #expect(mkfifo(fifo, 0o600) == 0)
      #expect(throws: TriageError.cannotWrite(fifo, "is a FIFO that nobody reads")) {
        try AtomicFile.write("x", to: URL(fileURLWithPath: fifo), overwrite: true)
      }
      let reader = open(fifo, O_RDONLY | O_NONBLOCK)
      #expect(reader >= 0)
      try AtomicFile.write("through the pipe", to: URL(fileURLWithPath: fifo), overwrite: false)
      var buffer = [UInt8](repeating: 0, count: 64)
      let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress!, 64) }
      close(reader)
      #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "through the pipe")
      #expect(Self.fileType(fifo) == S_IFIFO)
    }
  }

  @Test func aCharacterDeviceIsWrittenToAndNeverReplaced() throws {
    try AtomicFile.write("discarded", to: URL(fileURLWithPath: "/dev/null"), overwrite: true)
    try AtomicFile.write("discarded", to: URL(fileURLWithPath: "/dev/null"), overwrite: false)
    #expect(Self.fileType("/dev/null") == S_IFCHR)
    #expect(throws: TriageError.cannotWrite("/dev/full", "no space left on device")) {
      try AtomicFile.write("x", to: URL(fileURLWithPath: "/dev/full"), overwrite: true)
    }
    #expect(Self.fileType("/dev/full") == S_IFCHR)
  }

  /// The report of issue 17 replaced copies of `/dev/null` made with mknod: as root, so can this.
  @Test(.enabled(if: geteuid() == 0, "mknod needs root"))
  func aCopyOfDevNullStaysADevice() throws {
    try Self.withDirectory { directory in
      let copy = directory.appendingPathComponent("null").path
      var null = stat()
      #expect(stat("/dev/null", &null) == 0)
      #expect(mknod(copy, S_IFCHR | 0o666, null.st_rdev) == 0)
      try AtomicFile.write("{}", to: URL(fileURLWithPath: copy), overwrite: true)
      #expect(Self.fileType(copy) == S_IFCHR)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["null"])
    }
  }

  @Test func aLinkToStandardOutputIsWrittenThrough() throws {
    try Self.withDirectory { directory in
      let fifo = directory.appendingPathComponent("pipe").path
      #expect(mkfifo(fifo, 0o600) == 0)
      let link = directory.appendingPathComponent("stdout")
      try FileManager.default.createSymbolicLink(
        at: link, withDestinationURL: URL(fileURLWithPath: fifo))
      let reader = open(fifo, O_RDONLY | O_NONBLOCK)
      try AtomicFile.write("json", to: link, overwrite: false)
      var buffer = [UInt8](repeating: 0, count: 16)
      let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress!, 16) }
      close(reader)
      #expect(count == 4)
      #expect(Self.fileType(link.path) == S_IFLNK)
    }
  }

  @Test func temporaryFilesHaveUnpredictableNames() throws {
    try Self.withDirectory { directory in
      let url = directory.appendingPathComponent("report.md")
      // The old name was predictable: a link planted there redirected the write.
      let planted = directory.appendingPathComponent(".report.md.\(getpid()).tmp")
      let victim = directory.appendingPathComponent("victim")
      try "precious".write(to: victim, atomically: false, encoding: .utf8)
      try FileManager.default.createSymbolicLink(at: planted, withDestinationURL: victim)
      try AtomicFile.write("report", to: url, overwrite: false)
      #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
      #expect(try String(contentsOf: url, encoding: .utf8) == "report")
    }
  }
}
