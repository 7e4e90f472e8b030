import Testing

@testable import TriageKit

@Suite struct QuestionNodeTests {
  private static func question(_ id: String) throws -> QuestionNode {
    try #require(try TestKnowledgeBase.load().questions[id])
  }

  @Test func routeOfAnAnswerPrefersItsChoice() throws {
    let question = try Self.question("error-code")
    let own = question.route(for: .string("64"))
    #expect(own.next == "station-name")
    #expect(own.location.line == 50, "the choice's own route")
    #expect(own.support.factors.map(\.cause) == ["rate-limit"])
    let shared = question.route(for: .string("53"))
    #expect(shared.location == question.next?.location, "the question's next")
    #expect(shared.support.factors.map(\.factor) == [0.4], "with the choice's support")
    #expect(question.route(for: .unknown) == question.unknown)
    #expect(question.route(for: .string("not a choice")).support.entries.isEmpty)
  }

  @Test func choiceForAValue() throws {
    let question = try Self.question("error-code")
    #expect(
      question.choice(for: .string("1203"))?.label
        == "System error 1203 — no network provider accepted the path")
    #expect(question.choice(for: .number(1203)) == nil)
    let yesNo = try Self.question("only-this-machine")
    #expect(yesNo.choice(for: .bool(false))?.label == "No, others too")
    #expect(yesNo.choice(for: .string("no")) == nil)
  }

  @Test func displayUsesLabelsAndUnits() throws {
    #expect(
      try Self.question("error-code").display(.string("53"))
        == "System error 53 — the network path was not found")
    #expect(try Self.question("error-code").display(.unknown) == "unknown")
    #expect(try Self.question("hosts").display(.number(500)) == "500 hosts")
    #expect(try Self.question("hosts").display(.unknown) == "unknown")
    #expect(try Self.question("only-this-machine").display(.bool(true)) == "yes")
    #expect(try Self.question("station-name").display(.string("PC")) == "PC")
  }

  @Test func routesListEveryWayOut() throws {
    let question = try Self.question("error-code")
    #expect(question.routes.map(\.next) == ["station-name", "station-name", "station-name"])
    #expect(question.routes.count == 3, "next, the routed choice '64', and unknown")
  }

  /// A question resolves from the answers the fact base settled (a person's, evidence's or an
  /// `infer:` rule's); a fact of its name in `facts` alone no longer answers it, since the fact
  /// base has already turned every fact it trusts into an answer.
  @Test func resolveAsksUnlessTheFactBaseAnsweredIt() throws {
    let question = try Self.question("hosts")
    let empty = ResolutionContext(facts: [:], answers: [:], reopened: [])
    guard case .needsInput(.answer(let asked)) = question.resolve(in: empty) else {
      Issue.record("expected the question to be asked")
      return
    }
    #expect(asked.id == "hosts")
    let factOnly = ResolutionContext(
      facts: ["hosts": Fact(name: "hosts", value: .number(3), provenance: Provenance(.probe))],
      answers: [:], reopened: [])
    guard case .needsInput = question.resolve(in: factOnly) else {
      Issue.record("expected a bare fact not to answer the question")
      return
    }
    var settled = ResolutionContext(
      facts: [:], answers: ["hosts": GivenAnswer(.number(3), Provenance(.probe))], reopened: [])
    settled.automatic = ["hosts"]
    guard case .advance(let route, let step) = question.resolve(in: settled) else {
      Issue.record("expected the settled answer to answer")
      return
    }
    #expect(route.next == "sweep-size")
    #expect(
      step
        == .answered(
          question: "hosts", value: .number(3), provenance: Provenance(.probe), automatic: true))
    settled.automatic = []
    guard case .advance(_, let own) = question.resolve(in: settled) else {
      Issue.record("expected the answer to answer")
      return
    }
    #expect(
      own
        == .answered(
          question: "hosts", value: .number(3), provenance: Provenance(.probe), automatic: false))
  }
}
