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
      .merging(BinaryRun.sanitizerOptions) { $1 }
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
    #expect(
      result.error == "nettriage: error: 'stdin' is larger than 256 MiB, the limit for evidence\n")
  }

  @Test(arguments: [
    ("/dev/zero", "is a device (give a file, or '-' for standard input)"),
    ("/tmp", "is a directory"),
  ])
  func pathsThatAreNotFilesSayWhatTheyAre(path: String, reason: String) throws {
    let run = try BinaryRun.run(["parse", "auto", path])
    #expect(run.status == 66)
    #expect(run.standardError == "nettriage: error: cannot read '\(path)': \(reason)\n")
  }

  // MARK: - Writes that destroy

  private static func fileType(_ path: String) -> mode_t {
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    return status.st_mode & S_IFMT
  }

  /// `run --answers A --json /dev/null --force` as root replaced /dev/null with a file; here on a
  /// copy made with mknod, so a regression cannot break the machine running the tests.
  @Test(.enabled(if: geteuid() == 0, "mknod needs root"))
  func reportsToADeviceLeaveItADevice() throws {
    let folder = try TemporaryDirectory()
    let copy = folder.path("null")
    var null = stat()
    #expect(stat("/dev/null", &null) == 0)
    #expect(mknod(copy, S_IFCHR | 0o666, null.st_rdev) == 0)
    let answers = Repository.scenario("apipa-address-1231")
    for option in ["--json", "--report"] {
      let run = try BinaryRun.run(["run", "--answers", answers, option, copy, "--force"])
      #expect(run.status == 0, "\(run.standardError)")
      #expect(Self.fileType(copy) == S_IFCHR)
    }
  }

  @Test func aReportOverASymbolicLinkIsRefusedAndTheTargetKept() throws {
    let folder = try TemporaryDirectory()
    let victim = try folder.write("victim", "precious")
    let link = folder.path("report.md")
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: victim)
    let run = try BinaryRun.run([
      "run", "--answers", Repository.scenario("apipa-address-1231"), "--report", link, "--force",
    ])
    #expect(run.status == 73)
    #expect(
      run.standardError
        == "nettriage: error: cannot write '\(link)': is a symbolic link; it is never replaced (name the file it points to, or '-' for standard output)\n"
    )
    #expect(try folder.read("victim") == "precious")
  }

  @Test func jsonToDevStdoutWorks() throws {
    let run = try BinaryRun.run([
      "run", "--answers", Repository.scenario("apipa-address-1231"), "--json", "/dev/stdout",
    ])
    #expect(run.status == 0)
    #expect(run.standardOutput.contains("\"schema\" : \"nettriage.report/1\""))
  }

  // MARK: - Raw control bytes

  private static let rawControls: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"]

  private static func hasRawControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { rawControls.contains($0) }
  }

  @Test func notesWithControlBytesReachTheReportVisiblyNotRaw() throws {
    let folder = try TemporaryDirectory()
    let scenario = try String(
      contentsOfFile: Repository.scenario("apipa-address-1231"), encoding: .utf8)
    let hostile = scenario.replacingOccurrences(
      of: "notes:\n",
      with: "notes:\n  - \"title \\e]0;pwned\\a bell \\x9b31m csi \\u202Eevil\"\n")
    let answers = try folder.write("answers.yaml", hostile)
    let run = try BinaryRun.run(["run", "--answers", answers, "--report", "-"])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains("title \\\\u\\{1B\\}"))
    #expect(!Self.hasRawControl(run.standardOutput))
    #expect(!Self.hasRawControl(run.standardError))
  }

  @Test func errorsQuoteControlBytesVisibly() throws {
    let path = "/tmp/no-such-\u{1B}]0;pwned\u{07}-\u{202E}"
    let run = try BinaryRun.run(["parse", "auto", path])
    #expect(run.status == 66)
    #expect(
      run.standardError
        == "nettriage: error: cannot read '/tmp/no-such-\\u{1B}]0;pwned\\u{7}-\\u{202E}': no such file or folder\n"
    )
  }

  /// A long paste nothing can read is kept as a note cut to 60 KiB, under the 64 KiB note limit.
  @Test func aLongUnreadablePasteIsKeptCut() throws {
    let state = try TemporaryDirectory()
    let line = String(repeating: "z", count: 99) + "\n"
    let input =
      ".paste\n" + String(repeating: line, count: 1000)
      + ".\n.report \(state.path("r.md"))\n.quit\n"
    let run = try BinaryRun.run(
      [], input: input, environment: ["XDG_STATE_HOME": state.url.path], timeout: 60)
    #expect(run.standardError.contains("cannot tell what kind of output this is"))
    let report = try state.read("r.md")
    #expect(report.contains("(cut to the first 60 KiB)"))
    #expect(report.utf8.count < 100_000)
  }
}
