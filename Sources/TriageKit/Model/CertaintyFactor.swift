/// Certainty factors in −1…1, combined the EMYCIN way.
///
/// Positive factors support a cause, negative ones speak against it; combining is commutative and
/// associative, so the order in which evidence arrives does not change the result.
public enum CertaintyFactor {
  /// Combines two factors.
  public static func combine(_ a: Double, _ b: Double) -> Double {
    if a >= 0, b >= 0 { return a + b * (1 - a) }
    if a < 0, b < 0 { return a + b * (1 + a) }
    let denominator = 1 - min(abs(a), abs(b))
    // Two opposite certainties (1 and −1) cancel out rather than divide by zero.
    guard denominator > 0 else { return 0 }
    return (a + b) / denominator
  }

  /// Combines a list of factors, starting from no belief either way.
  public static func combine<S: Sequence>(_ factors: S) -> Double where S.Element == Double {
    factors.reduce(0, combine)
  }
}
