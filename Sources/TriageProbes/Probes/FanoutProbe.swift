import Dispatch
import TriageKit

/// Connects to every target in the person's file, within a budget, the way a management station
/// sweeps hosts with `net use`, and finds where failures begin: after about K connections held
/// open (a concurrent limit such as ISA/TMG's 160 per IP) or after about R connects a minute (a
/// rate limit such as ISA/TMG's 600 a minute).
///
/// One thread, one `poll` over every nonblocking socket in flight (thousands are fine). The
/// budget is hard: never more than ``Budget/maxConcurrent`` connections in flight or held at
/// once, new connects at ``Budget/perMinute`` on an evenly spaced timeline (a late start is
/// caught up with a small burst, never more than a few milliseconds' worth: see
/// ``ConnectPacer``), every attempt and every name lookup bounded by ``Budget/timeout``.
public struct FanoutProbe: Probe {
  public static let name = "fanout"

  /// How much the fan-out may do. The defaults stay below ISA/TMG's default limits (160 held,
  /// 600 a minute) so a first run cannot trip them; the person raises them to find a limit.
  public struct Budget: Sendable, Equatable {
    /// Connections in flight or held open at once.
    public var maxConcurrent: Int
    /// New connects a minute.
    public var perMinute: Double
    /// Seconds each successful connection is held open before it is closed.
    public var hold: Double
    /// Seconds each attempt (and each name lookup) may take.
    public var timeout: Double

    /// A budget; the defaults are 100 at once, 300 a minute, no hold, 3 s.
    public init(
      maxConcurrent: Int = 100, perMinute: Double = 300, hold: Double = 0, timeout: Double = 3
    ) {
      self.maxConcurrent = maxConcurrent
      self.perMinute = perMinute
      self.hold = hold
      self.timeout = timeout
    }
  }

  /// The targets, from the person's file only.
  public var targets: TargetList
  /// The budget.
  public var budget: Budget
  /// The local address to connect from (numeric), or `nil`.
  public var source: String?
  /// Called about ten times a second from the probe's thread, and once at the end.
  public var progress: (@Sendable (FanoutProgress) -> Void)?

  /// A fan-out over `targets` within `budget`.
  public init(
    targets: TargetList, budget: Budget = Budget(), source: String? = nil,
    progress: (@Sendable (FanoutProgress) -> Void)? = nil
  ) {
    self.targets = targets
    self.budget = budget
    self.source = source
    self.progress = progress
  }

  public var consentText: String {
    let count = targets.entries.count
    let hold =
      budget.hold > 0
      ? "holding each \(ConnectProbe.seconds(budget.hold)) s" : "closing each at once"
    let from = source.map { " from '\($0)'" } ?? ""
    return "open up to \(budget.maxConcurrent) TCP connections at a time "
      + "(\(ConnectProbe.seconds(budget.perMinute)) a minute)\(from) to the \(count) host:port "
      + "target\(count == 1 ? "" : "s") in \(targets.name), \(hold), "
      + "giving each \(ConnectProbe.seconds(budget.timeout)) s to answer"
  }

  public func run() async -> ProbeResult {
    // The loop blocks in poll(), so it runs on its own thread, not on the cooperative pool.
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: runNow()) }
    }
  }

  /// Runs the fan-out on the calling thread.
  public func runNow() -> ProbeResult {
    let began = MonotonicClock.now
    func failed(_ reason: String) -> ProbeResult {
      ProbeResult(
        probe: Self.name, status: .failed(reason), duration: MonotonicClock.now - began)
    }
    guard !targets.entries.isEmpty else { return failed("no targets in '\(targets.name)'") }
    guard budget.maxConcurrent >= 1, budget.perMinute > 0, budget.hold >= 0, budget.timeout > 0
    else { return failed("the budget must allow at least one connection, at a rate above 0") }
    var sourceAddress: SocketAddress?
    if let source {
      guard let address = SocketAddress(numeric: source, port: 0) else {
        return failed("the source '\(source)' is not a numeric IPv4 or IPv6 address")
      }
      sourceAddress = address
    }
    var notes: [String] = []
    // Descriptors: one per connection, plus room for standard streams and the resolver.
    let reserve = 64
    let descriptors = FileDescriptorLimit.ensure(budget.maxConcurrent + reserve)
    if let note = descriptors.note { notes.append(note) }
    let cap = min(budget.maxConcurrent, max(1, descriptors.available - reserve))
    if cap < budget.maxConcurrent {
      notes.append(
        "at most \(cap) connections at once: the open-files limit is \(descriptors.available)")
    }

    let names = targets.entries.map(\.target.host)
    let resolved = HostResolver.resolveAll(names, timeout: budget.timeout)
    let resolveSeconds = MonotonicClock.now - began
    var run = FanoutRun(
      entries: targets.entries, budget: budget, cap: cap,
      connector: TCPConnector(source: sourceAddress), progress: progress)
    run.addresses = targets.entries.map { entry -> Result<SocketAddress, ResolveFailure> in
      switch resolved[entry.target.host] ?? .failure(ResolveFailure(reason: "not looked up")) {
      case .failure(let failure): return .failure(failure)
      case .success(let addresses):
        let address =
          addresses.first { $0.family == sourceAddress?.family } ?? addresses[0]
        return .success(address.with(port: entry.target.port))
      }
    }
    run.loop()
    var attempts = run.attempts
    FanoutAttempt.annotate(&attempts)
    let limit = FloodLimitDetector.detect(attempts)
    var result = ProbeResult(probe: Self.name, status: .ok, duration: MonotonicClock.now - began)
    fill(
      &result, attempts: attempts, limit: limit, run: run, notes: notes,
      resolveSeconds: resolveSeconds)
    return result
  }

  private func fill(
    _ result: inout ProbeResult, attempts: [FanoutAttempt], limit: FloodLimit, run: FanoutRun,
    notes: [String], resolveSeconds: Double
  ) {
    var counts: [String: Int] = [:]
    var errnos: [String: Int] = [:]
    for attempt in attempts {
      counts[attempt.outcome.kind, default: 0] += 1
      if case .localError(_, let code) = attempt.outcome {
        errnos[ErrorNumber.name(code), default: 0] += 1
      }
    }
    let kinds = ["connected", "refused", "timed-out", "unreachable", "local-error", "unresolved"]
    var facts: [String: FactValue] = [
      "probe.fanout.attempted": .number(Double(attempts.count)),
      "probe.fanout.connected": .number(Double(counts["connected", default: 0])),
      "probe.fanout.timed-out": .number(Double(counts["timed-out", default: 0])),
      "probe.fanout.refused": .number(Double(counts["refused", default: 0])),
      "probe.fanout.unreachable": .number(Double(counts["unreachable", default: 0])),
      "probe.fanout.local-errors": .number(Double(counts["local-error", default: 0])),
      "probe.fanout.limit-kind": .string(limit.kind.rawValue),
      "probe.fanout.limit-matches": .string(limit.matches?.rawValue ?? "none"),
    ]
    if let value = limit.value { facts["probe.fanout.limit-value"] = .number(value) }
    if let failure = limit.failure {
      facts["probe.fanout.limit-failure"] = .string(failure.rawValue)
    }
    result.facts = facts

    var data: [(key: String, value: JSONValue)] = [
      ("targets_file", .string(targets.name)), ("targets", .int(targets.entries.count)),
      (
        "budget",
        .object([
          ("max_concurrent", .int(budget.maxConcurrent)),
          ("rate_per_minute", .double(budget.perMinute)), ("hold_s", .double(budget.hold)),
          ("timeout_s", .double(budget.timeout)),
        ])
      ),
    ]
    if let source { data.append(("source", .string(source))) }
    data.append(("attempted", .int(attempts.count)))
    data.append(("connected", .int(counts["connected", default: 0])))
    data.append(
      ("failures", .object(kinds.dropFirst().map { ($0, .int(counts[$0, default: 0])) })))
    if !errnos.isEmpty {
      data.append(
        ("local_errors", .object(errnos.keys.sorted().map { ($0, .int(errnos[$0, default: 0])) })))
    }
    data.append(("peak_in_flight", .int(run.peakInFlight)))
    data.append(("peak_open", .int(run.peakHeld)))
    data.append(("resolve_ms", .int(Int((resolveSeconds * 1000).rounded()))))
    data.append(("limit", limit.json))
    data.append(("notes", .array(notes.map(JSONValue.string))))
    data.append(("attempts", .array(attempts.map(\.json))))
    result.data = data

    var figures = [
      "\(attempts.count) attempted: \(counts["connected", default: 0]) connected, "
        + "\(counts["timed-out", default: 0]) timed out, \(counts["refused", default: 0]) refused, "
        + "\(counts["unreachable", default: 0]) unreachable, "
        + "\(counts["local-error", default: 0]) local errors"
        + (counts["unresolved", default: 0] > 0
          ? ", \(counts["unresolved", default: 0]) unresolved" : "")
    ]
    figures.append(Self.limitFigure(limit, attempts: attempts))
    if limit.kind == .concurrent || limit.kind == .rate {
      figures.append("how the limit was read: \(limit.method)")
    }
    for (name, count) in errnos.sorted(by: { $0.key < $1.key }) {
      let code = attempts.lazy.compactMap { attempt -> Int32? in
        if case .localError(_, let code) = attempt.outcome, ErrorNumber.name(code) == name {
          return code
        }
        return nil
      }.first
      figures.append("\(count) × \(name)\(code.map { ": \(ErrorNumber.meaning($0))" } ?? "")")
    }
    figures += notes
    result.figures = figures
    result.raw = Self.table(attempts)
  }

  private static func limitFigure(_ limit: FloodLimit, attempts: [FanoutAttempt]) -> String {
    if limit.kind == .refused { return "refused: \(limit.method)" }
    if limit.kind == .noAnswer { return "no answer: \(limit.method)" }
    guard limit.kind != .none, let value = limit.value else {
      return "no per-source limit seen: \(limit.method)"
    }
    let amount =
      limit.kind == .concurrent
      ? "\(FactValue.format(value)) concurrent connections"
      : "\(FactValue.format(value)) connects a minute"
    let match = limit.matches.map { " — matches \($0.title)" } ?? " — matches no known default"
    let failure = limit.failure.map { "; failures: \($0.rawValue)" } ?? ""
    var at = ""
    if let first = limit.firstFailure {
      at =
        " (first failure: attempt \(first + 1) at \(FanoutAttempt.rounded(attempts[first].start, 2)) s)"
    }
    return "\(limit.kind.rawValue) limit at \(amount)\(match)\(failure)\(at)"
  }

  /// One line an attempt: number, start, target, outcome, latency, open, recent connects.
  private static func table(_ attempts: [FanoutAttempt]) -> String {
    var out = "#\tstart_s\ttarget\toutcome\tlatency_ms\topen\trecent_connects\n"
    for (index, attempt) in attempts.enumerated() {
      out += "\(index + 1)\t\(FanoutAttempt.rounded(attempt.start, 3))\t\(attempt.target)\t"
      out += "\(attempt.outcome.kind)\t\(FanoutAttempt.rounded(attempt.latency * 1000, 1))\t"
      out += "\(attempt.open)\t\(attempt.recentConnects)\n"
    }
    return out
  }
}

extension FanoutProbe {
  /// `targets` (required), `max-concurrent`, `rate`, `hold`, `timeout`, `source`; gives the
  /// `probe.fanout.*` facts.
  public static let declaration = ProbeDeclaration(
    name,
    arguments: [
      ProbeArgument("targets", .file, required: true, "the file of host:port targets"),
      ProbeArgument("max-concurrent", .number, "connections in flight or held at once (100)"),
      ProbeArgument("rate", .number, "new connects a minute (300)"),
      ProbeArgument("hold", .number, "seconds each connection is held open (0)"),
      ProbeArgument("timeout", .number, "seconds each attempt may take (3)"),
      ProbeArgument("source", .text, "the local address to connect from"),
    ],
    facts: [
      FactDeclaration(
        "probe.fanout.attempted", .number, unit: "attempts", "attempts (every target in the file)"),
      FactDeclaration(
        "probe.fanout.connected", .number, unit: "attempts", "attempts that connected"),
      FactDeclaration(
        "probe.fanout.timed-out", .number, unit: "attempts",
        "attempts with no answer within the timeout"),
      FactDeclaration(
        "probe.fanout.refused", .number, unit: "attempts", "attempts answered with a reset"),
      FactDeclaration(
        "probe.fanout.unreachable", .number, unit: "attempts", "attempts answered unreachable"),
      FactDeclaration(
        "probe.fanout.local-errors", .number, unit: "attempts",
        "attempts this machine could not make"),
      FactDeclaration(
        "probe.fanout.limit-kind", .text,
        "`concurrent`, `rate`, `none`, `refused` (most requests reset, in no limit's pattern) or "
          + "`no-answer` (most unanswered from the start)"),
      FactDeclaration(
        "probe.fanout.limit-value", .number,
        "connections open at the first failure, or connects a minute (absent when `none`)"),
      FactDeclaration(
        "probe.fanout.limit-matches", .text,
        "the known limit it matches (`isa-concurrent-default`, `half-open`…), or `none`"),
      FactDeclaration(
        "probe.fanout.limit-failure", .text,
        "`silent-drop`, `refused`, `mixed` (absent when `none`; `refused` when the kind is)"),
    ])

  /// The fan-out a probe step asks for, over the targets in its file.
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    let path = arguments["targets"] ?? ""
    let targets: TargetList
    do {
      targets = try TargetList.read(path: path)
    } catch let error as TriageError {
      throw ProbeSetupError(message: error.description)
    } catch {
      throw ProbeSetupError(message: "\(error)")
    }
    func number(_ key: String) -> Double? { arguments[key].flatMap(Double.init) }
    var budget = Budget()
    if let value = number("max-concurrent") { budget.maxConcurrent = Int(value) }
    if let value = number("rate") { budget.perMinute = value }
    if let value = number("hold") { budget.hold = value }
    if let value = number("timeout") { budget.timeout = value }
    self.init(targets: targets, budget: budget, source: arguments["source"])
  }
}
