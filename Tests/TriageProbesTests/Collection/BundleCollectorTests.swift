import Foundation
import Testing
import TriageKit

@testable import TriageProbes

@Suite("Bundle collector")
struct BundleCollectorTests {
  static let station = BundleCollector.Station(
    host: "station-7", os: "Linux 6.8.0", now: Date(timeIntervalSince1970: 1_796_000_000),
    timeZone: TimeZone(secondsFromGMT: 3600) ?? .current)

  static func folder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("collect-\(UUID().uuidString)")
  }

  @Test func eachStepIsRecordedWithItsOutcomeAndTimeouts() async throws {
    var collector = BundleCollector(
      targets: [HostPort(host: "fileserver", port: 445)], label: "branch 7", stepTimeout: 0.3,
      nettriageVersion: "0.1.0", station: Self.station)
    collector.steps = [
      .init(
        name: "census", file: "census.json", command: "probe census", timeout: 2,
        run: {
          .probe(
            ProbeResult(
              probe: "census", status: .ok, facts: ["tcp.syn-sent": .number(10)],
              figures: ["10 SYN_SENT"], raw: "SYN_SENT a b"))
        }),
      .init(
        name: "limits", file: "limits.json", command: "probe limits", timeout: 2,
        run: { .probe(ProbeResult(probe: "limits", status: .notRun("not Linux"))) }),
      .init(
        name: "dns fileserver", file: "dns-fileserver.json", command: "probe dns fileserver",
        timeout: 2, run: { .probe(ProbeResult(probe: "dns", status: .failed("no server"))) }),
      .init(
        name: "kernel-log", file: "kernel-log.txt", command: "kernel log", timeout: 0.2,
        run: {
          try? await Task.sleep(nanoseconds: 3_000_000_000)
          return .text("late")
        }),
    ]
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seen = ProgressLog()
    let manifest = try await collector.collect(into: folder) { seen.append($0) }
    #expect(manifest.host == "station-7" && manifest.label == "branch 7")
    #expect(manifest.collectedAt == "2026-11-30T01:53:20+01:00")
    #expect(manifest.targets == ["fileserver:445"])
    #expect(manifest.files.map(\.name) == ["census.json", "dns-fileserver.json"])
    #expect(manifest.files.map(\.status) == ["ok", "failed"])
    #expect(manifest.files[1].note == "no server")
    #expect(
      manifest.skipped == [
        .init(step: "limits", reason: "not Linux"),
        .init(step: "kernel-log", reason: "timed out after 0.2 s"),
      ])
    // The files on disk are what the manifest says, and the manifest reads back.
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["census.json", "dns-fileserver.json", "manifest.json"])
    let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
    #expect(try BundleManifest.parse(data, path: "m") == manifest)
    // A probe file is the recorded observation `probes: replay` reads.
    let recorded = try Observers.loadRecorded(folder.appendingPathComponent("census.json").path)
    #expect(recorded.first?.facts["tcp.syn-sent"] == .number(10))
    #expect(seen.events.count == 8)
    #expect(seen.events.first == .started(step: "census", index: 1, total: 4))
  }

  /// A bundle's files are written as reports are (``AtomicFile``): a link planted in the folder
  /// under a step's file name is refused, not followed to overwrite what it points to.
  @Test func aLinkPlantedUnderAStepsNameIsRefusedNotFollowed() async throws {
    var collector = BundleCollector(
      targets: [], label: nil, stepTimeout: 1, nettriageVersion: "0.1.0", station: Self.station)
    collector.steps = [
      .init(
        name: "kernel-log", file: "kernel-log.txt", command: "kernel log", timeout: 2,
        run: { .text("nf_conntrack: table full, dropping packet\n") })
    ]
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let victim = folder.appendingPathComponent("victim.txt")
    try Data("keep me\n".utf8).write(to: victim)
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("kernel-log.txt"), withDestinationURL: victim)
    await #expect(throws: TriageError.self) { _ = try await collector.collect(into: folder) }
    #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
    // A plain file from an earlier collection is replaced whole.
    try FileManager.default.removeItem(at: folder.appendingPathComponent("kernel-log.txt"))
    try Data("old\n".utf8).write(to: folder.appendingPathComponent("kernel-log.txt"))
    _ = try await collector.collect(into: folder)
    #expect(
      try String(contentsOf: folder.appendingPathComponent("kernel-log.txt"), encoding: .utf8)
        == "nf_conntrack: table full, dropping packet\n")
  }

  @Test func namedTargetsGetADNSStepAndAddressesNone() {
    let collector = BundleCollector(
      targets: [
        HostPort(host: "fileserver", port: 445), HostPort(host: "10.0.0.9", port: 445),
        HostPort(host: "fileserver", port: 139), HostPort(host: "2001:db8::7", port: 445),
      ], nettriageVersion: "0", station: Self.station)
    let names = collector.plannedSteps().map(\.name)
    #expect(names == ["census", "limits", "interfaces", "dns fileserver", "kernel-log"])
  }

  @Test func theGatewayComesFromTheInterfacesProbe() {
    let result = ProbeResult(
      probe: "interfaces", status: .ok,
      data: [
        (
          "gateways",
          .array([
            .object([("family", "ipv6"), ("interface", "eth0"), ("gateway", "fe80::1")]),
            .object([("family", "ipv4"), ("interface", "eth0"), ("gateway", "192.168.1.1")]),
          ])
        )
      ])
    #expect(BundleCollector.gateway(in: result) == "192.168.1.1")
  }

  @Test func kernelLogLinesAreFilteredToTheSignatures() {
    let reading = KernelLog.filter(
      [
        "nf_conntrack: nf_conntrack: table full, dropping packet", "eth0: link up",
        "TCP: request_sock_TCP: Possible SYN flooding on port 80. Sending cookies.",
      ], source: "test")
    #expect(reading.linesRead == 3 && reading.matches.count == 2)
    #expect(reading.text.hasPrefix("# kernel log lines about connection limits, from test\n"))
  }

  @Test func aLiveCollectionOnThisMachineWritesAReadableBundle() async throws {
    let collector = BundleCollector(stepTimeout: 10, nettriageVersion: "0.1.0")
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = try await collector.collect(into: folder)
    #expect(manifest.files.count + manifest.skipped.count == 4)
    for file in manifest.files {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file.name).path))
    }
    #if os(Linux)
      #expect(manifest.files.contains { $0.name == "census.json" && $0.status == "ok" })
    #endif
  }
}

/// Progress events, collected from the collector's task.
private final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [BundleCollector.Progress] = []

  var events: [BundleCollector.Progress] {
    lock.lock()
    defer { lock.unlock() }
    return stored.map {
      if case .finished(let step, let status, let reason, _) = $0 {
        return .finished(step: step, status: status, reason: reason, seconds: 0)
      }
      return $0
    }
  }

  func append(_ event: BundleCollector.Progress) {
    lock.lock()
    stored.append(event)
    lock.unlock()
  }
}
