import Foundation

/// Arithmetic over facts, for `computed:` facts (capacity arithmetic): numbers, fact names, `+ - * /`,
/// parentheses and `min`, `max`, `ceil`, `floor`, `round`.
///
/// Names may contain `-` (`hosts-per-sweep`), so a binary minus needs spaces around it:
/// `a - b`. A yes-no fact counts as 1 (yes) or 0 (no). Evaluation gives `nil` when a fact is
/// missing, unknown or text, or on a division by zero: a computed fact then has no value.
public indirect enum Expression: Hashable, Sendable {
  /// The binary operators, by precedence: `*` and `/` bind tighter than `+` and `-`.
  public enum Operator: String, Hashable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    /// How it is shown in the report: `×`, `÷`.
    var display: String {
      switch self {
      case .add: return "+"
      case .subtract: return "−"
      case .multiply: return "×"
      case .divide: return "÷"
      }
    }

    var precedence: Int { self == .add || self == .subtract ? 1 : 2 }

    /// `a OP b`; `nil` on a division by zero.
    func apply(_ a: Double, _ b: Double) -> Double? {
      switch self {
      case .add: return a + b
      case .subtract: return a - b
      case .multiply: return a * b
      case .divide: return b == 0 ? nil : a / b
      }
    }
  }

  /// The functions the language knows, with their argument counts.
  public enum Function: String, Hashable, Sendable, CaseIterable {
    case min, max, ceil, floor, round

    var arity: ClosedRange<Int> {
      switch self {
      case .min, .max: return 2...8
      case .ceil, .floor, .round: return 1...1
      }
    }

    /// The function of these arguments.
    func apply(_ values: [Double]) -> Double? {
      switch self {
      case .min: return values.min()
      case .max: return values.max()
      case .ceil: return values.first.map { Foundation.ceil($0) }
      case .floor: return values.first.map { Foundation.floor($0) }
      case .round: return values.first.map { $0.rounded() }
      }
    }
  }

  case number(Double)
  case fact(String)
  case negate(Expression)
  case binary(Expression, Operator, Expression)
  case call(Function, [Expression])

  /// The fact names it reads, in order, each once.
  public var factNames: [String] {
    var names: [String] = []
    func collect(_ expression: Expression) {
      switch expression {
      case .number: break
      case .fact(let name): if !names.contains(name) { names.append(name) }
      case .negate(let inner): collect(inner)
      case .binary(let lhs, _, let rhs):
        collect(lhs)
        collect(rhs)
      case .call(_, let arguments): arguments.forEach(collect)
      }
    }
    collect(self)
    return names
  }

  /// A fact's value as a number in a formula: a number, or a yes-no fact as 1 or 0; `nil` when it
  /// is missing, unknown or anything else (shared with ``InternedExpression``).
  static func operand(_ value: FactValue?) -> Double? {
    switch value {
    case .number(let value)?: return value
    case .bool(let flag)?: return flag ? 1 : 0
    default: return nil
    }
  }

  /// The value for these facts, or `nil` when an input is missing, unknown or not a number.
  public func evaluate(_ facts: [String: Fact]) -> Double? {
    switch self {
    case .number(let value): return value
    case .fact(let name): return Self.operand(facts[name]?.value)
    case .negate(let inner): return inner.evaluate(facts).map { -$0 }
    case .binary(let lhs, let op, let rhs):
      guard let a = lhs.evaluate(facts), let b = rhs.evaluate(facts) else { return nil }
      return op.apply(a, b)
    case .call(let function, let arguments):
      var values: [Double] = []
      for argument in arguments {
        guard let value = argument.evaluate(facts) else { return nil }
        values.append(value)
      }
      return function.apply(values)
    }
  }

  /// The formula with names (`hosts-per-sweep × 2 ÷ max(sweep-minutes, 1)`), or with each name
  /// replaced by `value(name)` (`500 × 2 ÷ max(0.5, 1)`).
  public func describe(value: ((String) -> String)? = nil) -> String {
    describe(parentPrecedence: 0, rightSide: false, value: value)
  }

  private func describe(parentPrecedence: Int, rightSide: Bool, value: ((String) -> String)?)
    -> String
  {
    switch self {
    case .number(let number): return FactValue.format(number)
    case .fact(let name): return value?(name) ?? name
    case .negate(let inner):
      return "−" + inner.describe(parentPrecedence: 3, rightSide: false, value: value)
    case .binary(let lhs, let op, let rhs):
      let text =
        lhs.describe(parentPrecedence: op.precedence, rightSide: false, value: value) + " "
        + op.display + " "
        + rhs.describe(parentPrecedence: op.precedence, rightSide: true, value: value)
      let needsParentheses =
        op.precedence < parentPrecedence || (rightSide && op.precedence == parentPrecedence)
      return needsParentheses ? "(\(text))" : text
    case .call(let function, let arguments):
      let inner = arguments.map { $0.describe(parentPrecedence: 0, rightSide: false, value: value) }
      return "\(function.rawValue)(\(inner.joined(separator: ", ")))"
    }
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension Expression: Codable {}
extension Expression.Operator: Codable {}
extension Expression.Function: Codable {}
