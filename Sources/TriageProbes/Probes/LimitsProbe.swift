import Foundation
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `nettriage probe limits`: the kernel and process limits a connection sweep can run into — the
/// ephemeral port range, `tcp_fin_timeout`, `tcp_tw_reuse`, the conntrack table, open-file limits,
/// `somaxconn`.
///
/// Reads files under `/proc/sys` and calls `getrlimit`; changes nothing. Linux only: without
/// `/proc/sys/net` it does not run.
public struct LimitsProbe: Probe {
  public static let name = "limits"

  /// A process's open-file limits; `nil` is unlimited.
  public struct OpenFileLimits: Sendable, Equatable {
    /// The soft limit (what `ulimit -n` shows).
    public var soft: UInt64?
    /// The hard limit, the most the soft one can be raised to.
    public var hard: UInt64?

    /// Limits as given.
    public init(soft: UInt64?, hard: UInt64?) {
      self.soft = soft
      self.hard = hard
    }
  }

  /// Where `/proc/sys/…` is read from.
  public var files: SystemFiles
  /// The open-file limits (`getrlimit(RLIMIT_NOFILE)` of this process), or `nil` when unknown.
  public var openFileLimits: @Sendable () -> OpenFileLimits?

  /// Limits read through `files` and `openFileLimits`.
  public init(
    files: SystemFiles = .live,
    openFileLimits: @escaping @Sendable () -> OpenFileLimits? = LimitsProbe.processOpenFileLimits
  ) {
    self.files = files
    self.openFileLimits = openFileLimits
  }

  public var consentText: String {
    "read kernel limits under /proc/sys and this process's open-file limit; nothing is changed"
  }

  /// The files read.
  enum Path {
    static let portRange = "/proc/sys/net/ipv4/ip_local_port_range"
    static let finTimeout = "/proc/sys/net/ipv4/tcp_fin_timeout"
    static let twReuse = "/proc/sys/net/ipv4/tcp_tw_reuse"
    static let conntrackCount = "/proc/sys/net/netfilter/nf_conntrack_count"
    static let conntrackMax = "/proc/sys/net/netfilter/nf_conntrack_max"
    static let fileMax = "/proc/sys/fs/file-max"
    static let fileNr = "/proc/sys/fs/file-nr"
    static let somaxconn = "/proc/sys/net/core/somaxconn"
  }

  /// Conntrack usage from which the figure warns.
  static let conntrackWarning = 0.9
  /// Linux's TIME_WAIT, `TCP_TIMEWAIT_LEN` in include/net/tcp.h: 60 s, not a sysctl.
  static let timeWaitSeconds = 60

  public func run() async -> ProbeResult {
    let clock = Stopwatch()
    var reader = Reader(files: files)
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    var data: [(key: String, value: JSONValue)] = []

    var range = reader.numbers(Path.portRange, count: 2)
    if let low = range?[0], let high = range?[1], low > high {
      reader.problems.append("'\(Path.portRange)': low end \(low) is above high end \(high)")
      range = nil
    }
    if let range {
      let size = range[1] - range[0] + 1
      facts["limits.port-range-low"] = .number(Double(range[0]))
      facts["limits.port-range-high"] = .number(Double(range[1]))
      facts["limits.port-range-size"] = .number(Double(size))
      data.append(
        (
          "port_range",
          .object([("low", .int(range[0])), ("high", .int(range[1])), ("size", .int(size))])
        ))
      figures.append(
        "\(FactValue.grouped(size)) ephemeral ports (\(range[0])–\(range[1])): with each held "
          + "\(Self.timeWaitSeconds) s in TIME_WAIT (fixed on Linux) after this side closes, about "
          + "\(FactValue.grouped(size / Self.timeWaitSeconds)) new connections a second to one "
          + "destination can be kept up")
    }

    if let value = reader.number(Path.finTimeout) {
      facts["limits.fin-timeout"] = .number(Double(value))
      data.append(("fin_timeout_s", .int(value)))
      figures.append(
        "tcp_fin_timeout \(value) s: how long an orphaned connection may stay in FIN_WAIT_2 — it "
          + "does not govern TIME_WAIT, which Linux holds a fixed \(Self.timeWaitSeconds) s")
    }

    if let value = reader.number(Path.twReuse) {
      facts["limits.tw-reuse"] = .number(Double(value))
      data.append(("tw_reuse", .int(value)))
      figures.append("tcp_tw_reuse \(value): " + Self.twReuseMeaning(value))
    }

    let count = reader.number(Path.conntrackCount)
    let maximum = reader.number(Path.conntrackMax)
    var conntrack: [(key: String, value: JSONValue)] = [("loaded", .bool(count != nil))]
    if let count {
      facts["limits.conntrack-loaded"] = .bool(true)
      facts["limits.conntrack-count"] = .number(Double(count))
      conntrack.append(("count", .int(count)))
      if let maximum {
        facts["limits.conntrack-max"] = .number(Double(maximum))
        conntrack.append(("max", .int(maximum)))
      }
      if let maximum, maximum > 0 {
        let usage = Double(count) / Double(maximum)
        facts["limits.conntrack-usage"] = .number(usage)
        conntrack.append(("usage", .double(usage)))
        var figure =
          "conntrack table \(FactValue.grouped(count)) of \(FactValue.grouped(maximum)) "
          + "entries (\(NumberText.percent(usage)))"
        if usage >= Self.conntrackWarning {
          figure +=
            " — nearly full: when full the kernel drops new flows and logs "
            + "'nf_conntrack: table full, dropping packet'"
        }
        figures.append(figure)
      } else {
        figures.append("conntrack table \(FactValue.grouped(count)) entries (maximum unknown)")
      }
    } else {
      facts["limits.conntrack-loaded"] = .bool(false)
      figures.append(
        "conntrack not loaded (no \(Path.conntrackCount)): no connection-tracking table to fill")
    }
    data.append(("conntrack", .object(conntrack)))

    if let limits = openFileLimits() {
      if let soft = limits.soft { facts["limits.nofile-soft"] = .number(Double(soft)) }
      if let hard = limits.hard { facts["limits.nofile-hard"] = .number(Double(hard)) }
      data.append(
        (
          "nofile",
          .object([("soft", Self.limitJSON(limits.soft)), ("hard", Self.limitJSON(limits.hard))])
        ))
      figures.append(
        "open files per process: soft \(Self.limitText(limits.soft)), hard "
          + "\(Self.limitText(limits.hard)) (this process's limits; the program that fails may "
          + "have others, see /proc/PID/limits)")
    }

    let fileMax = reader.number(Path.fileMax)
    if let fileMax { data.append(("file_max", .int(fileMax))) }
    if let nr = reader.numbers(Path.fileNr, count: 3) {
      data.append(
        (
          "file_nr",
          .object([("allocated", .int(nr[0])), ("free", .int(nr[1])), ("max", .int(nr[2]))])
        )
      )
      figures.append(
        "open files on the whole system: \(FactValue.grouped(nr[0] - nr[1])) of "
          + "\(FactValue.grouped(fileMax ?? nr[2])) (fs.file-max)")
    }

    if let value = reader.number(Path.somaxconn) {
      facts["limits.somaxconn"] = .number(Double(value))
      data.append(("somaxconn", .int(value)))
      figures.append(
        "somaxconn \(FactValue.grouped(value)): the longest a listen() backlog can be")
    }

    guard !reader.raw.isEmpty else {
      return ProbeResult(
        probe: Self.name,
        status: .notRun(
          "no '/proc/sys' limits to read (not Linux, or /proc is not mounted); on Windows ask "
            + "'netsh int ipv4 show dynamicport tcp' instead"),
        duration: clock.seconds)
    }
    if !reader.problems.isEmpty {
      data.append(("problems", .array(reader.problems.map(JSONValue.string))))
      figures += reader.problems
    }
    return ProbeResult(
      probe: Self.name, status: .ok, facts: facts, figures: figures, data: data,
      raw: reader.raw.joined(separator: "\n"), duration: clock.seconds)
  }

  /// What a `tcp_tw_reuse` value means (ip-sysctl.rst).
  static func twReuseMeaning(_ value: Int) -> String {
    switch value {
    case 0: return "new outbound connections never reuse a port still in TIME_WAIT"
    case 1: return "new outbound connections may reuse ports in TIME_WAIT (timestamps permitting)"
    case 2: return "ports in TIME_WAIT are reused for loopback connections only (the default)"
    default: return "a value this program does not know"
    }
  }

  /// `getrlimit(RLIMIT_NOFILE)` of this process.
  public static let processOpenFileLimits: @Sendable () -> OpenFileLimits? = {
    var limits = rlimit()
    #if canImport(Glibc)
      let status = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits)
    #else
      let status = getrlimit(RLIMIT_NOFILE, &limits)
    #endif
    guard status == 0 else { return nil }
    // Glibc's RLIM_INFINITY is all ones (and does not import); Darwin's is 2^63 - 1.
    #if canImport(Glibc)
      let infinity = rlim_t.max
    #else
      let infinity = RLIM_INFINITY
    #endif
    func finite(_ value: rlim_t) -> UInt64? {
      value == infinity ? nil : UInt64(value)
    }
    return OpenFileLimits(soft: finite(limits.rlim_cur), hard: finite(limits.rlim_max))
  }

  private static func limitJSON(_ value: UInt64?) -> JSONValue {
    guard let value else { return .string("unlimited") }
    return value <= UInt64(Int.max) ? .int(Int(value)) : .string(String(value))
  }

  private static func limitText(_ value: UInt64?) -> String {
    guard let value else { return "unlimited" }
    return value <= UInt64(Int.max) ? FactValue.grouped(Int(value)) : String(value)
  }

  /// Reads whitespace-separated integers from /proc/sys files, keeping what it read for `raw` and
  /// what it could not make sense of for `problems`.
  struct Reader {
    var files: SystemFiles
    var raw: [String] = []
    var problems: [String] = []

    init(files: SystemFiles) {
      self.files = files
    }

    /// The single integer in `path`, or `nil` when absent or malformed.
    mutating func number(_ path: String) -> Int? {
      numbers(path, count: 1)?.first
    }

    /// Exactly `count` integers from `path`, or `nil` when absent or malformed.
    mutating func numbers(_ path: String, count: Int) -> [Int]? {
      guard let text = files.read(path) else { return nil }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      raw.append("\(path): \(trimmed)")
      let values = trimmed.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
      let fields = trimmed.split(whereSeparator: \.isWhitespace).count
      guard values.count == count, fields == count else {
        problems.append(
          "'\(path)': expected \(count == 1 ? "a number" : "\(count) numbers"), found "
            + "'\(trimmed.prefix(60))'")
        return nil
      }
      return values
    }
  }
}

extension LimitsProbe {
  /// Takes no argument; gives the `limits.*` facts.
  public static let declaration = ProbeDeclaration(
    name,
    facts: SharedFacts.limits)

  /// The limits of this machine (a probe step gives no argument).
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    self.init()
  }
}
