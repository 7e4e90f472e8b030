/// Suggestions for misspelt names ("did you mean …?").
public enum NearestMatch {
  /// The candidate closest to `name` by edit distance, if it is close enough to be a plausible typo.
  public static func suggestion<S: Sequence>(for name: String, among candidates: S) -> String?
  where S.Element == String {
    let lowered = name.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if best == nil || distance < best!.distance
        || (distance == best!.distance && candidate < best!.candidate)
      {
        best = (candidate, distance)
      }
    }
    guard let best else { return nil }
    // Two edits turn any two-letter word into any other: short names get one.
    let shortest = min(lowered.count, best.candidate.count)
    let limit = shortest <= 3 ? 1 : max(2, shortest / 3)
    if best.distance <= limit { return best.candidate }
    // A prefix ("hosts" for "hosts-per-sweep") is a good hint too.
    guard !lowered.isEmpty else { return nil }
    return candidates.filter { $0.lowercased().hasPrefix(lowered) }.min {
      ($0.count, $0) < ($1.count, $1)
    }
  }

  /// ` (did you mean 'x'?)` when a candidate is near `name`; else, with `listing`, ` (known: a, b)`;
  /// else nothing. For appending to an "unknown …" message.
  public static func hint(for name: String, among candidates: [String], listing: Bool = false)
    -> String
  {
    if let suggestion = suggestion(for: name, among: candidates) {
      return " (did you mean '\(suggestion)'?)"
    }
    return listing && !candidates.isEmpty ? " (known: \(candidates.joined(separator: ", ")))" : ""
  }

  /// Levenshtein distance over Unicode scalars.
  public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
