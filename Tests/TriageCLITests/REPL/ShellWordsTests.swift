import Testing

@testable import TriageCLI

@Suite struct ShellWordsTests {
  @Test(arguments: [
    ("my file.txt", ["my", "file.txt"]),
    ("\"my file.txt\" isa-log", ["my file.txt", "isa-log"]),
    ("'my file.txt'", ["my file.txt"]),
    ("my\\ file.txt --force", ["my file.txt", "--force"]),
    ("/tmp/\"a b\"/c", ["/tmp/a b/c"]),
    ("\"say \\\"hi\\\"\"", ["say \"hi\""]),
    ("''", [""]),
    ("   ", []),
  ])
  func splitsAsAShellDoes(text: String, words: [String]) throws {
    #expect(try ShellWords.split(text).get() == words)
  }

  @Test func anUnclosedQuoteIsAProblem() {
    guard case .failure(let problem) = ShellWords.split("\"open") else {
      Issue.record("expected a failure")
      return
    }
    #expect(problem.message.contains("unclosed quote"))
  }

  @Test func quotedNamesSplitBackWhole() throws {
    for name in ["plain.txt", "with space.txt", "it's.txt", "back\\slash"] {
      #expect(try ShellWords.split(ShellWords.quoted(name)).get() == [name])
    }
  }
}
