import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `nettriage` without a terminal, as scripts and CI do, and collects what it printed.
struct BinaryRun {
  var status: Int32
  var standardOutput: String
  var standardError: String

  /// The built executable (see ``PseudoTerminal/builtProduct(named:)``).
  static var executable: URL { PseudoTerminal.builtProduct(named: "nettriage") }

  /// The sanitizers' settings of the test run (`make sanitize` sets `LSAN_OPTIONS` to the
  /// suppressions of leaks that are not ours), handed on to every program a test starts with an
  /// environment of its own, so the program under test is checked the same way.
  static let sanitizerOptions: [String: String] = ProcessInfo.processInfo.environment.filter {
    ["LSAN_OPTIONS", "UBSAN_OPTIONS"].contains($0.key)
  }

  /// How much longer than usual a run may take before it counts as hung:
  /// `NETTRIAGE_TEST_TIME_SCALE` (a sanitized build runs several times slower), else 1.
  static let timeScale: Double =
    ProcessInfo.processInfo.environment["NETTRIAGE_TEST_TIME_SCALE"]
    .flatMap(Double.init).map { max($0, 1) } ?? 1

  /// Runs `nettriage` with `arguments`; standard input is `input`, `inputFile` or /dev/null, so it
  /// can never wait for a terminal. A run still going after `timeout` is killed and reported as status 137.
  @discardableResult
  static func run(
    _ arguments: [String], input: String? = nil, inputFile: URL? = nil,
    environment: [String: String] = [:],
    currentDirectory: URL? = nil, executable: URL = BinaryRun.executable, timeout: TimeInterval = 30
  ) throws -> BinaryRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(sanitizerOptions) { $1 }
    env.merge(environment) { _, new in new }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    if let input {
      let stdin = Pipe()
      process.standardInput = stdin
      try process.run()
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try stdin.fileHandleForWriting.close()
    } else {
      process.standardInput = FileHandle(forReadingAtPath: inputFile?.path ?? "/dev/null")
      try process.run()
    }
    // Read both pipes while the child runs so a full pipe cannot block it.
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    DispatchQueue.global().async(group: group) {
      out = stdout.fileHandleForReading.readDataToEndOfFile()
    }
    DispatchQueue.global().async(group: group) {
      err = stderr.fileHandleForReading.readDataToEndOfFile()
    }
    let deadline = Date().addingTimeInterval(timeout * timeScale)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    group.wait()
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    return BinaryRun(
      status: status, standardOutput: String(decoding: out, as: UTF8.self),
      standardError: String(decoding: err, as: UTF8.self))
  }
}

/// A temporary folder removed when the test ends.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nettriage-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `text` to `name` in the folder and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func read(_ name: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
  }
}

/// The repository's root, for the knowledge base and its scenarios.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let knowledgeBase = root.appendingPathComponent("KnowledgeBase")
  static func scenario(_ name: String) -> String {
    knowledgeBase.appendingPathComponent("scenarios/\(name).yaml").path
  }
}
