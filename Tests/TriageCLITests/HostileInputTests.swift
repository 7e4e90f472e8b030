import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary against inputs that used to exhaust memory, destroy files or print raw control
/// bytes (issue 17); every limit here is in docs/limits.md.
@Suite struct HostileInputTests {
  /// Runs `nettriage` with standard input read from `inputPath`.
  private static func run(_ arguments: [String], stdinFrom inputPath: String) throws -> (
    status: Int32, error: String
  ) {
    let process = Process()
    process.executableURL = BinaryRun.executable
    process.arguments = arguments
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    process.standardInput = FileHandle(forReadingAtPath: inputPath)
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    let stderr = Pipe()
    process.standardError = stderr
    try process.run()
    let error = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: error, as: UTF8.self))
  }

  /// Standard input is read in chunks and stopped at the limit: `/dev/zero` never ends, so only
  /// the limit can stop it.
  @Test func endlessStandardInputStopsAtTheEvidenceLimit() throws {
    let result = try Self.run(["parse", "auto", "-"], stdinFrom: "/dev/zero")
    #expect(result.status == 65)
    #expect(result.error == "error: 'stdin' is larger than 256 MiB, the limit for evidence\n")
  }

  @Test(arguments: [
    ("/dev/zero", "is a device (give a file, or '-' for standard input)"),
    ("/tmp", "is a directory"),
  ])
  func pathsThatAreNotFilesSayWhatTheyAre(path: String, reason: String) throws {
    let run = try BinaryRun.run(["parse", "auto", path])
    #expect(run.status == 66)
    #expect(run.standardError == "error: cannot read '\(path)': \(reason)\n")
  }
}
