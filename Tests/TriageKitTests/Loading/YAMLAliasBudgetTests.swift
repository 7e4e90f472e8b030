import Testing

@testable import TriageKit

/// The alias limits of YAML files (docs/limits.md): checked on libyaml's events before Yams builds
/// anything, at the limit and one node past it.
@Suite struct YAMLAliasBudgetTests {
  private static let limit = InputLimits.yamlAliasNodes

  /// A list anchored as `a` of 999 scalars (1,000 nodes with the list), a scalar anchored as `s`,
  /// then `big` aliases of `a` and `small` of `s`.
  private static func document(big: Int, small: Int) -> String {
    let list = Array(repeating: "x", count: 999).joined(separator: ", ")
    let uses =
      Array(repeating: "*a", count: big) + Array(repeating: "*s", count: small)
    return """
      base: &a [\(list)]
      one: &s y
      uses: [\(uses.joined(separator: ", "))]
      """
  }

  /// The bomb of issue 17: `levels` lists of eight aliases of the level below.
  private static func bomb(levels: Int, lastAsKey: Bool) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x]"]
    for level in 1..<levels {
      let items = Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", ")
      lines.append("a\(level): &a\(level) [\(items)]")
    }
    lines.append(lastAsKey ? "? *a\(levels - 1)\n: v" : "last: *a\(levels - 1)")
    return lines.joined(separator: "\n")
  }

  @Test func aliasesUpToTheLimitAreAccepted() throws {
    let text = Self.document(big: Self.limit / 1000 - 1, small: 1000)
    #expect(YAMLAliasBudget.check(text, file: "f.yaml") == nil)
    let parsed = try YAMLValue.parse(text, file: "f.yaml").get()
    let uses = try #require(parsed?.entries?.first { $0.key == "uses" }?.value.items)
    #expect(uses.count == Self.limit / 1000 - 1 + 1000)
  }

  @Test func oneNodePastTheLimitIsAnErrorAtTheAlias() throws {
    let text = Self.document(big: Self.limit / 1000 - 1, small: 1001)
    let problem = try #require(YAMLAliasBudget.check(text, file: "f.yaml"))
    #expect(
      problem.description
        == "f.yaml:3:\(text.split(separator: "\n")[2].count - 2):"
        + " error: aliases stand for more than 100000 nodes in all (the alias '*s' repeats 1)")
  }

  @Test func anAliasAsAMappingKeyIsAnError() throws {
    let text = "a: &k name\n*k : value\n"
    let problem = try #require(YAMLAliasBudget.check(text, file: "f.yaml"))
    #expect(
      problem.description
        == "f.yaml:2:1: error: an alias cannot be a mapping key (write the key out)")
    #expect(YAMLAliasBudget.check("a: &k name\nb: *k\n", file: "f.yaml") == nil)
  }

  @Test func theBombOfIssue17IsRefusedBeforeYamsExpandsIt() throws {
    for levels in [6, 7, 12] {
      for lastAsKey in [true, false] {
        let text = Self.bomb(levels: levels, lastAsKey: lastAsKey)
        guard case .failure(let problem) = YAMLValue.parse(text, file: "bomb.yaml") else {
          Issue.record("\(levels) levels (key: \(lastAsKey)) were accepted")
          continue
        }
        #expect(problem.location?.file == "bomb.yaml")
      }
    }
  }

  @Test func aKnowledgeBaseWithABombFailsToLoadWithItsPlace() {
    let diagnostics = TestKnowledgeBase.diagnostics(
      manifestWith: Self.bomb(levels: 7, lastAsKey: true))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("kb/knowledge-base.yaml:") == true)
  }

  @Test func syntaxErrorsAreLeftToYams() {
    #expect(YAMLAliasBudget.check("a: [b\n", file: "f.yaml") == nil)
    guard case .failure(let problem) = YAMLValue.parse("a: [b\n", file: "f.yaml") else {
      Issue.record("a syntax error was accepted")
      return
    }
    #expect(problem.message.hasPrefix("invalid YAML"))
  }

  @Test func nestingUpToTheDepthLimitIsAcceptedAndOnePastIsNot() throws {
    let limit = InputLimits.yamlDepth
    func brackets(_ levels: Int) -> String {
      String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
    }
    #expect(YAMLAliasBudget.check(brackets(limit), file: "f.yaml") == nil)
    let problem = try #require(YAMLAliasBudget.check(brackets(limit + 1), file: "f.yaml"))
    #expect(
      problem.description
        == "f.yaml:1:\(limit + 1): error: lists and mappings nest deeper than 128 levels")
  }
}
