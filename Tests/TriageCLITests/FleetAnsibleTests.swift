import Foundation
import Testing

/// Issue 16's "done when": contrib/ansible's playbook, run as users run it with ansible-core from
/// PyPI, collects and triages three stations on this machine (`ansible_connection=local`), one of
/// them on the controller from its fetched bundle, and `summarize` groups their reports.
@Suite("Ansible fleet run", .serialized)
struct FleetAnsibleTests {
  /// `ansible-playbook` on PATH or where pip puts it; `nil` when absent.
  static let ansiblePlaybook: String? = {
    let environment = ProcessInfo.processInfo.environment
    var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    if let home = environment["HOME"] {
      folders += ["\(home)/.local/bin", "\(home)/.pyenv/shims"]
    }
    folders += [
      "/usr/local/bin", "/usr/bin",
      Repository.root.appendingPathComponent(".build/fleet-venv/bin").path,
    ]
    return folders.map { "\($0)/ansible-playbook" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()

  @Test(
    .enabled(
      if: ansiblePlaybook != nil,
      "ansible-playbook not found: install ansible-core from PyPI ('make fleet-deps' or 'python3 -m pip install ansible-core')"
    ))
  func threeLocalStationsAreCollectedTriagedAndSummarized() throws {
    let playbookCommand = try #require(Self.ansiblePlaybook)
    let temp = try TemporaryDirectory()
    let isa = temp.url.appendingPathComponent("answers-isa.yaml")
    let dns = temp.url.appendingPathComponent("answers-dns.yaml")
    try FileManager.default.copyItem(
      at: URL(
        fileURLWithPath: Repository.scenario("isa-2006-enterprise-500-hosts-concurrent-limit")),
      to: isa)
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: Repository.scenario("dns-timeout-whole-office")), to: dns)
    let inventory = temp.url.appendingPathComponent("inventory.ini")
    try Data(
      """
      [site_a]
      station-a
      station-b

      [site_c]
      station-c nettriage_answers=\(dns.path) nettriage_triage_on=controller

      [stations:children]
      site_a
      site_c

      [stations:vars]
      ansible_connection=local
      nettriage_answers=\(isa.path)
      nettriage_targets=["localhost:445"]

      """.utf8
    ).write(to: inventory)
    let reports = temp.url.appendingPathComponent("reports")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: playbookCommand)
    process.arguments = [
      "-i", inventory.path,
      Repository.root.appendingPathComponent("contrib/ansible/playbook.yml").path,
      "-e", "nettriage_binary=\(BinaryRun.executable.path)",
      "-e", "nettriage_reports_dir=\(reports.path)",
      "-e", "nettriage_bundles_dir=\(temp.url.appendingPathComponent("bundles").path)",
      "-e", "nettriage_remote_dir=\(temp.url.path)/remote-{{ inventory_hostname }}",
      "-e", "nettriage_step_timeout=5",
      "-e", "ansible_python_interpreter=\(Self.python)",
    ]
    var environment = ProcessInfo.processInfo.environment
    // The playbook calls ansible-playbook's siblings; keep its folder on PATH.
    environment["PATH"] =
      URL(fileURLWithPath: playbookCommand).deletingLastPathComponent().path + ":"
      + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["ANSIBLE_NOCOLOR"] = "1"
    environment["ANSIBLE_LOCAL_TEMP"] = temp.url.appendingPathComponent("ansible-local").path
    environment["ANSIBLE_REMOTE_TEMP"] = temp.url.appendingPathComponent("ansible-remote").path
    environment["ANSIBLE_RETRY_FILES_ENABLED"] = "false"
    environment["XDG_STATE_HOME"] = temp.url.appendingPathComponent("state").path
    process.environment = environment
    let log = temp.url.appendingPathComponent("ansible.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    try #require(process.terminationStatus == 0, "ansible-playbook failed:\n\(output.suffix(4000))")

    // Each station's report, read independently of `summarize`.
    var expected: [String: (cause: String?, gateway: String?, label: String?)] = [:]
    for station in ["station-a", "station-b", "station-c"] {
      let data = try Data(contentsOf: reports.appendingPathComponent("\(station).json"))
      let report = try CollectCommandTests.json(String(decoding: data, as: UTF8.self))
      let facts = report["facts"] as? [String: [String: Any]] ?? [:]
      #expect(facts["station.host"]?["value"] as? String == station)
      let top = (report["conclusions"] as? [[String: Any]])?.first?["id"] as? String
      expected[station] = (
        top, facts["station.gateway"]?["value"] as? String,
        facts["station.label"]?["value"] as? String
      )
    }
    #expect(expected["station-a"]?.label == "site_a" && expected["station-c"]?.label == "site_c")
    // Same answers and the same machine: a and b share their cause and gateway.
    #expect(expected["station-a"]?.cause != nil)
    #expect(expected["station-a"]?.cause == expected["station-b"]?.cause)

    let summaryText = try String(
      contentsOf: reports.appendingPathComponent("summary.json"), encoding: .utf8)
    let summary = try CollectCommandTests.json(summaryText)
    let rows = summary["stations"] as? [[String: Any]] ?? []
    #expect(
      rows.compactMap { $0["station"] as? String } == ["station-a", "station-b", "station-c"])
    for row in rows {
      let station = row["station"] as? String ?? ""
      #expect(row["cause"] as? String == expected[station]?.cause)
      #expect(row["label"] as? String == expected[station]?.label)
    }
    // Groups computed here from the reports: stations sharing cause and gateway, two or more.
    var groups: [String: [String]] = [:]
    for (station, value) in expected {
      guard let cause = value.cause else { continue }
      groups["\(cause)|\(value.gateway ?? "")", default: []].append(station)
    }
    let expectedGroups = Set(groups.values.filter { $0.count >= 2 }.map { $0.sorted() })
    let summaryGroups = Set(
      (summary["groups"] as? [[String: Any]] ?? []).compactMap { $0["stations"] as? [String] })
    #expect(summaryGroups == expectedGroups)
    #expect(summaryGroups.contains(["station-a", "station-b"]))
    #expect(
      FileManager.default.fileExists(atPath: reports.appendingPathComponent("summary.md").path))
    #expect(
      FileManager.default.fileExists(atPath: reports.appendingPathComponent("summary.csv").path))
    // station-c was triaged on the controller from its fetched bundle.
    #expect(
      FileManager.default.fileExists(
        atPath: temp.url.appendingPathComponent("bundles/station-c.tar.gz").path))
  }

  /// The Python that runs ansible-playbook (its shebang), for the local "remote" side.
  static var python: String {
    guard let path = ansiblePlaybook,
      let text = try? String(contentsOfFile: path, encoding: .utf8),
      let first = text.split(separator: "\n").first, first.hasPrefix("#!/"),
      !first.contains("bash"), !first.contains("/sh")
    else { return "/usr/bin/python3" }
    return String(first.dropFirst(2)).trimmingCharacters(in: .whitespaces)
  }
}
