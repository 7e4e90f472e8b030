/// The fan-out's rate budget: connects are scheduled on an ideal timeline, one every
/// `60 / perMinute` seconds from the first, and a connect that starts late does not move the
/// timeline, so the requested rate is what the firewall sees.
///
/// A sleep always overshoots a little (a `poll` timeout is rounded up to the millisecond, the
/// scheduler wakes late), and a pacer that counts the next slot from the actual start loses that
/// overshoot at every slot: at 60,000 a minute it ran at half the rate. This one catches up: it
/// may fall behind its timeline by up to ``lagAllowance`` and then starts the connects that fell
/// due at once (at most ``burst``). A stall longer than that (every connection slot taken) is not
/// made up for: the timeline restarts from the stall, so a pause never turns into a flood.
///
/// It never asks for a sleep shorter than ``granularity``: at a million a minute a slot is 60 µs,
/// and sleeping per slot cost more than the connects. It sleeps a millisecond instead and starts
/// the slots that fell due meanwhile in one batch.
///
/// In any 60-second window no more than `perMinute + burst` connects start: the timeline holds
/// `perMinute`, and catching up adds at most the slots of ``lagAllowance``.
public struct ConnectPacer: Sendable, Equatable {
  /// The shortest sleep worth asking for (seconds): `poll` counts in milliseconds.
  public static let granularity = 0.001
  /// How far behind its timeline (seconds) the pacer still catches up at high rates: ten
  /// sleeps' worth of overshoot.
  public static let catchUpWindow = 0.010

  /// New connects allowed per minute.
  public let perMinute: Double
  /// Seconds between two connects on the timeline.
  public let interval: Double
  /// How far (seconds) the pacer may fall behind its timeline and still catch up: one
  /// interval, or ``catchUpWindow`` when that is longer.
  public let lagAllowance: Double
  /// The ideal start of the next connect (seconds, on the caller's clock); `nil` before the first.
  public private(set) var due: Double?

  /// A pacer for `perMinute` connects a minute (at least one).
  public init(perMinute: Double) {
    self.perMinute = max(perMinute, 1)
    interval = 60 / self.perMinute
    lagAllowance = max(interval, Self.catchUpWindow)
  }

  /// Most connects that may start at one moment, catching up: the slots in ``lagAllowance``
  /// plus the one due now.
  public var burst: Int { 1 + Int((lagAllowance / interval).rounded(.down)) }

  /// Whether a connect may start at `now`.
  public func allows(at now: Double) -> Bool {
    guard let due else { return true }
    return now >= due
  }

  /// Connects that may start at `now` one after the other without waiting (0 … ``burst``).
  public func available(at now: Double) -> Int {
    guard let due else { return 1 }
    guard now >= due else { return 0 }
    let slot = max(due, now - lagAllowance)
    return min(burst, Int(((now - slot) / interval).rounded(.down)) + 1)
  }

  /// Seconds to sleep before the next connect may start: 0 when one may start now, otherwise at
  /// least ``granularity`` (the connects that fall due meanwhile start together on waking).
  public func wait(at now: Double) -> Double {
    guard let due, due > now else { return 0 }
    return max(due - now, Self.granularity)
  }

  /// Takes the slot for a connect started at `now`.
  public mutating func take(at now: Double) {
    // The next slot follows this one on the timeline, not the actual start; a start later than
    // the allowance restarts the timeline there.
    let slot = max(due ?? now, now - lagAllowance)
    due = slot + interval
  }
}
