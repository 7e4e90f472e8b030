/// The fan-out's rate budget: a token bucket that holds one token and refills at `perMinute`, so
/// new connects are evenly spaced `60 / perMinute` seconds apart and no 60-second window ever
/// holds more than `perMinute` of them.
///
/// A bucket of one is deliberate: a larger one would let a burst through after a pause, and a
/// per-source rate limit such as ISA's "TCP connect requests per minute" counts bursts too.
public struct ConnectPacer: Sendable, Equatable {
  /// New connects allowed per minute.
  public let perMinute: Double
  /// When the next connect may start (seconds, on the caller's clock); `nil` before the first.
  public private(set) var nextStart: Double?

  /// A pacer for `perMinute` connects a minute (at least one).
  public init(perMinute: Double) {
    self.perMinute = max(perMinute, 1)
  }

  /// Seconds between two connects.
  public var interval: Double { 60 / perMinute }

  /// Whether a connect may start at `now`.
  public func allows(at now: Double) -> Bool {
    guard let nextStart else { return true }
    return now >= nextStart
  }

  /// Seconds until a connect may start (0 when it may now).
  public func wait(at now: Double) -> Double {
    guard let nextStart else { return 0 }
    return max(0, nextStart - now)
  }

  /// Takes the token for a connect started at `now`.
  public mutating func take(at now: Double) {
    // The next token is counted from the actual start, never from a missed slot, so a stall is
    // not made up for with a burst.
    nextStart = now + interval
  }
}
