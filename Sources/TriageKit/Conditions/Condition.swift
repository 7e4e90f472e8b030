/// A parsed condition over facts: comparisons, membership, `and`/`or`/`not`, known/missing.
///
/// Conditions are parsed when the knowledge base loads, so a typo is a load error with its place,
/// never a surprise in the middle of a call. Evaluation cannot fail: a missing or `unknown` fact
/// makes comparisons false.
public indirect enum Condition: Hashable, Sendable {
  /// A literal value.
  public enum Literal: Hashable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case unknown
  }

  /// Comparison operators.
  public enum Comparison: String, Hashable, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  /// `fact OP literal` (the parser also accepts `literal OP fact` and flips it).
  case compare(fact: String, Comparison, Literal)
  /// `fact in [literals]`, negated for `not in`.
  case member(fact: String, [Literal], negated: Bool)
  /// A yes-no fact on its own: true when it is yes.
  case isTrue(fact: String)
  /// `known(fact)`: the fact has a value, `unknown` included.
  case known(fact: String)
  /// `missing(fact)`: the fact has no value.
  case missing(fact: String)
  /// A literal `true` or `false`.
  case constant(Bool)
  case not(Condition)
  case and(Condition, Condition)
  case or(Condition, Condition)

  /// The fact names the condition reads.
  public var factNames: [String] {
    switch self {
    case .compare(let fact, _, _), .member(let fact, _, _), .isTrue(let fact), .known(let fact),
      .missing(let fact):
      return [fact]
    case .constant: return []
    case .not(let inner): return inner.factNames
    case .and(let lhs, let rhs), .or(let lhs, let rhs): return lhs.factNames + rhs.factNames
    }
  }

  /// Whether the condition holds for these facts.
  public func evaluate(_ facts: [String: Fact]) -> Bool {
    switch self {
    case .compare(let fact, let comparison, let literal):
      return Self.holds(facts[fact]?.value, comparison, literal)
    case .member(let fact, let literals, let negated):
      return Self.isMember(facts[fact]?.value, of: literals, negated: negated)
    case .isTrue(let fact):
      return facts[fact]?.value == .bool(true)
    case .known(let fact):
      return facts[fact] != nil
    case .missing(let fact):
      return facts[fact] == nil
    case .constant(let value):
      return value
    case .not(let inner):
      return !inner.evaluate(facts)
    case .and(let lhs, let rhs):
      return lhs.evaluate(facts) && rhs.evaluate(facts)
    case .or(let lhs, let rhs):
      return lhs.evaluate(facts) || rhs.evaluate(facts)
    }
  }

  /// `value OP literal`, as `compare` evaluates it for a fact with that value (`nil`: none).
  static func holds(_ value: FactValue?, _ comparison: Comparison, _ literal: Literal) -> Bool {
    // Several values (a multiple-choice answer): `==` holds when one of them is equal, `!=`
    // when none is, any other comparison when one of them satisfies it.
    if case .list(let values)? = value {
      if comparison == .notEqual {
        return !values.contains { compare(.string($0), .equal, literal) }
      }
      return values.contains { compare(.string($0), comparison, literal) }
    }
    return compare(value, comparison, literal)
  }

  /// `value in literals` (`not in` when `negated`), as `member` evaluates it (`nil`: no value).
  static func isMember(_ value: FactValue?, of literals: [Literal], negated: Bool) -> Bool {
    guard let value, value != .unknown else { return false }
    let values: [FactValue]
    if case .list(let items) = value {
      values = items.map(FactValue.string)
    } else {
      values = [value]
    }
    let found = values.contains { value in literals.contains { compare(value, .equal, $0) } }
    return negated ? !found : found
  }

  private static func compare(_ value: FactValue?, _ comparison: Comparison, _ literal: Literal)
    -> Bool
  {
    guard let value else { return false }
    if literal == .unknown {
      switch comparison {
      case .equal: return value == .unknown
      case .notEqual: return value != .unknown
      default: return false
      }
    }
    switch (value, literal) {
    case (.number(let lhs), .number(let rhs)):
      switch comparison {
      case .equal: return lhs == rhs
      case .notEqual: return lhs != rhs
      case .less: return lhs < rhs
      case .lessOrEqual: return lhs <= rhs
      case .greater: return lhs > rhs
      case .greaterOrEqual: return lhs >= rhs
      }
    case (.string(let lhs), .string(let rhs)):
      switch comparison {
      case .equal: return lhs == rhs
      case .notEqual: return lhs != rhs
      case .less: return lhs < rhs
      case .lessOrEqual: return lhs <= rhs
      case .greater: return lhs > rhs
      case .greaterOrEqual: return lhs >= rhs
      }
    case (.bool(let lhs), .bool(let rhs)):
      switch comparison {
      case .equal: return lhs == rhs
      case .notEqual: return lhs != rhs
      default: return false
      }
    case (.string(let lhs), .number(let rhs)):
      // A choice whose values are numerals ("53") compares with a number literal by value.
      guard let number = Double(lhs) else { return comparison == .notEqual }
      return compare(.number(number), comparison, .number(rhs))
    case (.unknown, _):
      return false
    default:
      // A known value of another type is simply different.
      return comparison == .notEqual
    }
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Condition: Codable {}
extension Condition.Literal: Codable {}
extension Condition.Comparison: Codable {}
