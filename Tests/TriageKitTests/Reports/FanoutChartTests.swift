import Testing

@testable import TriageKit

@Suite struct FanoutChartTests {
  /// The attempt table as `FanoutProbe` writes it: 10 attempts a second, the 161st and later
  /// failing while 160 stay open.
  static func observation(attempts: Int = 300, limit: Double? = 160) -> Observation {
    var raw = "#\tstart_s\ttarget\toutcome\tlatency_ms\topen\trecent_connects\n"
    var open = 0
    for index in 0..<attempts {
      let connected = index < 160
      raw += "\(index + 1)\t\(Double(index) / 10)\t127.0.1.\(index % 250):4450\t"
      raw += "\(connected ? "connected" : "timed-out")\t1.0\t\(open)\t\(index)\n"
      if connected { open += 1 }
    }
    var facts: [String: FactValue] = ["probe.fanout.limit-kind": .string("none")]
    if let limit {
      facts["probe.fanout.limit-kind"] = .string("concurrent")
      facts["probe.fanout.limit-value"] = .number(limit)
    }
    return Observation(
      origin: .probe, kind: "fanout", format: "ok", label: "probe fanout", facts: facts,
      figures: [], raw: raw)
  }

  @Test func readsTheAttemptTable() throws {
    let chart = try #require(FanoutChart(Self.observation()))
    #expect(chart.sliceSeconds == 1)
    #expect(chart.inFlight.count == 30)
    #expect(chart.inFlight.first == 10)
    #expect(chart.inFlight.max() == 160)
    #expect(chart.failures.reduce(0, +) == 140)
    #expect(chart.failures.first == 0)
    #expect(chart.limit == 160)
    #expect(chart.limitKind == "concurrent")
  }

  @Test func drawsTheLimitAsAFlatLine() throws {
    let lines = try #require(FanoutChart(Self.observation())).mermaid()
    #expect(lines.first == "xychart-beta")
    #expect(lines.filter { $0.hasPrefix("  line [") }.count == 2)
    #expect(lines.contains { $0.hasPrefix("  bar [0, ") })
    let noLimit = try #require(FanoutChart(Self.observation(limit: nil))).mermaid()
    #expect(noLimit.filter { $0.hasPrefix("  line [") }.count == 1)
  }

  @Test func nothingToDrawWithoutATable() {
    var recorded = Self.observation()
    recorded.raw = "recorded for a scenario"
    #expect(FanoutChart(recorded) == nil)
    var census = Self.observation()
    census.kind = "census"
    #expect(FanoutChart(census) == nil)
  }

  @Test func sparklineScalesToTheHighest() {
    #expect(FanoutChart.sparkline([0, 80, 160]) == "▁▄█")
    #expect(FanoutChart.sparkline([0, 0]) == "▁▁")
    #expect(FanoutChart.sparkline([]) == "")
  }
}
