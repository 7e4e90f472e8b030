import Testing

@testable import TriageKit

@Suite struct MarkdownEscapingTests {
  @Test(arguments: [
    ("plain text", "plain text"),
    ("`code`", "\\`code\\`"),
    ("```swift", "\\`\\`\\`swift"),
    ("~~~", "\\~\\~\\~"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("<!-- comment -->", "&lt;\\!-- comment -->"),
    ("a | b", "a \\| b"),
    ("# heading", "\\# heading"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("* item", "\\* item"),
    ("1. item", "1\\. item"),
    ("12) item", "12\\) item"),
    ("  3. indented", "  3\\. indented"),
    ("5.", "5\\."),
    ("> quote", "\\> quote"),
    ("  > indented quote", "  \\> indented quote"),
    ("[link](x)", "\\[link\\](x)"),
    ("![image](x)", "\\!\\[image\\](x)"),
    ("a & b", "a &amp; b"),
    ("&lt;", "&amp;lt;"),
    ("*bold* _it_", "\\*bold\\* \\_it\\_"),
    ("$x$", "\\$x\\$"),
    ("{{fact}}", "\\{\\{fact\\}\\}"),
    ("C:\\Users", "C:\\\\Users"),
    ("===", "\\==="),
    ("a - b + c = d > e", "a - b + c = d > e"),
    ("version 1. ok", "version 1. ok"),
    ("x.y 1.5 a)", "x.y 1.5 a)"),
    ("http://host/a_b", "http://host/a\\_b"),
    ("line\n# two", "line\n\\# two"),
    ("one\n- two\n3. three\n> four", "one\n\\- two\n3\\. three\n\\> four"),
    ("text\n---", "text\n\\---"),
    ("text\n===", "text\n\\==="),
    ("a\r\nb", "a\nb"),
    ("a\r- b", "a- b"),
    ("café ✓", "café ✓"),
  ])
  func inlineEscapesEverythingThatCouldOpenStructure(text: String, escaped: String) {
    #expect(MarkdownEscaping.inline(text) == escaped)
  }

  @Test(arguments: [
    ("a|b", "a\\|b"),
    ("first\nsecond", "first<br>second"),
    ("- x\n- y", "\\- x<br>\\- y"),
    ("a\r\n\r\nb", "a<br><br>b"),
    ("<br>", "&lt;br>"),
  ])
  func cellKeepsOneRow(text: String, escaped: String) {
    #expect(MarkdownEscaping.cell(text) == escaped)
  }

  @Test(arguments: [
    ("**bold** | `code`", "**bold** \\| `code`"),
    ("  first line\nsecond line\n\n  third  \n", "first line second line   third"),
    ("a\r\nb", "a b"),
  ])
  func markdownCellKeepsFormattingButNotPipesOrBreaks(markdown: String, cell: String) {
    #expect(MarkdownEscaping.markdownCell(markdown) == cell)
  }

  @Test(arguments: [
    ("one line", "> one line"),
    ("", ">"),
    ("one\n\ntwo", "> one\n>\n> two"),
    (
      "one\n# two\n> three\n```\n- four\n1. five",
      "> one\n> \\# two\n> \\> three\n> \\`\\`\\`\n> \\- four\n> 1\\. five"
    ),
    ("<script>", "> &lt;script>"),
  ])
  func blockQuoteQuotesEveryLine(text: String, quoted: String) {
    #expect(MarkdownEscaping.blockQuote(text) == quoted)
  }

  static let hostileTexts = [
    "```\nrm -rf /\n```", "~~~\n~~~", "<script>alert(1)</script>", "| a | b |\n|---|---|",
    "# title\n## sub", "- a\n+ b\n* c", "1. a\n2) b", "> a\n>> b", "[x](javascript:alert(1))",
    "![x](http://evil/)", "    four spaces", "\\`escaped\\`", "&#60;b&#62;",
    "<http://autolink>", "***", "___", "a\u{2028}b", "\n\n\n", "`` ` ``",
  ]

  /// Windows line ends, as pasted from a Windows clipboard or `ipconfig` output.
  static let crlfTexts = ["line\r\n\r\n# after blank", "a\r\nb\r\n", "one\r\n```\r\ntwo"]

  /// Every character that can open an inline structure is escaped by an odd run of backslashes.
  @Test(arguments: hostileTexts + crlfTexts)
  func inlineLeavesNoUnescapedStructure(text: String) {
    let escaped = Array(MarkdownEscaping.inline(text))
    #expect(!escaped.contains("<"), "\(escaped)")
    for (index, character) in escaped.enumerated() where "`|[]*_~#!{}$".contains(character) {
      var backslashes = 0
      var position = index - 1
      while position >= 0, escaped[position] == "\\" {
        backslashes += 1
        position -= 1
      }
      #expect(backslashes % 2 == 1, "'\(character)' at \(index) of \(String(escaped))")
    }
  }

  @Test(arguments: hostileTexts)
  func blockQuoteLinesAllStartWithTheQuoteMarker(text: String) {
    let quoted = MarkdownEscaping.blockQuote(text)
    let lines = quoted.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == text.unicodeScalars.filter { $0 == "\n" }.count + 1)
    for line in lines {
      #expect(line == ">" || line.hasPrefix("> "), "\(line)")
      #expect(!line.contains("\r"))
      // After the marker, the line cannot open a block of its own.
      let rest = line.dropFirst(2).drop { $0 == " " }
      #expect(!rest.hasPrefix(">") && !rest.hasPrefix("#") && !rest.hasPrefix("```"), "\(line)")
      #expect(!rest.hasPrefix("- ") && !rest.hasPrefix("* ") && !rest.hasPrefix("+ "), "\(line)")
    }
  }

  /// `String.split(separator: "\n")` does not split "\r\n", which Swift treats as one character:
  /// the lines after a Windows line end would fall out of the quote.
  @Test(
    arguments: zip(
      crlfTexts, ["> line\n>\n> \\# after blank", "> a\n> b\n>", "> one\n> \\`\\`\\`\n> two"]))
  func blockQuoteQuotesEveryLineOfWindowsText(text: String, quoted: String) {
    #expect(MarkdownEscaping.blockQuote(text) == quoted)
  }

  @Test(arguments: hostileTexts + crlfTexts)
  func cellIsOneLineWithoutAnUnescapedPipe(text: String) {
    let cell = MarkdownEscaping.cell(text)
    #expect(!cell.contains("\n") && !cell.contains("\r"), "\(cell)")
    #expect(!cell.replacingOccurrences(of: "\\|", with: "").contains("|"), "\(cell)")
  }

  @Test(arguments: [
    ("Error 53: path not found", "Error 53: path not found"),
    ("a-b +c =d 50% (x) 'y' ?/", "a-b +c =d 50% (x) 'y' ?/"),
    ("say \"hi\"", "say #34;hi#34;"),
    ("a`b", "a#96;b"),
    ("#1;", "#35;1#59;"),
    ("[x]{y}|z", "#91;x#93;#123;y#125;#124;z"),
    ("<b>&", "#60;b#62;#38;"),
    ("two\nlines", "two#10;lines"),
    ("é🛜", "#233;#128732;"),
  ])
  func mermaidLabel(text: String, label: String) {
    #expect(MarkdownEscaping.mermaidLabel(text) == label)
  }

  @Test(
    arguments: hostileTexts + crlfTexts + ["\"]); click A call evil()", "end\"]\n  B --> C[\"x"])
  func mermaidLabelLeavesOnlySafeCharacters(text: String) {
    let label = MarkdownEscaping.mermaidLabel(text)
    var rest = Substring(label)
    var plain = ""
    // Strip the entity codes (`#123;`); what remains must be plain letters, digits and a few marks.
    while let hash = rest.firstIndex(of: "#") {
      plain += rest[..<hash]
      let afterHash = rest.index(after: hash)
      guard let semicolon = rest[afterHash...].firstIndex(of: ";") else {
        Issue.record("'#' without ';' in \(label)")
        return
      }
      #expect(
        rest[afterHash..<semicolon].allSatisfy(\.isASCII) && Int(rest[afterHash..<semicolon]) != nil
      )
      rest = rest[rest.index(after: semicolon)...]
    }
    plain += rest
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/-+?=%()'")
    #expect(plain.allSatisfy { safe.contains($0) }, "\(plain)")
  }

  /// The knowledge base's Markdown stays Markdown, but nothing in it can become an HTML element.
  @Test(arguments: [
    ("ask <owner> before removing", "ask &lt;owner> before removing"),
    ("Set-NetTCPSetting -SettingName <ArrayName>", "Set-NetTCPSetting -SettingName &lt;ArrayName>"),
    ("**bold** and `<kept in code>`", "**bold** and `<kept in code>`"),
    ("``a ` <b> ``, then <c>", "``a ` <b> ``, then &lt;c>"),
    ("see <https://example.com/a?b=c>", "see <https://example.com/a?b=c>"),
    ("a <!-- comment --> b", "a &lt;!-- comment --> b"),
    ("unclosed ` then <x>", "unclosed ` then &lt;x>"),
    ("x < y and 3<4", "x &lt; y and 3&lt;4"),
    ("```\n<raw in a fence>\n```\n<after>", "```\n<raw in a fence>\n```\n&lt;after>"),
    ("  ~~~\n  <in>\n  ~~~", "  ~~~\n  <in>\n  ~~~"),
    ("no angle brackets at all", "no angle brackets at all"),
  ])
  func knowledgeBaseTextIsNeverHTML(input: String, expected: String) {
    #expect(MarkdownEscaping.knowledgeBaseText(input) == expected)
  }
}
