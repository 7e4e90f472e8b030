/// Three-valued evaluation: whether a condition holds, fails, or cannot be decided yet.
///
/// The interview and the differential need to tell "false" from "not known yet": a decision whose
/// condition reads a question nobody has answered (or one answered `unknown`) says nothing about the
/// causes, and a part of the tree behind it stays open. Kleene's logic: `and` is false as soon as
/// one side is false, `or` true as soon as one side is true, otherwise undecided when a side is.
extension Condition {
  /// `true` or `false` when the facts decide it, `nil` when they do not.
  ///
  /// A fact named in `open` decides nothing while it has no value or the value `unknown` (a
  /// question not answered yet; for the interview also one answered `unknown`, which could still
  /// turn out either way). Any other fact decides as in ``evaluate(_:)``: no value, or `unknown`,
  /// makes comparisons false.
  public func truth(_ facts: [String: Fact], open: Set<String>) -> Bool? {
    switch self {
    case .compare(let fact, _, let literal):
      return ThreeValued.comparison(
        facts[fact]?.value, literal: literal, isOpen: open.contains(fact)
      ) { evaluate(facts) }
    case .member(let fact, _, _), .isTrue(let fact):
      return ThreeValued.comparison(facts[fact]?.value, literal: nil, isOpen: open.contains(fact)) {
        evaluate(facts)
      }
    case .known(let fact):
      return ThreeValued.known(facts[fact] != nil, isOpen: open.contains(fact))
    case .missing(let fact):
      return ThreeValued.known(facts[fact] != nil, isOpen: open.contains(fact)).map { !$0 }
    case .constant(let value):
      return value
    case .not(let inner):
      return inner.truth(facts, open: open).map { !$0 }
    case .and(let lhs, let rhs):
      return ThreeValued.and(lhs.truth(facts, open: open)) { rhs.truth(facts, open: open) }
    case .or(let lhs, let rhs):
      return ThreeValued.or(lhs.truth(facts, open: open)) { rhs.truth(facts, open: open) }
    }
  }
}

/// Kleene's three-valued `and` and `or` (`nil` is "cannot tell yet"), and the rules of the leaves,
/// shared by the written and the interned conditions; the right side of `and` and `or` is only
/// decided when the left does not settle the result.
enum ThreeValued {
  /// A comparison, membership or `is true` test of a fact with `value` (`nil`: none): undecided
  /// while the fact is open and has no value, or `unknown` (unless the test is against `unknown`
  /// itself, `literal`); otherwise as `decide` evaluates it, no value making it false.
  static func comparison(
    _ value: FactValue?, literal: Condition.Literal?, isOpen: Bool, decide: () -> Bool
  ) -> Bool? {
    guard let value else { return isOpen ? nil : false }
    if value == .unknown, literal != .unknown, isOpen { return nil }
    return decide()
  }

  /// Whether a fact is known: undecided while it is open and has no value.
  static func known(_ hasValue: Bool, isOpen: Bool) -> Bool? {
    if hasValue { return true }
    return isOpen ? nil : false
  }

  static func and(_ left: Bool?, _ right: () -> Bool?) -> Bool? {
    if left == false { return false }
    let right = right()
    if right == false { return false }
    return left == true && right == true ? true : nil
  }

  static func or(_ left: Bool?, _ right: () -> Bool?) -> Bool? {
    if left == true { return true }
    let right = right()
    if right == true { return true }
    return left == false && right == false ? false : nil
  }
}
