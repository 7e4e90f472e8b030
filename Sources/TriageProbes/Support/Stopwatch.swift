/// Seconds since it was started, for a probe's `duration` and a query's latency.
struct Stopwatch: Sendable {
  private let start = ContinuousClock.now

  /// Seconds since `init`.
  var seconds: Double {
    let elapsed = start.duration(to: .now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// Milliseconds since `init`, to a tenth.
  var milliseconds: Double {
    (seconds * 10_000).rounded() / 10
  }
}
