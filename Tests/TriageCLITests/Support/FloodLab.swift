import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One flood lab (lab/flood-lab.sh) for one test: a network namespace with a name unique to this
/// run, its netfilter rules and listener; taken down when released, whatever the test did.
final class FloodLab {
  /// The address probes bind to inside the lab (the ISA "client IP").
  static let station = "127.0.0.2"

  /// The lab's ports (docs/lab.md).
  enum Port {
    static let concurrentDrop = 4450
    static let rateDrop = 4451
    static let concurrentReset = 4452
    static let drop = 4453
    static let unreachable = 4454
    static let open = 4455
    static let closed = 4459
  }

  let name: String
  private let folder: TemporaryDirectory

  /// Brings a lab up; throws with the script's message when it cannot.
  init() throws {
    let unique = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
    name = "nt-lab-t\(unique)"
    folder = try TemporaryDirectory()
    let up = try FloodLab.script(["up", name])
    guard up.status == 0 else {
      throw LabError(message: "flood-lab.sh up failed (\(up.status)): \(up.standardError)")
    }
  }

  deinit {
    _ = try? FloodLab.script(["down", name])
  }

  /// Writes a targets file of `count` distinct lab addresses (127.0.1.1, 127.0.1.2, …) on
  /// `port` and returns its path.
  func targets(port: Int, count: Int) throws -> String {
    var text = "# flood lab targets, port \(port)\n"
    for index in 0..<count {
      text += "127.0.\(1 + index / 250).\(1 + index % 250):\(port)\n"
    }
    return try folder.write("targets-\(port)-\(count).txt", text)
  }

  /// Runs the built `nettriage` inside the namespace.
  func nettriage(_ arguments: [String], timeout: TimeInterval = 55) throws -> BinaryRun {
    try inside([BinaryRun.executable.path] + arguments, timeout: timeout)
  }

  /// Runs a command inside the namespace (no shell).
  func inside(_ command: [String], timeout: TimeInterval = 30) throws -> BinaryRun {
    guard let ip = LabEnvironment.tool("ip") else { throw LabError(message: "no 'ip'") }
    return try BinaryRun.run(
      ["netns", "exec", name] + command, executable: URL(fileURLWithPath: ip), timeout: timeout)
  }

  /// Runs lab/flood-lab.sh with `arguments`.
  static func script(_ arguments: [String]) throws -> BinaryRun {
    let script = Repository.root.appendingPathComponent("lab/flood-lab.sh").path
    return try BinaryRun.run(
      [script] + arguments, executable: URL(fileURLWithPath: "/bin/bash"), timeout: 30)
  }

  struct LabError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }
}

/// What the lab needs from this machine, checked once; lab tests are skipped, with the reason,
/// when something is missing.
enum LabEnvironment {
  static let isRoot = geteuid() == 0

  /// The first executable `name` in the system folders.
  static func tool(_ name: String) -> String? {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static let hasTools = ["ip", "iptables", "python3"].allSatisfy { tool($0) != nil }

  /// Whether a namespace can be made here and given connlimit and hashlimit rules (containers
  /// without CAP_SYS_ADMIN, or kernels without the modules, cannot).
  static let canBuildLab: Bool = {
    guard isRoot, hasTools, let ip = tool("ip") else { return false }
    let name = "nt-lab-check\(getpid())"
    let ipURL = URL(fileURLWithPath: ip)
    guard (try? BinaryRun.run(["netns", "add", name], executable: ipURL))?.status == 0 else {
      return false
    }
    defer { _ = try? BinaryRun.run(["netns", "del", name], executable: ipURL) }
    let rules = [
      ["-m", "connlimit", "--connlimit-above", "1", "--connlimit-mask", "32"],
      [
        "-m", "hashlimit", "--hashlimit-above", "1/minute", "--hashlimit-mode", "srcip",
        "--hashlimit-name", "nt-lab-check",
      ],
    ]
    for rule in rules {
      let run = try? BinaryRun.run(
        ["netns", "exec", name, "iptables", "-w", "-A", "INPUT", "-p", "tcp", "--syn"] + rule
          + ["-j", "DROP"], environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"],
        executable: ipURL)
      guard run?.status == 0 else { return false }
    }
    return true
  }()

  /// Whether the built binary has `probe census` (written in another branch; the lead merges it).
  /// (`probe census --help` would not do: an unknown subcommand there prints the group's help.)
  static let binaryHasCensus: Bool = {
    guard let help = try? BinaryRun.run(["probe", "--help"]) else { return false }
    return help.standardOutput.split(separator: "\n").contains { $0.hasPrefix("  census ") }
  }()
}
