/// A decision's numeric branches on one fact: a branch that earlier branches already cover entirely
/// can never be taken (error); values between two branches' ranges fall to `otherwise`, and two
/// ranges that share a boundary value make it unclear which was meant (warnings).
struct NumericThresholdCheck: LintCheck {
  let name = "numeric-threshold"

  /// A range of numbers with open or closed ends.
  struct Interval: Equatable {
    var lower: Double
    var lowerClosed: Bool
    var upper: Double
    var upperClosed: Bool

    static let all = Interval(
      lower: -.infinity, lowerClosed: false, upper: .infinity, upperClosed: false)

    var isEmpty: Bool {
      lower > upper || (lower == upper && !(lowerClosed && upperClosed))
    }

    func intersection(_ other: Interval) -> Interval {
      var result = self
      if other.lower > lower || (other.lower == lower && !other.lowerClosed) {
        result.lower = other.lower
        result.lowerClosed = other.lowerClosed
      }
      if other.upper < upper || (other.upper == upper && !other.upperClosed) {
        result.upper = other.upper
        result.upperClosed = other.upperClosed
      }
      return result
    }

    /// Whether `self` lies inside the union of `others`.
    func isCovered(by others: [Interval]) -> Bool {
      var remaining = [self]
      for other in others {
        remaining = remaining.flatMap { $0.subtracting(other) }
      }
      return remaining.allSatisfy(\.isEmpty)
    }

    func subtracting(_ other: Interval) -> [Interval] {
      let overlap = intersection(other)
      if overlap.isEmpty { return [self] }
      let below = Interval(
        lower: lower, lowerClosed: lowerClosed, upper: overlap.lower,
        upperClosed: !overlap.lowerClosed)
      let above = Interval(
        lower: overlap.upper, lowerClosed: !overlap.upperClosed, upper: upper,
        upperClosed: upperClosed)
      return [below, above].filter { !$0.isEmpty }
    }

    var text: String {
      let left = lower == -.infinity ? "(−∞" : (lowerClosed ? "[" : "(") + FactValue.format(lower)
      let right = upper == .infinity ? "∞)" : FactValue.format(upper) + (upperClosed ? "]" : ")")
      return "\(left), \(right)"
    }
  }

  /// The numbers a condition holds for, when it compares one fact with numbers only.
  static func interval(of condition: Condition) -> (fact: String, Interval)? {
    switch condition {
    case .compare(let fact, let comparison, .number(let value)):
      switch comparison {
      case .less:
        return (
          fact, Interval(lower: -.infinity, lowerClosed: false, upper: value, upperClosed: false)
        )
      case .lessOrEqual:
        return (
          fact, Interval(lower: -.infinity, lowerClosed: false, upper: value, upperClosed: true)
        )
      case .greater:
        return (
          fact, Interval(lower: value, lowerClosed: false, upper: .infinity, upperClosed: false)
        )
      case .greaterOrEqual:
        return (
          fact, Interval(lower: value, lowerClosed: true, upper: .infinity, upperClosed: false)
        )
      case .equal:
        return (fact, Interval(lower: value, lowerClosed: true, upper: value, upperClosed: true))
      case .notEqual: return nil
      }
    case .and(let lhs, let rhs):
      guard let left = interval(of: lhs), let right = interval(of: rhs), left.fact == right.fact
      else { return nil }
      return (left.fact, left.1.intersection(right.1))
    default:
      return nil
    }
  }

  func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for id in kb.nodeOrder {
      guard case .decision(let decision)? = kb.nodes[id] else { continue }
      var earlier: [String: [(interval: Interval, text: String)]] = [:]
      for branch in decision.branches {
        guard let (fact, interval) = Self.interval(of: branch.condition) else { continue }
        let before = earlier[fact, default: []]
        if interval.isEmpty {
          found.append(
            Diagnostic(
              .error, "condition '\(branch.text)' of '\(id)' holds for no value of '\(fact)'",
              at: branch.route.location))
        } else if !before.isEmpty, interval.isCovered(by: before.map(\.interval)) {
          found.append(
            Diagnostic(
              .error,
              "branch '\(branch.text)' of '\(id)' can never be taken: earlier branches cover all its values",
              at: branch.route.location))
        } else {
          for previous in before {
            let shared = previous.interval.intersection(interval)
            if !shared.isEmpty, shared.lower == shared.upper {
              found.append(
                Diagnostic(
                  .warning,
                  "'\(previous.text)' and '\(branch.text)' of '\(id)' both hold at \(FactValue.format(shared.lower)); the first wins",
                  at: branch.route.location))
            }
          }
        }
        earlier[fact, default: []].append((interval, branch.text))
      }
      // Values no branch takes fall to `otherwise`: worth a word when they lie between two ranges.
      for (fact, ranges) in earlier where ranges.count > 1 {
        let sorted = ranges.map(\.interval).sorted { $0.lower < $1.lower }
        for (left, right) in zip(sorted, sorted.dropFirst()) {
          let gap = Interval(
            lower: left.upper, lowerClosed: !left.upperClosed, upper: right.lower,
            upperClosed: !right.lowerClosed)
          if !gap.isEmpty, !gap.isCovered(by: sorted) {
            found.append(
              Diagnostic(
                .warning,
                "values of '\(fact)' in \(gap.text) match no branch of '\(id)' and go to otherwise",
                at: decision.location))
          }
        }
      }
    }
    return found
  }
}
