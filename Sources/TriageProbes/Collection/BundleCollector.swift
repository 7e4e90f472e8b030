import Foundation
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `nettriage collect`: runs the read-only probes (census, limits, interfaces, dns for each named
/// target), reads the kernel log's messages about connection limits, optionally a fan-out within
/// its budget, and writes an evidence bundle: one file a step and a `manifest.json`
/// (``BundleManifest``). Every step has a timeout; a step that fails, does not run or times out is
/// listed in the manifest with why, and the others go on.
public struct BundleCollector: Sendable {
  /// A step's progress, for the command line's progress lines.
  public enum Progress: Sendable, Equatable {
    /// Step `index` of `total` begins.
    case started(step: String, index: Int, total: Int)
    /// It ended: `ok`, `failed`, `not-run` or `timeout`, with the reason when not ok.
    case finished(step: String, status: String, reason: String?, seconds: Double)
  }

  /// Who and where: the parts of the manifest that describe the station.
  public struct Station: Sendable {
    /// Host name.
    public var host: String
    /// Operating system.
    public var os: String
    /// The time of collection.
    public var now: Date
    /// The station's time zone.
    public var timeZone: TimeZone

    public init(host: String, os: String, now: Date, timeZone: TimeZone) {
      self.host = host
      self.os = os
      self.now = now
      self.timeZone = timeZone
    }

    /// This machine, now.
    public static func current() -> Station {
      Station(host: hostName(), os: operatingSystem(), now: Date(), timeZone: .current)
    }
  }

  /// The targets asked about (`fileserver:445`); named ones get a dns step.
  public var targets: [HostPort]
  /// A label for the manifest (site, customer, ticket).
  public var label: String?
  /// Seconds each step may take.
  public var stepTimeout: Double
  /// A fan-out, only when asked for with a targets file and a budget.
  public var fanout: FanoutProbe?
  /// The collector's version and knowledge base, for the manifest.
  public var nettriageVersion: String
  /// The knowledge base the binary carries.
  public var knowledgeBase: BundleManifest.KnowledgeBaseVersion?
  /// The station (a test fixes it).
  public var station: Station
  /// The probes' steps (a test may stand in its own).
  var steps: [Step]?

  /// A step: its name, its file, how to run it.
  struct Step: Sendable {
    var name: String
    var file: String
    var command: String
    var timeout: Double
    var run: @Sendable () async -> StepOutput
  }

  /// What a step gives: a probe result, or text (the kernel log), or why it did not run.
  enum StepOutput: Sendable {
    case probe(ProbeResult)
    case text(String)
    case notRun(String)
  }

  public init(
    targets: [HostPort] = [], label: String? = nil, stepTimeout: Double = 15,
    fanout: FanoutProbe? = nil, nettriageVersion: String,
    knowledgeBase: BundleManifest.KnowledgeBaseVersion? = nil, station: Station = .current()
  ) {
    self.targets = targets
    self.label = label
    self.stepTimeout = stepTimeout
    self.fanout = fanout
    self.nettriageVersion = nettriageVersion
    self.knowledgeBase = knowledgeBase
    self.station = station
  }

  /// The steps, in order.
  func plannedSteps() -> [Step] {
    if let steps { return steps }
    let timeout = stepTimeout
    var steps: [Step] = [
      Step(
        name: "census", file: "census.json", command: "probe census", timeout: timeout,
        run: { .probe(await CensusProbe().run()) }),
      Step(
        name: "limits", file: "limits.json", command: "probe limits", timeout: timeout,
        run: { .probe(await LimitsProbe().run()) }),
      Step(
        name: "interfaces", file: "interfaces.json", command: "probe interfaces",
        timeout: timeout, run: { .probe(await InterfacesProbe().run()) }),
    ]
    var named: [String] = []
    for target in targets where !Self.isAddress(target.host) {
      if !named.contains(target.host) { named.append(target.host) }
    }
    for host in named {
      // The probe waits up to its own timeout for each server, twice at most.
      let dnsTimeout = min(DNSProbe.defaultTimeout, max(0.5, timeout / 3))
      steps.append(
        Step(
          name: "dns \(host)", file: BundleLayout.dnsFile(for: host), command: "probe dns \(host)",
          timeout: timeout,
          run: { .probe(await DNSProbe(name: host, timeout: dnsTimeout).run()) }))
    }
    steps.append(
      Step(
        name: "kernel-log", file: "kernel-log.txt",
        command: "kernel log (/dev/kmsg or journalctl -k)",
        timeout: timeout,
        run: {
          switch KernelLog.read(timeout: max(0.5, timeout - 0.5)) {
          case .success(let reading): return .text(reading.text)
          case .failure(let error): return .notRun(error.description)
          }
        }))
    if let fanout {
      let budget = fanout.budget
      let expected =
        Double(fanout.targets.entries.count) / budget.perMinute * 60 + budget.hold + budget.timeout
      steps.append(
        Step(
          name: "fanout", file: "fanout.json",
          command: "probe fanout --targets \(fanout.targets.name)",
          timeout: max(timeout, expected * 1.5 + 10), run: { .probe(await fanout.run()) }))
    }
    return steps
  }

  /// Collects into `folder` (created; it must not hold a manifest already) and returns the
  /// manifest written. Throws only when the folder cannot be written.
  public func collect(
    into folder: URL, progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) async throws(TriageError) -> BundleManifest {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(folder.path, error.localizedDescription)
    }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = station.timeZone
    formatter.formatOptions = [.withInternetDateTime]
    var manifest = BundleManifest(
      host: station.host, label: label, os: station.os,
      collectedAt: formatter.string(from: station.now), timeZone: station.timeZone.identifier,
      collector: "nettriage collect", nettriageVersion: nettriageVersion,
      knowledgeBase: knowledgeBase, targets: targets.map(\.description))
    let steps = plannedSteps()
    for (index, step) in steps.enumerated() {
      progress(.started(step: step.name, index: index + 1, total: steps.count))
      let began = Date()
      let output = await Self.run(step.run, timeout: step.timeout)
      let seconds = Date().timeIntervalSince(began)
      switch output {
      case nil:
        let reason = "timed out after \(ConnectProbe.seconds(step.timeout)) s"
        manifest.skipped.append(.init(step: step.name, reason: reason))
        progress(.finished(step: step.name, status: "timeout", reason: reason, seconds: seconds))
      case .notRun(let reason):
        manifest.skipped.append(.init(step: step.name, reason: reason))
        progress(.finished(step: step.name, status: "not-run", reason: reason, seconds: seconds))
      case .text(let text):
        try write(text, to: folder.appendingPathComponent(step.file))
        manifest.files.append(
          .init(name: step.file, kind: "kernel-log", command: step.command, status: "ok"))
        progress(.finished(step: step.name, status: "ok", reason: nil, seconds: seconds))
      case .probe(let result):
        if case .notRun(let reason) = result.status {
          manifest.skipped.append(.init(step: step.name, reason: reason))
          progress(.finished(step: step.name, status: "not-run", reason: reason, seconds: seconds))
          continue
        }
        if result.probe == InterfacesProbe.name, manifest.gateway == nil {
          manifest.gateway = Self.gateway(in: result)
        }
        try write(Self.recorded(result), to: folder.appendingPathComponent(step.file))
        manifest.files.append(
          .init(
            name: step.file, kind: "probe", command: step.command,
            status: result.status == .ok ? "ok" : "failed", note: result.status.reason))
        progress(
          .finished(
            step: step.name, status: result.status.name, reason: result.status.reason,
            seconds: seconds))
      }
    }
    try write(manifest.text, to: folder.appendingPathComponent(BundleManifest.fileName))
    return manifest
  }

  /// The recorded observation `probe … --save` writes (one JSON line), so `probes: replay` reads
  /// a bundle's probe files too.
  static func recorded(_ result: ProbeResult) -> String {
    let observation = Observation(
      origin: .probe, kind: result.probe, format: result.status.name,
      label: "probe \(result.probe)", facts: result.facts,
      figures: result.figures
        + (result.status.reason.map { ["\(result.status.name): \($0)"] } ?? []),
      raw: result.raw)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(observation) else {
      preconditionFailure("an observation always encodes")
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The first IPv4 default gateway the interfaces probe found, else the first at all.
  static func gateway(in result: ProbeResult) -> String? {
    guard let gateways = result.data.first(where: { $0.key == "gateways" })?.value.arrayValue
    else { return nil }
    let withAddress = gateways.filter { $0["gateway"]?.stringValue != nil }
    let preferred =
      withAddress.first { $0["family"]?.stringValue == "ipv4" } ?? withAddress.first
    return preferred?["gateway"]?.stringValue
  }

  /// Through ``AtomicFile``, as reports are: a file collected before is replaced whole, and a
  /// symbolic link or anything else planted in the folder under a step's name is refused, never
  /// followed.
  private func write(_ text: String, to url: URL) throws(TriageError) {
    try AtomicFile.write(text, to: url, overwrite: true)
  }

  /// Runs `body`, giving up after `timeout` seconds (`nil`). A probe that blocks is left to
  /// finish on its own; the collection goes on.
  static func run(
    _ body: @escaping @Sendable () async -> StepOutput, timeout: Double
  ) async -> StepOutput? {
    let once = FirstResult()
    return await withCheckedContinuation {
      (continuation: CheckedContinuation<StepOutput?, Never>) in
      Task.detached {
        let output = await body()
        if once.claim() { continuation.resume(returning: output) }
      }
      Task.detached {
        try? await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1_000_000_000))
        if once.claim() { continuation.resume(returning: nil) }
      }
    }
  }

  /// Whether `host` is a numeric IPv4 or IPv6 address (no DNS step for it).
  static func isAddress(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  /// This machine's host name.
  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `Linux 6.8.0-45-generic (Ubuntu 24.04.1 LTS)`, `Darwin 23.6.0`.
  static func operatingSystem() -> String {
    var name = utsname()
    guard uname(&name) == 0 else { return ProcessInfo.processInfo.operatingSystemVersionString }
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    var result = "\(text(name.sysname)) \(text(name.release))"
    if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
      let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
    {
      let pretty = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
      result += " (\(pretty))"
    }
    return result
  }
}

/// Which of two racing tasks finished first.
private final class FirstResult: @unchecked Sendable {
  private let lock = NSLock()
  private var claimed = false

  func claim() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if claimed { return false }
    claimed = true
    return true
  }
}
