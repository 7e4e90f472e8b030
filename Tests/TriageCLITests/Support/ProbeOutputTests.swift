import Testing
import TriageKit
import TriageProbes

@testable import TriageCLI

/// The end of a fan-out's text output: the same picture the report draws, as sparklines.
@Suite struct ProbeOutputTests {
  static func fanout(raw: String) -> ProbeResult {
    ProbeResult(
      probe: "fanout", status: .ok,
      facts: [
        "probe.fanout.limit-kind": .string("concurrent"), "probe.fanout.limit-value": .number(3),
      ],
      figures: ["6 attempted: 3 connected, 3 timed out"], raw: raw, duration: 1)
  }

  @Test func aFanoutEndsWithItsSparklines() {
    var raw = "#\tstart_s\ttarget\toutcome\tlatency_ms\topen\trecent_connects\n"
    for index in 0..<6 {
      let outcome = index < 3 ? "connected" : "timed-out"
      raw += "\(index + 1)\t\(Double(index))\th:445\t\(outcome)\t1\t\(min(index, 3))\t\(index)\n"
    }
    let text = ProbeOutputOptions.text(Self.fanout(raw: raw), raw: false)
    // Six attempts a second apart: slices of 0.2 s, a slice without an attempt keeping the level.
    let inFlight =
      String(repeating: "▃", count: 5) + String(repeating: "▅", count: 5)
      + String(repeating: "█", count: 16)
    let failures = String(repeating: "▁", count: 15) + "█▁▁▁▁█▁▁▁▁█"
    #expect(text.contains("  in flight: \(inFlight)  peak 3, limit found 3\n"), "\(text)")
    #expect(
      text.contains("  failures:  \(failures)  total 3 (one mark per 0.2 seconds)\n"), "\(text)")
  }

  @Test func noTableNoSparkline() {
    let text = ProbeOutputOptions.text(Self.fanout(raw: "recorded"), raw: false)
    #expect(!text.contains("in flight"))
  }
}
