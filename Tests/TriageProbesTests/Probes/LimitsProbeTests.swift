import Foundation
import Testing
import TriageKit

@testable import TriageProbes

/// The limits probe on /proc/sys files the test gives it.
@Suite("limits probe")
struct LimitsProbeTests {
  /// A typical current kernel's values.
  static let defaults: [String: String] = [
    "/proc/sys/net/ipv4/ip_local_port_range": "32768\t60999\n",
    "/proc/sys/net/ipv4/tcp_fin_timeout": "60\n",
    "/proc/sys/net/ipv4/tcp_tw_reuse": "2\n",
    "/proc/sys/net/netfilter/nf_conntrack_count": "1234\n",
    "/proc/sys/net/netfilter/nf_conntrack_max": "262144\n",
    "/proc/sys/fs/file-max": "9223372036854775807\n",
    "/proc/sys/fs/file-nr": "3456\t0\t9223372036854775807\n",
    "/proc/sys/net/core/somaxconn": "4096\n",
  ]

  static let noFileLimits: @Sendable () -> LimitsProbe.OpenFileLimits? = {
    LimitsProbe.OpenFileLimits(soft: 1024, hard: 524_288)
  }

  func run(_ files: [String: String]) async -> ProbeResult {
    await LimitsProbe(files: .fixed(files), openFileLimits: Self.noFileLimits).run()
  }

  @Test func readsEveryLimit() async {
    let result = await run(Self.defaults)
    #expect(result.status == .ok)
    let facts = result.facts
    #expect(facts["limits.port-range-low"] == .number(32_768))
    #expect(facts["limits.port-range-high"] == .number(60_999))
    #expect(facts["limits.port-range-size"] == .number(28_232))
    #expect(facts["limits.fin-timeout"] == .number(60))
    #expect(facts["limits.tw-reuse"] == .number(2))
    #expect(facts["limits.conntrack-loaded"] == .bool(true))
    #expect(facts["limits.conntrack-count"] == .number(1234))
    #expect(facts["limits.conntrack-max"] == .number(262_144))
    #expect(facts["limits.conntrack-usage"] == .number(1234.0 / 262_144.0))
    #expect(facts["limits.nofile-soft"] == .number(1024))
    #expect(facts["limits.nofile-hard"] == .number(524_288))
    #expect(facts["limits.somaxconn"] == .number(4096))
    #expect(result.json["file_nr"]?["allocated"]?.intValue == 3456)
    #expect(result.json["problems"] == nil)
  }

  @Test func figuresSayFinTimeoutIsNotTimeWait() async {
    let result = await run(Self.defaults)
    let figure = result.figures.first { $0.hasPrefix("tcp_fin_timeout") }
    #expect(figure?.contains("FIN_WAIT_2") == true)
    #expect(figure?.contains("does not govern TIME_WAIT") == true)
    #expect(figure?.contains("fixed 60 s") == true)
    #expect(
      result.figures.first
        == "28,232 ephemeral ports (32768–60999): with each held 60 s in TIME_WAIT (fixed on "
        + "Linux) after this side closes, about 470 new connections a second to one destination "
        + "can be kept up")
    #expect(result.figures.contains("conntrack table 1,234 of 262,144 entries (0.5 %)"))
    #expect(result.figures.contains { $0.hasPrefix("tcp_tw_reuse 2: ") && $0.contains("loopback") })
  }

  @Test func conntrackAbsentMeansNotLoaded() async {
    var files = Self.defaults
    files["/proc/sys/net/netfilter/nf_conntrack_count"] = nil
    files["/proc/sys/net/netfilter/nf_conntrack_max"] = nil
    let result = await run(files)
    #expect(result.status == .ok)
    #expect(result.facts["limits.conntrack-loaded"] == .bool(false))
    #expect(result.facts["limits.conntrack-count"] == nil)
    #expect(result.facts["limits.conntrack-usage"] == nil)
    #expect(result.figures.contains { $0.hasPrefix("conntrack not loaded") })
    #expect(result.json["conntrack"]?["loaded"] == false)
  }

  @Test func aNearlyFullConntrackTableIsPointedOut() async {
    var files = Self.defaults
    files["/proc/sys/net/netfilter/nf_conntrack_count"] = "65000\n"
    files["/proc/sys/net/netfilter/nf_conntrack_max"] = "65536\n"
    let result = await run(files)
    let figure = result.figures.first { $0.hasPrefix("conntrack table") }
    #expect(figure?.contains("nearly full") == true)
    #expect(figure?.contains("nf_conntrack: table full, dropping packet") == true)
  }

  @Test func withoutProcSysItDoesNotRun() async {
    let result = await run([:])
    #expect(result.status.name == "not-run")
    #expect(result.status.reason?.contains("/proc/sys") == true)
    #expect(result.facts.isEmpty)
  }

  @Test func malformedFilesAreProblemsNotFacts() async {
    var files = Self.defaults
    files["/proc/sys/net/ipv4/ip_local_port_range"] = "32768\n"
    files["/proc/sys/net/ipv4/tcp_fin_timeout"] = "sixty\n"
    let result = await run(files)
    #expect(result.status == .ok)
    #expect(result.facts["limits.port-range-size"] == nil)
    #expect(result.facts["limits.fin-timeout"] == nil)
    #expect(
      result.json["problems"]
        == .array([
          "'/proc/sys/net/ipv4/ip_local_port_range': expected 2 numbers, found '32768'",
          "'/proc/sys/net/ipv4/tcp_fin_timeout': expected a number, found 'sixty'",
        ]))
  }

  @Test func anInvertedPortRangeIsAProblem() async {
    var files = Self.defaults
    files["/proc/sys/net/ipv4/ip_local_port_range"] = "60999 32768\n"
    let result = await run(files)
    #expect(result.facts["limits.port-range-size"] == nil)
    #expect(result.figures.contains { $0.contains("low end 60999 is above high end 32768") })
  }

  @Test func unlimitedOpenFilesGiveNoFact() async {
    let result = await LimitsProbe(
      files: .fixed(Self.defaults), openFileLimits: { .init(soft: 4096, hard: nil) }
    ).run()
    #expect(result.facts["limits.nofile-soft"] == .number(4096))
    #expect(result.facts["limits.nofile-hard"] == nil)
    #expect(result.json["nofile"]?["hard"] == "unlimited")
  }

  @Test func readsFilesUnderARoot() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nettriage-limits-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in Self.defaults {
      let file = root.appendingPathComponent(String(path.dropFirst()))
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
    }
    let result = await LimitsProbe(
      files: .rooted(at: root.path), openFileLimits: Self.noFileLimits
    ).run()
    #expect(result.facts["limits.port-range-size"] == .number(28_232))
    #expect(result.raw.contains("/proc/sys/net/core/somaxconn: 4096"))
  }

  #if os(Linux)
    @Test func readsThisMachine() async {
      let result = await LimitsProbe().run()
      #expect(result.status == .ok)
      guard case .number(let size)? = result.facts["limits.port-range-size"] else {
        Issue.record("no port range read")
        return
      }
      #expect(size > 0)
      #expect(result.facts["limits.conntrack-loaded"] != nil)
    }
  #endif
}
