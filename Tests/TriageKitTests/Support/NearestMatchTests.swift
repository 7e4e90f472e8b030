import Testing

@testable import TriageKit

@Suite struct NearestMatchTests {
  static let questions = [
    "hosts-managed", "hosts-per-sweep", "error-code", "only-this-machine", "recovery-pattern",
  ]

  @Test(arguments: [
    ("hosts-manged", "hosts-managed"),
    ("eror-code", "error-code"),
    ("error-cdoe", "error-code"),
    ("ERROR-CODE", "error-code"),
    ("only-this-machin", "only-this-machine"),
    ("recovery-patern", "recovery-pattern"),
  ])
  func typoSuggestsTheNearestName(typo: String, suggestion: String) {
    #expect(NearestMatch.suggestion(for: typo, among: Self.questions) == suggestion)
  }

  @Test func prefixSuggestsTheShortestNameItStarts() {
    #expect(NearestMatch.suggestion(for: "hosts", among: Self.questions) == "hosts-managed")
    #expect(NearestMatch.suggestion(for: "recovery", among: Self.questions) == "recovery-pattern")
    #expect(NearestMatch.suggestion(for: "only", among: Self.questions) == "only-this-machine")
  }

  @Test(arguments: ["firewall-log", "dns-server", "xyz", "completely-unrelated-name"])
  func unrelatedNameSuggestsNothing(name: String) {
    #expect(NearestMatch.suggestion(for: name, among: Self.questions) == nil)
  }

  @Test func noCandidatesSuggestNothing() {
    #expect(NearestMatch.suggestion(for: "hosts", among: [String]()) == nil)
  }

  @Test func emptyNameSuggestsNoPrefixMatch() {
    #expect(NearestMatch.suggestion(for: "", among: Self.questions) == nil)
  }

  @Test func shortNamesAllowTwoEdits() {
    #expect(NearestMatch.suggestion(for: "quesion", among: ["question", "decision"]) == "question")
    #expect(NearestMatch.suggestion(for: "qestin", among: ["question", "decision"]) == "question")
    #expect(NearestMatch.suggestion(for: "qst", among: ["question", "decision"]) == nil)
  }

  @Test func tiesGoToTheAlphabeticallyFirstCandidate() {
    #expect(NearestMatch.suggestion(for: "cat", among: ["cut", "bat"]) == "bat")
    #expect(NearestMatch.suggestion(for: "cat", among: ["bat", "cut"]) == "bat")
  }

  @Test(arguments: [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("abc", "abc", 0),
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("hosts-manged", "hosts-managed", 1),
    ("error-cdoe", "error-code", 2),
    ("café", "cafe", 1),
    ("Case", "case", 1),
  ])
  func editDistance(lhs: String, rhs: String, distance: Int) {
    #expect(NearestMatch.editDistance(lhs, rhs) == distance)
    #expect(NearestMatch.editDistance(rhs, lhs) == distance)
  }
}
