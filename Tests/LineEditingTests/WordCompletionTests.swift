import Testing

@testable import LineEditing

@Suite struct WordCompletionTests {
  @Test(arguments: [
    ("", ""),
    (".he", ".he"),
    (".answer port", "port"),
    (".answer ", ""),
    ("a  b", "b"),
    ("café crème", "crème"),
  ])
  func currentWordIsTheTextAfterTheLastSpace(line: String, word: String) {
    #expect(WordCompletion.currentWord(in: line) == word)
  }

  @Test(arguments: [
    ([], ""),
    (["help"], "help"),
    ([".help", ".hello", ".history"], ".h"),
    ([".help", ".hello"], ".hel"),
    (["abc", "xyz"], ""),
    (["café", "cafés"], "café"),
    (["cafe\u{301}x", "café"], "café"),
  ])
  func longestCommonPrefix(strings: [String], prefix: String) {
    #expect(WordCompletion.longestCommonPrefix(of: strings) == prefix)
  }

  @Test func uniqueMatchIsCompletedWithASpace() throws {
    let edit = try #require(
      WordCompletion(lineBeforeCursor: ".q", candidates: [".help", ".quit"]))
    #expect(edit.word == ".q")
    #expect(edit.replacement == ".quit ")
    #expect(edit.alternatives.isEmpty)
    #expect(edit.changesLine)
  }

  @Test func uniqueMatchEndingInSlashOrEqualsGetsNoSpace() throws {
    let path = try #require(WordCompletion(lineBeforeCursor: "load /e", candidates: ["/etc/"]))
    #expect(path.replacement == "/etc/")
    let option = try #require(WordCompletion(lineBeforeCursor: "--fo", candidates: ["--format="]))
    #expect(option.replacement == "--format=")
  }

  @Test func ambiguousMatchesExtendToTheCommonPrefixAndAreListed() throws {
    let edit = try #require(
      WordCompletion(lineBeforeCursor: ".h", candidates: [".help", ".hello", ".quit"]))
    #expect(edit.word == ".h")
    #expect(edit.replacement == ".hel")
    #expect(edit.alternatives == [".help", ".hello"])
  }

  @Test func ambiguousMatchesThatAgreeNoFurtherLeaveTheLineAlone() throws {
    let edit = try #require(
      WordCompletion(lineBeforeCursor: "answer p", candidates: ["port", "protocol"]))
    #expect(edit.replacement == "p")
    #expect(!edit.changesLine)
    #expect(edit.alternatives == ["port", "protocol"])
  }

  @Test func onlyTheWordAfterTheLastSpaceIsReplaced() throws {
    let edit = try #require(
      WordCompletion(
        lineBeforeCursor: ".answer half-open ti", candidates: ["time-wait", "timeout"]))
    #expect(edit.word == "ti")
    #expect(edit.replacement == "time")
    let unique = try #require(
      WordCompletion(
        lineBeforeCursor: ".answer half-open time-", candidates: ["time-wait", "timeout"]))
    #expect(unique.word == "time-")
    #expect(unique.replacement == "time-wait ")
  }

  @Test func emptyWordOffersEveryCandidate() throws {
    let edit = try #require(
      WordCompletion(lineBeforeCursor: ".answer ", candidates: ["yes", "no"]))
    #expect(edit.word == "")
    #expect(edit.replacement == "")
    #expect(edit.alternatives == ["yes", "no"])
  }

  @Test func duplicateCandidatesCountOnce() throws {
    let edit = try #require(WordCompletion(lineBeforeCursor: ".q", candidates: [".quit", ".quit"]))
    #expect(edit.replacement == ".quit ")
    #expect(edit.alternatives.isEmpty)
  }

  @Test func noMatchingCandidateMeansNoEdit() {
    #expect(WordCompletion(lineBeforeCursor: ".x", candidates: [".help", ".quit"]) == nil)
    #expect(WordCompletion(lineBeforeCursor: ".x", candidates: []) == nil)
  }
}
