/// Reads a fan-out's attempts and says where failures began and whether they follow a per-source
/// concurrent limit or a per-source rate limit, and which known default that matches.
///
/// Only drops (timeouts) and resets count as failures here: unreachable networks, names that do
/// not resolve and local errors are other causes with their own evidence.
///
/// - concurrent: let K be the connections open when the first failure started. It is a
///   concurrent limit when (almost) every later failure started with about K or more open and
///   (almost) every later success completed with fewer than K open — successes come back when
///   connections close, whatever the rate.
/// - rate: otherwise, when the station kept going after the first failure. If connections were
///   still admitted afterwards, at a steady pace clearly below the pace they were attempted, the
///   limit is that pace: successes completed after the first failure divided by the time they
///   took (a shaper such as a token bucket). If nothing was admitted afterwards (a blocker, as
///   ISA blocks a source for a minute), the limit is the connect requests made in the 60 seconds
///   before the first failure.
public enum FloodLimitDetector {
  /// The limit the attempts (in start order, annotated) show.
  public static func detect(_ attempts: [FanoutAttempt]) -> FloodLimit {
    guard let first = attempts.firstIndex(where: \.outcome.isLimitLike) else {
      return .none("no attempt was dropped or refused")
    }
    guard attempts[..<first].contains(where: { $0.outcome == .connected }) else {
      return .none(
        "the first attempt to connect already failed: the targets or the path may be down")
    }
    let after = attempts[first...].filter { $0.outcome == .connected || $0.outcome.isLimitLike }
    let failures = after.filter(\.outcome.isLimitLike)
    let successes = after.filter { $0.outcome == .connected }
    let failure = failureKind(failures)
    let limitAt = attempts[first].open

    // Concurrent: failures only with about K open, successes only with fewer than K.
    let slack = max(1, limitAt / 20)
    let failuresBelow = failures.filter { $0.open < limitAt - slack }.count
    let successesAbove = successes.filter { ($0.openAtConnect ?? $0.open) >= limitAt }.count
    if limitAt >= 2, failuresBelow <= failures.count / 20, successesAbove <= successes.count / 20 {
      let value = Double(limitAt)
      return FloodLimit(
        kind: .concurrent, value: value, matches: KnownLimit.matching(.concurrent, value: value),
        failure: failure, firstFailure: first,
        method:
          "connections open when the first failure started; later failures all had about as many "
          + "open, later successes fewer")
    }

    // Rate, shaping: admissions go on after the first failure, slower than the attempts.
    let start = attempts[first].start
    let admitted = attempts.filter { $0.outcome == .connected && $0.end > start }
    if admitted.count >= 5, let lastEnd = admitted.map(\.end).max(), lastEnd - start > 0.5 {
      let perMinute = Double(admitted.count) / (lastEnd - start) * 60
      let requests = attempts.filter { $0.sentRequest && $0.start >= start && $0.start <= lastEnd }
      let attemptedPerMinute = Double(requests.count) / (lastEnd - start) * 60
      guard perMinute <= attemptedPerMinute * 0.8 else {
        return .none(
          "failures began at attempt \(first + 1) but connections went on being made at about the "
            + "pace they were attempted: scattered failures, not a limit")
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
      return .none(
        "too few failures after attempt \(first + 1) to tell a limit from a few dead targets")
    }
    let value = Double(attempts[first].recentConnects)
    return FloodLimit(
      kind: .rate, value: value, matches: KnownLimit.matching(.rate, value: value),
      failure: failure, firstFailure: first,
      method:
        "connect requests in the 60 s before the first failure, after which (almost) nothing got "
        + "through")
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
