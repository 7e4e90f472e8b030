/// A ``Condition`` whose fact names are interned IDs (``FactSymbols``): what the engine evaluates
/// at every step, so reading a fact is an array access instead of hashing its name.
///
/// Built once per knowledge base by its index; it decides exactly as the condition it comes from
/// (``Condition/evaluate(_:)`` and ``Condition/truth(_:open:)``).
indirect enum InternedCondition: Sendable {
  case compare(fact: Int, Condition.Comparison, Condition.Literal)
  case member(fact: Int, [Condition.Literal], negated: Bool)
  case isTrue(fact: Int)
  case known(fact: Int)
  case missing(fact: Int)
  case constant(Bool)
  case not(InternedCondition)
  case and(InternedCondition, InternedCondition)
  case or(InternedCondition, InternedCondition)

  /// `condition` with its names interned in `symbols`.
  init(_ condition: Condition, symbols: inout FactSymbols) {
    switch condition {
    case .compare(let fact, let comparison, let literal):
      self = .compare(fact: symbols.intern(fact), comparison, literal)
    case .member(let fact, let literals, let negated):
      self = .member(fact: symbols.intern(fact), literals, negated: negated)
    case .isTrue(let fact): self = .isTrue(fact: symbols.intern(fact))
    case .known(let fact): self = .known(fact: symbols.intern(fact))
    case .missing(let fact): self = .missing(fact: symbols.intern(fact))
    case .constant(let value): self = .constant(value)
    case .not(let inner): self = .not(InternedCondition(inner, symbols: &symbols))
    case .and(let lhs, let rhs):
      self = .and(
        InternedCondition(lhs, symbols: &symbols), InternedCondition(rhs, symbols: &symbols))
    case .or(let lhs, let rhs):
      self = .or(
        InternedCondition(lhs, symbols: &symbols), InternedCondition(rhs, symbols: &symbols))
    }
  }

  /// The IDs it reads, in the order ``Condition/factNames`` gives the names.
  var factIDs: [Int] {
    switch self {
    case .compare(let fact, _, _), .member(let fact, _, _), .isTrue(let fact), .known(let fact),
      .missing(let fact):
      return [fact]
    case .constant: return []
    case .not(let inner): return inner.factIDs
    case .and(let lhs, let rhs), .or(let lhs, let rhs): return lhs.factIDs + rhs.factIDs
    }
  }

  /// ``Condition/evaluate(_:)``.
  func evaluate(_ facts: FactTable) -> Bool {
    switch self {
    case .compare(let fact, let comparison, let literal):
      return Condition.holds(facts.value(fact), comparison, literal)
    case .member(let fact, let literals, let negated):
      return Condition.isMember(facts.value(fact), of: literals, negated: negated)
    case .isTrue(let fact):
      return facts.value(fact) == .bool(true)
    case .known(let fact):
      return facts.contains(fact)
    case .missing(let fact):
      return !facts.contains(fact)
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

  /// ``Condition/truth(_:open:)``, with `open` a flag per ID.
  func truth(_ facts: FactTable, open: FactFlags) -> Bool? {
    switch self {
    case .compare(let fact, _, let literal):
      return ThreeValued.comparison(facts.value(fact), literal: literal, isOpen: open[fact]) {
        evaluate(facts)
      }
    case .member(let fact, _, _), .isTrue(let fact):
      return ThreeValued.comparison(facts.value(fact), literal: nil, isOpen: open[fact]) {
        evaluate(facts)
      }
    case .known(let fact):
      return ThreeValued.known(facts.contains(fact), isOpen: open[fact])
    case .missing(let fact):
      return ThreeValued.known(facts.contains(fact), isOpen: open[fact]).map { !$0 }
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

/// A yes-no flag per interned fact ID: the fact base's open and undetermined facts.
struct FactFlags: Sendable {
  private var flags: [Bool]

  /// Every flag down.
  init(count: Int) {
    flags = [Bool](repeating: false, count: count)
  }

  /// The flag of an ID.
  subscript(id: Int) -> Bool {
    get { flags[id] }
    set { flags[id] = newValue }
  }

  /// Raises every flag raised in `other` too.
  mutating func formUnion(_ other: FactFlags) {
    for id in flags.indices where other.flags[id] { flags[id] = true }
  }

  /// The names of the raised flags.
  func names(_ symbols: FactSymbols) -> Set<String> {
    var names: Set<String> = []
    for id in flags.indices where flags[id] { names.insert(symbols.names[id]) }
    return names
  }
}
