/// Reads a fan-out's attempts and says where failures began and whether they follow a per-source
/// concurrent limit or a per-source rate limit, and which known default that matches; or that the
/// targets refused, which is no limit at all.
///
/// Only drops (timeouts) and resets count as failures here: unreachable networks, names that do
/// not resolve and local errors are other causes with their own evidence.
///
/// A limit is read only from a limit's failure pattern: failures that begin after a run of at
/// least ``minimumRun`` successes, at a count or a rate that then stays put. Targets that refuse
/// from the start (nothing listens, or a firewall rejects everything) are `refused`; targets that
/// go unanswered from the start (down, a path that drops everything, or a station already
/// blocked) are `no-answer`: neither is a limit, and neither says there is none.
///
/// - concurrent: let K be the connections open when the first failure started. It is a
///   concurrent limit when (almost) every later failure started with about K or more open and
///   (almost) every later success completed with no more than about K open — successes come back
///   when connections close, whatever the rate. When the first failure also came with K connects
///   in the minute before (nothing had closed yet), a rate limit of K fits the onset too; then a
///   success while K or more connects were made in the minute before rules the rate out, and
///   when none came, K decides if it is a known default of one kind only (160 concurrent, 600
///   a minute); otherwise the concurrent reading stands.
/// - rate: otherwise, when the station kept going after the first failure. If connections were
///   still admitted afterwards, at a steady pace clearly below the pace they were attempted, the
///   limit is that pace: successes completed after the first failure divided by the time they
///   took (a shaper such as a token bucket). If nothing was admitted afterwards (a blocker, as
///   ISA blocks a source for a minute), the limit is the connect requests made in the 60 seconds
///   before the first failure; when the failures are all resets, only if a target that connected
///   before was among them (otherwise they are closed ports that came after open ones).
public enum FloodLimitDetector {
  /// Successes a limit's first failure must follow: fewer say nothing about a count or a rate.
  public static let minimumRun = 5

  /// The limit the attempts (in start order, annotated) show.
  public static func detect(_ attempts: [FanoutAttempt]) -> FloodLimit {
    guard let first = attempts.firstIndex(where: \.outcome.isLimitLike) else {
      return .none("no attempt was dropped or refused")
    }
    let run = attempts[..<first].count { $0.outcome == .connected }
    guard run >= minimumRun else {
      let reason =
        run == 0
        ? "the first attempt to connect already failed"
        : "only \(run) connection\(run == 1 ? "" : "s") succeeded before the first failure "
          + "(attempt \(first + 1))"
      return refusedOrNone(attempts, because: reason)
    }
    let after = attempts[first...].filter { $0.outcome == .connected || $0.outcome.isLimitLike }
    let failures = after.filter(\.outcome.isLimitLike)
    let successes = after.filter { $0.outcome == .connected }
    let failure = failureKind(failures)
    if let concurrent = concurrentLimit(attempts, first: first, failures, successes) {
      return FloodLimit(
        kind: .concurrent, value: concurrent.value,
        matches: KnownLimit.matching(.concurrent, value: concurrent.value), failure: failure,
        firstFailure: first, method: concurrent.method)
    }

    // Rate, shaping: admissions go on after the first failure, slower than the attempts.
    let start = attempts[first].start
    let admitted = attempts.filter { $0.outcome == .connected && $0.end > start }
    if admitted.count >= minimumRun, let lastEnd = admitted.map(\.end).max(), lastEnd - start > 0.5
    {
      let perMinute = Double(admitted.count) / (lastEnd - start) * 60
      let requests = attempts.filter { $0.sentRequest && $0.start >= start && $0.start <= lastEnd }
      let attemptedPerMinute = Double(requests.count) / (lastEnd - start) * 60
      guard perMinute <= attemptedPerMinute * 0.8 else {
        return refusedOrNone(
          attempts,
          because: "failures began at attempt \(first + 1) but connections went on being made at "
            + "about the pace they were attempted: scattered failures, not a limit")
      }
      let lastRequest = attempts.last(where: \.sentRequest)?.start ?? lastEnd
      guard steady(admitted, until: lastRequest) else {
        return refusedOrNone(
          attempts,
          because: "failures began at attempt \(first + 1) and connections went on being made "
            + "after it, but at an irregular pace: some targets failing, not a limit")
      }
      let value = perMinute.rounded()
      return FloodLimit(
        kind: .rate, value: value, matches: KnownLimit.matching(.rate, value: value),
        failure: failure, firstFailure: first,
        method:
          "connections admitted per minute after the first failure (\(admitted.count) in "
          + "\(FanoutAttempt.rounded(lastEnd - start, 1)) s), while "
          + "\(Int(attemptedPerMinute.rounded())) a minute were attempted")
    }

    // Rate, blocking: after the first failure nothing (or almost nothing) got through.
    guard failures.count >= 3, failures.count * 2 >= after.count else {
      return refusedOrNone(
        attempts,
        because: "too few failures after attempt \(first + 1) to tell a limit from a few dead "
          + "targets")
    }
    if failure == .refused {
      // A blocker that resets refuses targets it let through before; resets only from targets
      // that never connected are closed ports that happened to come after open ones.
      let reached = Set(attempts[..<first].filter { $0.outcome == .connected }.map(\.target))
      guard failures.contains(where: { reached.contains($0.target) }) else {
        return refusedOrNone(
          attempts,
          because: "after attempt \(first) every target that was reset had not connected before: "
            + "closed ports, not a block")
      }
    }
    let value = Double(attempts[first].recentConnects)
    return FloodLimit(
      kind: .rate, value: value, matches: KnownLimit.matching(.rate, value: value),
      failure: failure, firstFailure: first,
      method:
        "connect requests in the 60 s before the first failure, after which (almost) nothing got "
        + "through")
  }

  /// A concurrent limit at the connections open when the first failure started, when the later
  /// attempts keep to it.
  private static func concurrentLimit(
    _ attempts: [FanoutAttempt], first: Int, _ failures: [FanoutAttempt],
    _ successes: [FanoutAttempt]
  ) -> (value: Double, method: String)? {
    let limitAt = attempts[first].open
    guard limitAt >= minimumRun else { return nil }
    // Our count of what is open can differ from the firewall's by a few: a connection closed
    // here is still counted there until its FIN is answered, and a dropped SYN retransmitted a
    // second later connects with the count of that moment.
    let slack = max(1, limitAt / 20)
    let failuresBelow = failures.count { $0.open < limitAt - slack }
    let successesAbove = successes.count { ($0.openAtConnect ?? $0.open) >= limitAt + slack }
    guard failuresBelow <= failures.count / 20, successesAbove <= successes.count / 20 else {
      return nil
    }
    var method =
      "connections open when the first failure started; later failures all had about as many "
      + "open, later successes no more"
    let recent = attempts[first].recentConnects
    if abs(recent - limitAt) <= slack {
      // Nothing had closed when the first failure came, so a rate limit of as many connects a
      // minute fits the onset as well; a success while as many were recent rules it out.
      let overRate = successes.count { $0.recentConnects >= recent + slack }
      if overRate > 0 {
        method +=
          "; \(overRate) connected with \(recent) or more connects in the minute before, which a "
          + "rate limit of \(recent) a minute would have stopped"
      } else {
        // The run cannot tell them apart; a value that is a known default of one kind and not
        // of the other decides, and otherwise the concurrent reading stands, as it always has.
        let concurrentMatch = KnownLimit.matching(.concurrent, value: Double(limitAt))
        let rateMatch = KnownLimit.matching(.rate, value: Double(recent))
        if rateMatch != nil, concurrentMatch == nil { return nil }
        method +=
          "; nothing had closed before the failures began and no success came after them, so a "
          + "rate limit of \(recent) connects a minute would fail the same way (hold "
          + "connections for less time, or try more targets, to tell them apart); read as "
          + "concurrent"
          + (concurrentMatch.map {
            " because \(limitAt) is the \($0.title) and no known rate limit"
          }
            ?? "")
      }
    }
    return (Double(limitAt), method)
  }

  /// Whether the admissions after the first failure came at a steady pace, as a limit lets them
  /// through, rather than at random, as when some targets answer and others do not.
  ///
  /// Counted in bins of at least 2 s (and at least ten admissions' worth), not gap by gap: a
  /// loaded station sees completions in batches, and a retransmitted SYN admitted a second later
  /// lands between two others, which makes single gaps vary wildly under a perfectly steady
  /// limit. A limit's bins hold the same count give or take one (variance over mean near 0);
  /// targets that answer at random with probability p give about 1 − p, at least 0.2 for the
  /// p ≤ 0.8 that reaches here. Only admissions up to the last request count: after it, only
  /// retransmitted SYNs are left to admit, fewer and fewer. Fewer than three bins cannot tell,
  /// and pass.
  private static func steady(_ admitted: [FanoutAttempt], until lastRequest: Double) -> Bool {
    let ends = admitted.map(\.end).filter { $0 <= lastRequest }.sorted()
    guard let first = ends.first, let last = ends.last, last > first else { return true }
    let span = last - first
    let width = max(2, 10 * span / Double(ends.count - 1))
    let bins = Int(span / width)
    guard bins >= 3 else { return true }
    var counts = [Double](repeating: 0, count: bins)
    for end in ends {
      let bin = Int((end - first) / width)
      if bin < bins { counts[bin] += 1 }
    }
    let mean = counts.reduce(0, +) / Double(bins)
    let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(bins)
    return mean > 0 && variance / mean <= 0.1
  }

  /// No limit: `refused` when most requests were answered with a reset, `no-answer` when most
  /// went unanswered and no run of successes came before the first failure, otherwise `none`.
  private static func refusedOrNone(_ attempts: [FanoutAttempt], because reason: String)
    -> FloodLimit
  {
    let requests = attempts.count(where: \.sentRequest)
    let refused = attempts.count { $0.outcome == .refused }
    guard refused > 0, refused * 2 >= requests else {
      let dropped = attempts.count { $0.outcome == .timedOut }
      let first = attempts.firstIndex(where: \.outcome.isLimitLike) ?? attempts.count
      let run = attempts[..<first].count { $0.outcome == .connected }
      if dropped > 0, dropped * 2 >= requests, run < minimumRun {
        return FloodLimit(
          kind: .noAnswer, value: nil, matches: nil, failure: .silentDrop,
          firstFailure: attempts.firstIndex { $0.outcome == .timedOut },
          method:
            "\(dropped) of \(requests) connection requests went unanswered, and not after a run "
            + "of successes: \(reason); the targets or the path are down, or this station is "
            + "already blocked (measure again once it can connect)")
      }
      return .none(reason)
    }
    return FloodLimit(
      kind: .refused, value: nil, matches: nil, failure: .refused,
      firstFailure: attempts.firstIndex { $0.outcome == .refused },
      method:
        "\(refused) of \(requests) connection requests were refused (reset), and not in a "
        + "limit's pattern: \(reason); nothing listens on those ports, or a firewall rejects them")
  }

  private static func failureKind(_ failures: [FanoutAttempt]) -> FloodLimit.Failure? {
    let drops = failures.contains { $0.outcome == .timedOut }
    let resets = failures.contains { $0.outcome == .refused }
    switch (drops, resets) {
    case (true, true): return .mixed
    case (true, false): return .silentDrop
    case (false, true): return .refused
    case (false, false): return nil
    }
  }
}
