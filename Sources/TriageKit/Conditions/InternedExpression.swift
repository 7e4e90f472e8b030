import Foundation

/// An ``Expression`` whose fact names are interned IDs (``FactSymbols``), as a computed fact is
/// evaluated at every step; it gives exactly what ``Expression/evaluate(_:)`` gives.
indirect enum InternedExpression: Sendable {
  case number(Double)
  case fact(Int)
  case negate(InternedExpression)
  case binary(InternedExpression, Expression.Operator, InternedExpression)
  case call(Expression.Function, [InternedExpression])

  /// `expression` with its names interned in `symbols`.
  init(_ expression: Expression, symbols: inout FactSymbols) {
    switch expression {
    case .number(let value): self = .number(value)
    case .fact(let name): self = .fact(symbols.intern(name))
    case .negate(let inner): self = .negate(InternedExpression(inner, symbols: &symbols))
    case .binary(let lhs, let op, let rhs):
      self = .binary(
        InternedExpression(lhs, symbols: &symbols), op, InternedExpression(rhs, symbols: &symbols))
    case .call(let function, let arguments):
      var interned: [InternedExpression] = []
      for argument in arguments { interned.append(InternedExpression(argument, symbols: &symbols)) }
      self = .call(function, interned)
    }
  }

  /// ``Expression/evaluate(_:)``.
  func evaluate(_ facts: FactTable) -> Double? {
    switch self {
    case .number(let value): return value
    case .fact(let id): return Expression.operand(facts.value(id))
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
}
