import Testing

@testable import TriageKit

@Suite struct AnswerFileWriterTests {
  @Test func rendersAnAnswerFile() throws {
    let kb = try TestKnowledgeBase.load()
    let text = AnswerFileWriter.render(
      knowledgeBase: kb,
      answers: [
        ("only-this-machine", .bool(true)), ("hosts", .number(500)), ("error-code", .string("53")),
        ("station-name", .unknown),
      ],
      notes: ["Started after the patch window."], source: .user)
    #expect(
      text == """
        # NetTriage answers: replay with `nettriage run --answers FILE`.
        nettriage: answers/1
        kb: test-kb
        missing: error
        source: user
        answers:
          # Is only this machine affected?
          only-this-machine: yes
          # How many hosts does one sweep reach?
          hosts: 500
          # Which error does `net use` report?
          error-code: "53"
          # What is the station called?
          station-name: unknown
        notes:
          - "Started after the patch window."

        """)
  }

  @Test func emptyAnswersAreAnEmptyMapping() throws {
    let kb = try TestKnowledgeBase.load()
    let text = AnswerFileWriter.render(
      knowledgeBase: kb, answers: [], notes: [], source: .answerFile, missing: .unknown)
    #expect(
      text == """
        # NetTriage answers: replay with `nettriage run --answers FILE`.
        nettriage: answers/1
        kb: test-kb
        missing: unknown
        source: answer-file
        answers: {}

        """)
    let file = try AnswerFile.parse(text, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.isEmpty)
    #expect(file.missing == .unknown)
    #expect(file.source == .answerFile)
  }

  @Test func answersRoundTrip() throws {
    let kb = try TestKnowledgeBase.load()
    let answers: [(question: String, value: FactValue)] = [
      ("only-this-machine", .bool(false)), ("hosts", .number(12.5)),
      ("error-code", .string("1203")),
      ("station-name", .string("MGMT-01")),
    ]
    let text = AnswerFileWriter.render(
      knowledgeBase: kb, answers: answers, notes: [], source: .user)
    let file = try AnswerFile.parse(text, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.map(\.question) == answers.map(\.question))
    #expect(file.answers.map(\.value) == answers.map(\.value))
    #expect(file.knowledgeBaseID == "test-kb")
    #expect(file.missing == .error)
    #expect(file.source == .user)
  }

  /// Text someone typed, which must come back exactly, whatever it holds.
  static let awkwardTexts = [
    "plain", "say \"hi\"", "back\\slash\\", "C:\\Users\\admin", "two\nlines", "trailing newline\n",
    "\ttab", "carriage\r\nreturn", "yes", "no", "true", "null", "~", "- x", "# not a comment",
    "key: value", "{ a: b }", "[1, 2]", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`",
    "'single'", "\"", "'", "\\", "  leading and trailing  ", "", "500", "1e3", "0x1F",
    "héllo wörld", "日本語", "emoji 🛜✓", "bell\u{7}", "escape\u{1B}[31m", "del\u{7F}",
    "zero\u{0}width", "bom\u{FEFF}", "---", "...", "? key", "| block", "> folded",
  ]

  @Test(arguments: awkwardTexts)
  func textsRoundTripAsAnswersAndNotes(text: String) throws {
    let kb = try TestKnowledgeBase.load()
    let rendered = AnswerFileWriter.render(
      knowledgeBase: kb, answers: [("station-name", .string(text))], notes: [text, "after"],
      source: .user)
    let file = try AnswerFile.parse(rendered, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.first?.value == .string(text))
    #expect(file.notes == [text, "after"])
  }

  @Test(arguments: ["line\u{2028}separator", "para\u{2029}graph", "\u{A0}no-break\u{A0}"])
  func unicodeSeparatorsRoundTrip(text: String) throws {
    let kb = try TestKnowledgeBase.load()
    let rendered = AnswerFileWriter.render(
      knowledgeBase: kb, answers: [("station-name", .string(text))], notes: [text], source: .user)
    let file = try AnswerFile.parse(rendered, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.first?.value == .string(text))
    #expect(file.notes == [text])
  }

  /// YAML folds a raw NEL (U+0085) in a double-quoted scalar into a space and rejects the other C1
  /// controls (U+0080…U+009F) outright; `quoted` writes both unescaped.
  @Test(arguments: ["next\u{85}line", "c1\u{80}control", "csi\u{9B}31m"])
  func nelAndC1ControlsRoundTrip(text: String) throws {
    let kb = try TestKnowledgeBase.load()
    let rendered = AnswerFileWriter.render(
      knowledgeBase: kb, answers: [("station-name", .string(text))], notes: [text], source: .user)
    let file = try AnswerFile.parse(rendered, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.first?.value == .string(text))
    #expect(file.notes == [text])
  }

  @Test func questionTextOnSeveralLinesGivesAOneLineComment() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - id: first
          kind: question
          type: text
          ask: |
            First line?
            hosts: 5
          why: W
          next: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "first")
    let text = AnswerFileWriter.render(
      knowledgeBase: kb, answers: [("first", .string("x"))], notes: [], source: .user)
    #expect(text.contains("  # First line?\n  first: \"x\"\n"))
    let file = try AnswerFile.parse(text, path: "out.yaml", knowledgeBase: kb)
    #expect(file.answers.map(\.question) == ["first"])
  }

  @Test(arguments: [
    ("plain", "\"plain\""), ("a\"b", "\"a\\\"b\""), ("a\\b", "\"a\\\\b\""), ("a\nb", "\"a\\nb\""),
    ("a\rb", "\"a\\rb\""), ("a\tb", "\"a\\tb\""), ("\u{1}", "\"\\u0001\""),
    ("\u{1F}", "\"\\u001f\""),
    ("\u{7F}", "\"\\u007f\""), ("é✓", "\"é✓\""),
  ])
  func quotedEscapes(text: String, quoted: String) {
    #expect(AnswerFileWriter.quoted(text) == quoted)
  }
}
