import Testing

@testable import TriageKit

/// The one escaping routine for text from input shown on a terminal or in a report.
@Suite struct VisibleTextTests {
  @Test(arguments: [
    ("title \u{1B}]0;pwned\u{07} end", "title \\u{1B}]0;pwned\\u{7} end"),
    ("csi \u{9B}31m", "csi \\u{9B}31m"),
    ("bidi \u{202E}txt.exe", "bidi \\u{202E}txt.exe"),
    ("isolate \u{2066}x\u{2069}", "isolate \\u{2066}x\\u{2069}"),
    ("zero\u{200B}width", "zero\\u{200B}width"),
    ("del\u{7F} nul\u{0}", "del\\u{7F} nul\\u{0}"),
    ("cr\rover", "cr\\rover"),
    ("tab\tand\nline", "tab\tand\nline"),
    ("plain ✓ ünïcode", "plain ✓ ünïcode"),
  ])
  func controlAndFormatCharactersAreShownAsEscapes(input: String, shown: String) {
    #expect(VisibleText.escaped(input) == shown)
  }

  @Test func coloursPassOnlyWhenAskedAndOnlyAsColourCodes() {
    let text = "\u{1B}[31mred\u{1B}[0m \u{1B}[2J \u{1B}]8;;http://x\u{07}"
    #expect(
      VisibleText.escaped(text, keepingColours: true)
        == "\u{1B}[31mred\u{1B}[0m \\u{1B}[2J \\u{1B}]8;;http://x\\u{7}")
    #expect(VisibleText.escaped(text).hasPrefix("\\u{1B}[31mred"))
  }

  @Test func excerptsAreShortAndOnOneLine() {
    let line = String(repeating: "root:$6$salt$hash:", count: 10)
    let excerpt = VisibleText.excerpt(line + "\nsecond")
    #expect(excerpt.count == 61)
    #expect(excerpt.hasSuffix("…"))
    #expect(!excerpt.contains("\n"))
    #expect(VisibleText.excerpt("a\nb") == "a\\nb")
  }

  @Test func messagesCutEachLine() {
    let message = "first\n" + String(repeating: "x", count: 1000)
    let shown = VisibleText.message(message)
    #expect(shown.split(separator: "\n").map(\.count) == [5, 401])
  }

  @Test func markdownShowsControlCharactersInsteadOfObeyingThem() {
    #expect(MarkdownEscaping.inline("a\u{1B}]0;t\u{07}b") == "a\\\\u\\{1B\\}\\]0;t\\\\u\\{7\\}b")
    #expect(MarkdownEscaping.inline("x\u{202E}y") == "x\\\\u\\{202E\\}y")
    #expect(MarkdownEscaping.codeBlock("a\u{9B}b\u{07}") == "```text\na\\u{9B}b\\u{7}\n```")
    #expect(MarkdownEscaping.html("<b>\u{202E}") == "&lt;b&gt;\\u{202E}")
  }
}
