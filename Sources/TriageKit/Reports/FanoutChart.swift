import Foundation

/// A fan-out's attempts over time, read back from the probe's raw table (`#`, `start_s`,
/// `target`, `outcome`, `latency_ms`, `open`, `recent_connects`): connections in flight and
/// failures per time slice, with the limit the probe found. The report draws it as a Mermaid
/// `xychart-beta`; the terminal as a sparkline.
public struct FanoutChart: Sendable, Equatable {
  /// Seconds each slice covers.
  public var sliceSeconds: Double
  /// Connections open or opening at the latest attempt started in each slice.
  public var inFlight: [Int]
  /// Attempts started in each slice that did not connect.
  public var failures: [Int]
  /// The limit the probe found (connections at once, or connects a minute), if it found one.
  public var limit: Double?
  /// `concurrent` or `rate` when a limit was found.
  public var limitKind: String?

  /// At most this many slices, so the chart stays readable.
  public static let maximumSlices = 30

  /// The chart of a fan-out observation, or `nil` when its raw text holds no attempt table (a
  /// recorded result without one, a probe that did not run).
  public init?(_ observation: Observation) {
    guard observation.origin == .probe, observation.kind == "fanout" else { return nil }
    let rows = observation.raw.split(separator: "\n").dropFirst().compactMap {
      line -> (start: Double, connected: Bool, open: Int)? in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 6, let start = Double(fields[1]), start.isFinite, start >= 0,
        let open = Int(fields[5])
      else { return nil }
      return (start, fields[3] == "connected", open)
    }
    guard rows.count >= 2, let last = rows.map(\.start).max() else { return nil }
    // Whole seconds for slices of a second or more; tenths below, so a quick run still draws.
    let raw = max(last / Double(Self.maximumSlices), 0.1)
    let slice = raw >= 1 ? raw.rounded(.up) : (raw * 10).rounded(.up) / 10
    let count = min(Int(last / slice) + 1, Self.maximumSlices + 1)
    var inFlight = [Int](repeating: 0, count: count)
    var failures = [Int](repeating: 0, count: count)
    for row in rows {
      let index = min(Int(row.start / slice), count - 1)
      inFlight[index] = max(inFlight[index], row.open + (row.connected ? 1 : 0))
      if !row.connected { failures[index] += 1 }
    }
    // A slice without an attempt keeps the level before it rather than dropping to zero.
    for index in inFlight.indices.dropFirst() where inFlight[index] == 0 {
      inFlight[index] = inFlight[index - 1]
    }
    sliceSeconds = slice
    self.inFlight = inFlight
    self.failures = failures
    if case .number(let value)? = observation.facts["probe.fanout.limit-value"] {
      limit = value
    } else {
      limit = nil
    }
    if case .string(let kind)? = observation.facts["probe.fanout.limit-kind"],
      !["none", "refused", "no-answer"].contains(kind)
    {
      limitKind = kind
    } else {
      limitKind = nil
    }
  }

  /// The Mermaid `xychart-beta` lines (without the fence): in flight as a line, failures as
  /// bars, and a flat line at the concurrent limit found.
  public func mermaid() -> [String] {
    let labels = inFlight.indices.map { index -> String in
      let start = Double(index) * sliceSeconds
      return "\"\(FactValue.format((start * 10).rounded() / 10))\""
    }
    let top = max(inFlight.max() ?? 0, failures.max() ?? 0, Int((limit ?? 0).rounded(.up)), 1)
    var lines = [
      "xychart-beta",
      "  title \"Fan-out: connections in flight (line) and failed attempts (bars)\"",
      "  x-axis \"seconds from start\" [\(labels.joined(separator: ", "))]",
      "  y-axis \"connections\" 0 --> \(top + top / 10 + 1)",
      "  bar [\(failures.map(String.init).joined(separator: ", "))]",
      "  line [\(inFlight.map(String.init).joined(separator: ", "))]",
    ]
    if limitKind == "concurrent", let limit {
      let level = FactValue.format(limit)
      lines.append(
        "  line [\(Array(repeating: level, count: inFlight.count).joined(separator: ", "))]")
    }
    return lines
  }

  /// The connections in flight as a one-line sparkline (`▁▂▄█`), scaled to the highest value.
  public func sparkline() -> String {
    Self.sparkline(inFlight)
  }

  /// `values` as block characters, lowest to highest.
  public static func sparkline(_ values: [Int]) -> String {
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let top = max(values.max() ?? 0, 1)
    return String(
      values.map { value in
        blocks[min(blocks.count - 1, max(0, value) * (blocks.count - 1) / top)]
      })
  }
}
