import TriageKit

/// Counts events read by an `eventlog` importer into evidence: the `events` list of the contract,
/// the `event.*` facts of docs/evidence.md and the figures a person reads.
enum EventLogSummary {
  /// Which providers log an event ID that the facts count.
  enum Family: Sendable {
    /// Windows TCP/IP (`Tcpip`, `Microsoft-Windows-TCPIP`, `TCP/IP`).
    case tcpip
    /// ISA Server / Forefront TMG (`Microsoft Firewall`, `Microsoft ISA Server …`, `… TMG …`).
    case isa

    /// Whether `source` can be this family's provider; an export without sources counts.
    func matches(_ source: String) -> Bool {
      let name = source.lowercased()
      if name.isEmpty { return true }
      switch self {
      case .tcpip: return name.contains("tcpip") || name.contains("tcp/ip")
      case .isa:
        return name.contains("firewall") || name.contains("isa server")
          || name.contains("microsoft isa") || name.contains("forefront") || name.contains("tmg")
          || name.hasPrefix("isa ") || name == "isa" || name.contains("fpc")
      }
    }
  }

  /// An event ID the facts count, with its meaning for the figures.
  struct Watched: Sendable {
    var id: Int
    var label: String
    var family: Family
  }

  /// The IDs of the `event.*` facts (domain-facts.md §1.3, §4, §6).
  static let watched: [Watched] = [
    Watched(id: 4226, label: "half-open connect limit reached", family: .tcpip),
    Watched(id: 4227, label: "local endpoint reused too soon, TIME_WAIT", family: .tcpip),
    Watched(id: 4231, label: "ephemeral ports exhausted", family: .tcpip),
    Watched(id: 15112, label: "ISA client over its connection limit, rejected", family: .isa),
    Watched(id: 15113, label: "client disconnected over its connection limit", family: .isa),
    Watched(id: 15120, label: "TMG concurrent TCP connection limit exceeded", family: .isa),
    Watched(id: 21284, label: "denied connections from a source over the limit", family: .isa),
  ]

  /// The `event.*` facts: the count, and one per watched ID.
  static let facts =
    [FactDeclaration("event.count", .number, unit: "events", "events read")]
    + watched.map { watch in
      FactDeclaration(
        "event.\(watch.id)", .number, unit: "events",
        "\(watch.family == .tcpip ? "TCP/IP" : "ISA/TMG") events \(watch.id) (0 when none): \(watch.label)"
      )
    }

  /// The evidence for `events`; throws when there are none, so an export that held no event is
  /// never read as "no warnings".
  static func evidence(
    format: String, events: [EventRecord], lines: Int, source: String, expected: String
  ) throws(EvidenceError) -> Evidence {
    guard !events.isEmpty else {
      throw EvidenceError(
        source: source, line: nil, message: "no events found; expected \(expected)",
        reason: .garbled)
    }
    let dayFirst = EventTime.dayFirst(in: events.lazy.compactMap(\.time))
    let times = events.map { $0.time.flatMap { EventTime.parse($0, dayFirst: dayFirst) } }

    var facts: [String: FactValue] = ["event.count": .number(Double(events.count))]
    var figures: [String] = []
    for watch in watched {
      let (count, found) = tally(watch, events: events, times: times)
      facts["event.\(watch.id)"] = .number(Double(count))
      figures += found
    }
    let all = Self.range(times.compactMap { $0 })
    figures.append(
      "\(FactValue.grouped(events.count)) event\(events.count == 1 ? "" : "s") in all"
        + (all.isEmpty ? "" : ", \(all)"))
    return Evidence(
      kind: .eventlog, format: format, fields: [("events", list(events, times: times))],
      facts: facts, figures: figures, lines: lines)
  }

  /// The `events` field: `id`, `source`, `level`, `time` (normalised when it could be read, else
  /// as printed, `null` when absent) and `message` of each event.
  private static func list(_ events: [EventRecord], times: [EventTime.Parsed?]) -> JSONValue {
    var list: [JSONValue] = []
    list.reserveCapacity(events.count)
    for (event, time) in zip(events, times) {
      let printed: JSONValue =
        time.map { .string($0.iso) } ?? event.time.map { .string($0) } ?? .null
      list.append(
        .object([
          ("id", .int(event.id)), ("source", .string(event.source)),
          ("level", .string(event.level)), ("time", printed), ("message", .string(event.message)),
        ]))
    }
    return .array(list)
  }

  /// How many events count for `watch`, and the figures: the count with its source and time range,
  /// and the same ID from other sources, which does not count.
  private static func tally(
    _ watch: Watched, events: [EventRecord], times: [EventTime.Parsed?]
  ) -> (count: Int, figures: [String]) {
    var counted: [Int] = []
    var elsewhere: [String: Int] = [:]
    for (index, event) in events.enumerated() where event.id == watch.id {
      if watch.family.matches(event.source) {
        counted.append(index)
      } else {
        elsewhere[event.source, default: 0] += 1
      }
    }
    var figures: [String] = []
    if !counted.isEmpty {
      let sources = Dictionary(grouping: counted) { events[$0].source }
      let name = sources.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key ?? ""
      let range = Self.range(counted.compactMap { times[$0] })
      figures.append(
        "\(FactValue.grouped(counted.count)) × \(name.isEmpty ? "" : name + " ")\(watch.id) (\(watch.label))"
          + (range.isEmpty ? "" : ", \(range)"))
    }
    let owner = watch.family == .tcpip ? "Tcpip" : "ISA/TMG"
    for (other, count) in elsewhere.sorted(by: { $0.key < $1.key }) {
      figures.append(
        "\(FactValue.grouped(count)) × \(watch.id) from '\(other)' not counted (\(watch.id) is \(owner)'s)"
      )
    }
    return (counted.count, figures)
  }

  /// `2024-03-01 10:42–10:47`, `2024-03-01 10:42 – 2024-03-02 09:00`, with ` UTC` when every time
  /// was UTC; empty when there are no times.
  static func range(_ times: [EventTime.Parsed]) -> String {
    guard let first = times.min(), let last = times.max() else { return "" }
    let utc = times.allSatisfy { $0.zone == "Z" } ? " UTC" : ""
    if first.date == last.date {
      return first.clock == last.clock
        ? "\(first.date) \(first.clock)\(utc)" : "\(first.date) \(first.clock)–\(last.clock)\(utc)"
    }
    return "\(first.date) \(first.clock) – \(last.date) \(last.clock)\(utc)"
  }
}
