import Testing

@testable import TriageKit

/// Three-valued evaluation: `true`/`false` when the facts decide a condition, `nil` while a fact it
/// needs is open (no value yet, or `unknown` when the caller counts `unknown` as open).
@Suite struct ConditionTruthTests {
  private static func truth(
    _ text: String, _ values: [String: FactValue] = [:], open: Set<String> = []
  ) throws -> Bool? {
    let facts = values.mapValues { Fact(name: "x", value: $0, provenance: Provenance(.user)) }
    return try ConditionParser.parse(text).truth(facts, open: open)
  }

  @Test func decidedFactsDecideAsEvaluateDoes() throws {
    #expect(try Self.truth("hosts >= 300", ["hosts": .number(500)]) == true)
    #expect(try Self.truth("hosts >= 300", ["hosts": .number(10)]) == false)
    #expect(try Self.truth("os in [\"xp\", \"2003\"]", ["os": .string("xp")]) == true)
    #expect(try Self.truth("os not in [\"xp\"]", ["os": .string("xp")]) == false)
    #expect(try Self.truth("alone", ["alone": .bool(true)]) == true)
    #expect(try Self.truth("alone", ["alone": .bool(false)]) == false)
  }

  /// An open fact with no value decides nothing; a closed one with no value makes comparisons
  /// false, as `evaluate` does.
  @Test func openFactWithoutAValueIsUndecidedAClosedOneIsFalse() throws {
    let cases = [
      ("hosts >= 300", "hosts"), ("os in [\"xp\"]", "os"), ("alone", "alone"),
      ("known(hosts)", "hosts"), ("missing(hosts)", "hosts"),
    ]
    for (text, fact) in cases {
      #expect(try Self.truth(text, open: [fact]) == nil, "\(text)")
    }
    #expect(try Self.truth("hosts >= 300") == false)
    #expect(try Self.truth("os in [\"xp\"]") == false)
    #expect(try Self.truth("alone") == false)
    #expect(try Self.truth("known(hosts)") == false)
    #expect(try Self.truth("missing(hosts)") == true)
  }

  /// `unknown` is undecided while the fact is open (the interview's view: it could still turn
  /// out either way) and behaves as in `evaluate` when it is not (comparisons false).
  @Test func unknownValueIsUndecidedOnlyWhileOpen() throws {
    let unknown: [String: FactValue] = ["hosts": .unknown, "alone": .unknown]
    #expect(try Self.truth("hosts >= 300", unknown, open: ["hosts"]) == nil)
    #expect(try Self.truth("alone", unknown, open: ["alone"]) == nil)
    #expect(try Self.truth("hosts >= 300", unknown) == false)
    #expect(try Self.truth("hosts < 300", unknown) == false)
    #expect(try Self.truth("alone", unknown) == false)
    // A comparison with the literal `unknown` itself is decided either way.
    #expect(try Self.truth("hosts == unknown", unknown, open: ["hosts"]) == true)
    // `known` holds for an explicit `unknown`: the question was answered.
    #expect(try Self.truth("known(hosts)", unknown, open: ["hosts"]) == true)
    #expect(try Self.truth("missing(hosts)", unknown, open: ["hosts"]) == false)
  }

  /// Kleene's logic: `and` is false as soon as one side is, `or` true as soon as one side is,
  /// otherwise undecided when a side is; `not` keeps undecided undecided.
  @Test func kleeneAndOrNot() throws {
    let facts: [String: FactValue] = ["yes": .bool(true), "no": .bool(false)]
    let open: Set<String> = ["open"]
    let table: [(String, Bool?)] = [
      ("yes and open", nil), ("open and yes", nil), ("no and open", false), ("open and no", false),
      ("yes and yes", true), ("yes or open", true), ("open or yes", true), ("no or open", nil),
      ("open or no", nil), ("no or no", false), ("not open", nil), ("not yes", false),
      ("not no", true), ("not (open and no)", true), ("not (open or yes)", false),
    ]
    for (text, expected) in table {
      #expect(try Self.truth(text, facts, open: open) == expected, "\(text)")
    }
  }

  @Test func constantsAreAlwaysDecided() throws {
    #expect(Condition.constant(true).truth([:], open: ["x"]) == true)
    #expect(Condition.constant(false).truth([:], open: ["x"]) == false)
  }
}
