/// The fact names a knowledge base reads, each given a small number when its index is built.
///
/// Every name a question sets, a condition or an expression reads, or a computed fact defines has
/// an ID, so the engine's inner loops look facts up in an array instead of hashing their names.
struct FactSymbols: Sendable {
  /// Names by ID.
  private(set) var names: [String] = []
  /// IDs by name.
  private(set) var ids: [String: Int] = [:]

  /// The ID of `name`, given one when it has none yet.
  mutating func intern(_ name: String) -> Int {
    if let id = ids[name] { return id }
    let id = names.count
    names.append(name)
    ids[name] = id
    return id
  }

  /// How many names have an ID.
  var count: Int { names.count }
}

/// Facts by interned ID, for the engine's inner loops; facts whose names the knowledge base never
/// reads (evidence it has no use for) are kept by name.
struct FactTable: Sendable {
  /// The facts of interned names, by ID.
  private(set) var slots: [Fact?]
  /// Facts whose names have no ID.
  private(set) var others: [String: Fact] = [:]
  /// The names, for the dictionary form.
  let symbols: FactSymbols

  /// No facts.
  init(symbols: FactSymbols) {
    self.symbols = symbols
    slots = [Fact?](repeating: nil, count: symbols.count)
  }

  /// The facts of a dictionary.
  init(_ facts: [String: Fact], symbols: FactSymbols) {
    self.init(symbols: symbols)
    for (name, fact) in facts { self[name] = fact }
  }

  /// The fact of an interned name.
  subscript(id: Int) -> Fact? {
    get { slots[id] }
    set { slots[id] = newValue }
  }

  /// The value of an interned name's fact, read in place (the fact itself is not copied).
  func value(_ id: Int) -> FactValue? { slots[id]?.value }

  /// Whether an interned name has a fact.
  func contains(_ id: Int) -> Bool { slots[id] != nil }

  /// The fact of any name.
  subscript(name: String) -> Fact? {
    get {
      if let id = symbols.ids[name] { return slots[id] }
      return others[name]
    }
    set {
      if let id = symbols.ids[name] {
        slots[id] = newValue
      } else {
        others[name] = newValue
      }
    }
  }

  /// The facts by name, as ``FactBase/facts`` and ``Walk/facts`` show them.
  var dictionary: [String: Fact] {
    var facts = others
    facts.reserveCapacity(others.count + slots.count)
    for (id, fact) in slots.enumerated() {
      if let fact { facts[symbols.names[id]] = fact }
    }
    return facts
  }

  /// The interned IDs with a fact, in ID order.
  var knownIDs: [Int] { slots.indices.filter { slots[$0] != nil } }
}
