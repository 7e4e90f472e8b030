import Foundation
import Testing

@testable import TriageKit

@Suite struct KnowledgeBaseLoaderTests {
  /// The manifest's five lines; a body appended after it starts on line 6.
  private static let header = """
    nettriage: knowledge-base/1
    id: single
    version: 1.0.0
    title: Single-file knowledge base
    start: first

    """

  private static func diagnostics(_ body: String) -> [String] {
    TestKnowledgeBase.diagnostics(manifestWith: header + body)
  }

  // MARK: - A valid knowledge base

  @Test func validKnowledgeBaseLoadsWithItsIdentity() throws {
    let kb = try TestKnowledgeBase.load()
    #expect(kb.identity.id == "test-kb")
    #expect(kb.identity.version == "1.2.3")
    #expect(kb.identity.digest == KnowledgeBaseLoader.digest(of: TestKnowledgeBase.files))
    #expect(kb.title == "Test knowledge base")
    #expect(kb.start == "only-this-machine")
    #expect(kb.startLocation == SourceLocation(file: "kb/knowledge-base.yaml", line: 5, column: 8))
    #expect(
      kb.nodeOrder == [
        "only-this-machine", "hosts", "sweep-size", "error-code", "station-name", "confirm-alone",
        "route", "rate-limit-found", "dns-found", "nothing-found",
      ])
    #expect(kb.causeOrder == ["rate-limit", "dns-outage", "firewall-block"])
    #expect(kb.steps.keys.sorted() == ["add-exception", "fix-dns", "get-approval"])
    #expect(kb.references.keys.sorted() == ["flood-docs"])
    #expect(kb.orderedQuestions.map(\.type) == [.yesNo, .number, .choice, .text, .yesNo])
  }

  @Test func questionsReadEveryField() throws {
    let kb = try TestKnowledgeBase.load()
    let hosts = try #require(kb.questions["hosts"])
    #expect(hosts.location == SourceLocation(file: "kb/nodes.yaml", line: 16, column: 5))
    #expect(hosts.fact == "hosts")
    #expect(hosts.minimum == 0)
    #expect(hosts.maximum == 100_000)
    #expect(hosts.unit == "hosts")
    #expect(hosts.defaultValue == .number(100))
    #expect(hosts.next?.next == "sweep-size")
    #expect(hosts.unknown.next == "sweep-size", "unknown defaults to next")
    #expect(hosts.unknown.support.entries.isEmpty)

    let errorCode = try #require(kb.questions["error-code"])
    #expect(errorCode.choices.map(\.value) == ["53", "1203", "64"])
    #expect(errorCode.choices[0].label == "System error 53 — the network path was not found")
    #expect(errorCode.choices[2].next == "station-name")
    #expect(errorCode.defaultValue == .string("64"))
    #expect(errorCode.unknown.next == "station-name")
    #expect(errorCode.unknown.support.factors.map(\.cause) == ["dns-outage"])
    #expect(errorCode.unknown.support.factors.map(\.factor) == [0.1])
    #expect(
      errorCode.unknown.support.entries[0].location
        == SourceLocation(file: "kb/nodes.yaml", line: 57, column: 18))

    let confirm = try #require(kb.questions["confirm-alone"])
    #expect(confirm.fact == "only-this-machine")
    #expect(confirm.choices.map(\.value) == ["yes", "no"], "yes-no questions get both choices")
    #expect(confirm.choices.map(\.label) == ["yes", "no"])
  }

  @Test func decisionsAndConclusionsReadEveryField() throws {
    let kb = try TestKnowledgeBase.load()
    guard case .decision(let sweep)? = kb.nodes["sweep-size"] else {
      Issue.record("sweep-size is not a decision")
      return
    }
    #expect(sweep.branches.map(\.text) == ["hosts >= 300 and only-this-machine", "hosts < 50"])
    #expect(sweep.branches[0].route.next == "error-code")
    #expect(sweep.branches[0].route.support.factors.map(\.factor) == [0.3])
    #expect(sweep.otherwise.next == "error-code")
    #expect(sweep.otherwise.location == SourceLocation(file: "kb/nodes.yaml", line: 36, column: 16))

    guard case .conclusion(let found)? = kb.nodes["rate-limit-found"] else {
      Issue.record("rate-limit-found is not a conclusion")
      return
    }
    #expect(found.outcome == .diagnosed)
    #expect(found.title == "The firewall limits {{station-name|the station}}")
    #expect(found.causes.map(\.cause) == ["rate-limit", "dns-outage"])
    #expect(found.causes.map(\.certainty) == [0.6, -0.3])
  }

  // MARK: - Digest

  @Test func digestIsStable() {
    let digest = KnowledgeBaseLoader.digest(of: TestKnowledgeBase.files)
    #expect(KnowledgeBaseLoader.digest(of: TestKnowledgeBase.files) == digest)
    #expect(KnowledgeBaseLoader.digest(of: TestKnowledgeBase.files.reversed()) == digest)
    #expect(
      KnowledgeBaseLoader.load(TestKnowledgeBase.files, root: "elsewhere").0?.identity.digest
        == digest)
    #expect(digest.count == 64)
  }

  @Test func digestChangesWhenOneByteChanges() {
    let digest = KnowledgeBaseLoader.digest(of: TestKnowledgeBase.files)
    var changed = TestKnowledgeBase.files
    changed[2].contents = changed[2].contents.replacingOccurrences(
      of: "risk: low", with: "risk: lox")
    #expect(changed[2].contents != TestKnowledgeBase.files[2].contents)
    #expect(KnowledgeBaseLoader.digest(of: changed) != digest)
    var appended = TestKnowledgeBase.files
    appended[0].contents += " "
    #expect(KnowledgeBaseLoader.digest(of: appended) != digest)
    var renamed = TestKnowledgeBase.files
    renamed[1].name = "nodez.yaml"
    #expect(KnowledgeBaseLoader.digest(of: renamed) != digest)
  }

  @Test func digestSeparatesNamesFromContents() {
    let one = [KnowledgeBaseFile(name: "a.yaml", contents: "bc")]
    let other = [KnowledgeBaseFile(name: "a.yamlb", contents: "c")]
    #expect(KnowledgeBaseLoader.digest(of: one) != KnowledgeBaseLoader.digest(of: other))
    let split = [
      KnowledgeBaseFile(name: "a.yaml", contents: "x"),
      KnowledgeBaseFile(name: "b.yaml", contents: ""),
    ]
    let joined = [KnowledgeBaseFile(name: "a.yaml", contents: "xb.yaml")]
    #expect(KnowledgeBaseLoader.digest(of: split) != KnowledgeBaseLoader.digest(of: joined))
  }

  // MARK: - Syntax and structure

  @Test func yamlSyntaxErrorNamesLineAndColumn() {
    let diagnostics = Self.diagnostics(
      """
      nodes:
        - id: first
          kind: question
          ask: "unclosed
      """)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("kb/knowledge-base.yaml:9:") == true, "\(diagnostics)")
    #expect(diagnostics.first?.contains(": error: invalid YAML: ") == true, "\(diagnostics)")
  }

  @Test func yamlIndentationErrorNamesLineAndColumn() {
    let diagnostics = TestKnowledgeBase.diagnostics([
      KnowledgeBaseFile(name: "knowledge-base.yaml", contents: Self.header),
      KnowledgeBaseFile(
        name: "nodes.yaml",
        contents: """
          nodes:
            - id: first
             kind: question
          """),
    ])
    #expect(
      diagnostics == [
        "kb/nodes.yaml:3:4: error: invalid YAML: did not find expected '-' indicator while parsing a block collection"
      ])
  }

  @Test func duplicateIDNamesTheFirstPlace() {
    let diagnostics = TestKnowledgeBase.diagnostics([
      KnowledgeBaseFile(name: "knowledge-base.yaml", contents: Self.header),
      KnowledgeBaseFile(
        name: "a.yaml",
        contents: """
          nodes:
            - id: first
              kind: conclusion
              outcome: inconclusive
              title: T
              text: T
          """),
      KnowledgeBaseFile(
        name: "b.yaml",
        contents: """
          causes:
            - id: first
              title: T
              summary: S
          nodes:
            - id: first
              kind: conclusion
              outcome: inconclusive
              title: T
              text: T
          """),
    ])
    #expect(
      diagnostics == [
        "kb/b.yaml:6:5: error: duplicate id 'first' (first defined at kb/a.yaml:2:5)",
        "kb/b.yaml:2:5: error: duplicate id 'first' (first defined at kb/a.yaml:2:5)",
      ])
  }

  @Test func duplicateYAMLKeyIsReported() {
    let diagnostics = Self.diagnostics(
      """
      nodes:
        - id: first
          id: second
          kind: conclusion
      """)
    #expect(diagnostics.count == 1)
    #expect(
      diagnostics.first?.contains("error: duplicate key 'id' in one mapping") == true,
      "\(diagnostics)")
    #expect(diagnostics.first?.hasPrefix("kb/knowledge-base.yaml:") == true, "\(diagnostics)")
  }

  @Test func unknownNodeKindSuggestsTheNearest() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: questoin
            ask: A?
        """) == [
          "kb/knowledge-base.yaml:8:11: error: unknown node kind 'questoin' in node 'first' (did you mean 'question'?)"
        ])
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: evidence
        """) == ["kb/knowledge-base.yaml:8:11: error: unknown node kind 'evidence' in node 'first'"]
    )
  }

  @Test func unknownKeySuggestsTheNearest() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: conclusion
            outcome: inconclusive
            title: T
            text: T
            txet: T
        """) == [
          "kb/knowledge-base.yaml:12:5: error: unknown key 'txet' in node 'first' (did you mean 'text'?)"
        ])
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: conclusion
            outcome: inconclusive
            title: T
            text: T
        node: []
        """) == [
          "kb/knowledge-base.yaml:12:1: error: unknown key 'node' in file 'knowledge-base.yaml' (did you mean 'nodes'?)"
        ])
  }

  @Test func unknownQuestionTypeSuggestsTheNearest() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: yesno
            ask: A?
            why: W
            next: first
        """) == [
          "kb/knowledge-base.yaml:9:11: error: unknown question type 'yesno' in node 'first' (did you mean 'yes-no'?)"
        ])
  }

  @Test func choiceQuestionWithoutChoices() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: choice
            ask: A?
            why: W
            next: first
        """) == ["kb/knowledge-base.yaml:7:5: error: choice question 'first' lacks 'choices'"])
  }

  @Test func yesNoQuestionWithAnotherChoice() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: yes-no
            ask: A?
            why: W
            choices:
              - value: "yes"
              - value: maybe
            next: first
        """) == [
          "kb/knowledge-base.yaml:14:9: error: yes-no question 'first' has choice 'maybe' (expected 'yes' or 'no')"
        ])
  }

  @Test func choiceValueUnknownIsReserved() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: choice
            ask: A?
            why: W
            choices:
              - value: a
              - value: Unknown
                label: I do not know
            next: first
        """) == [
          "kb/knowledge-base.yaml:14:9: error: choice value 'unknown' is reserved (every question accepts unknown) in node 'first'"
        ])
  }

  @Test func duplicateChoiceValue() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: choice
            ask: A?
            why: W
            choices:
              - value: a
              - value: A
            next: first
        """) == ["kb/knowledge-base.yaml:14:9: error: duplicate choice value 'A' in node 'first'"])
  }

  @Test func questionWithoutNext() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: text
            ask: A?
            why: W
        """) == [
          "kb/knowledge-base.yaml:7:5: error: question 'first' lacks 'next' (needed unless every choice has its own 'next')",
          "kb/knowledge-base.yaml:7:5: error: question 'first' lacks 'unknown': say where an answer of unknown leads",
        ])
  }

  @Test func questionWhoseChoicesAllRouteNeedsNoNext() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: choice
            ask: A?
            why: W
            choices:
              - { value: a, next: done }
              - { value: b, next: done }
            unknown: done
          - id: done
            kind: conclusion
            outcome: inconclusive
            title: T
            text: T
        """) == [])
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: choice
            ask: A?
            why: W
            choices:
              - { value: a, next: done }
              - { value: b }
            unknown: done
        """) == [
          "kb/knowledge-base.yaml:7:5: error: question 'first' lacks 'next' (needed unless every choice has its own 'next')"
        ])
  }

  @Test func questionLacksRequiredTexts() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: text
            next: first
        """) == [
          "kb/knowledge-base.yaml:7:5: error: node 'first' lacks 'ask'",
          "kb/knowledge-base.yaml:7:5: error: node 'first' lacks 'why'",
        ])
  }

  @Test func boundsOnlyApplyToNumbers() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: text
            ask: A?
            why: W
            unit: hosts
            next: first
        """) == [
          "kb/knowledge-base.yaml:7:5: error: 'min', 'max' and 'unit' only apply to number questions ('first' is text)"
        ])
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: number
            ask: A?
            why: W
            min: few
            choices: [a]
            next: first
        """) == [
          "kb/knowledge-base.yaml:13:14: error: number question 'first' cannot have 'choices'",
          "kb/knowledge-base.yaml:12:10: error: expected 'min' of node 'first' to be a number, found 'few'",
        ])
  }

  @Test func invalidDefaultIsReportedAtItsValue() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: number
            ask: A?
            why: W
            max: 10
            default: 20
            next: first
        """) == [
          "kb/knowledge-base.yaml:13:14: error: default of node 'first': 20 is above the maximum 10"
        ])
  }

  @Test func conditionThatDoesNotParsePointsIntoTheWhenText() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: decision
            branches:
              - when: hosts = 300
                next: first
            otherwise: first
        """) == [
          "kb/knowledge-base.yaml:10:21: error: condition does not parse: '=' is not an operator (did you mean '=='?)"
        ])
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: decision
            branches:
              - when: "error-code == 53 53"
                next: first
            otherwise: first
        """) == [
          "kb/knowledge-base.yaml:10:33: error: condition does not parse: unexpected '53' after a complete condition"
        ])
  }

  /// In a double-quoted `when:` an escape takes two columns of the file for one of the condition, so
  /// the message points at the start of the value rather than at a wrong column.
  @Test func conditionColumnWithEscapesPointsAtTheValue() {
    let diagnostics = Self.diagnostics(
      #"""
      nodes:
        - id: first
          kind: decision
          branches:
            - when: "x == \"a\" = 1"
              next: first
          otherwise: first
      """#)
    #expect(diagnostics.count == 1)
    #expect(
      diagnostics.first?.hasSuffix(
        "error: condition does not parse: '=' is not an operator (did you mean '=='?)") == true)
    #expect(
      diagnostics.first?.hasPrefix("kb/knowledge-base.yaml:10:15: ") == true, "\(diagnostics)")
  }

  /// Every `when:` and `value:` reports the column inside its text, past the quote when quoted:
  /// one rule for decisions, `infer:` rules, steps and computed facts.
  @Test func quotedConditionsPointPastTheQuoteEverywhere() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: number
            ask: A?
            why: W
            next: first
            infer:
              - { when: "error-code == 53 53", answer: 1 }
        """) == [
          "kb/knowledge-base.yaml:14:35: error: condition does not parse: unexpected '53' after a complete condition"
        ])
    #expect(
      Self.diagnostics(
        """
        computed:
          - { id: ratio, label: R, value: "hosts * * 2" }
        """) == [
          "kb/knowledge-base.yaml:7:44: error: value of computed fact 'ratio' does not parse: expected a number, a fact or '(', found '*'"
        ])
  }

  @Test func decisionLacksOtherwiseAndBranches() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: decision
        """) == [
          "kb/knowledge-base.yaml:7:5: error: node 'first' lacks 'branches'",
          "kb/knowledge-base.yaml:7:5: error: decision 'first' lacks 'otherwise'",
        ])
  }

  @Test func conclusionWithUnknownOutcome() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: conclusion
            outcome: solved
            title: T
            text: T
        """) == [
          "kb/knowledge-base.yaml:7:5: error: unknown outcome 'solved' in node 'first' (expected 'diagnosed' or 'inconclusive')"
        ])
  }

  // MARK: - Manifest

  @Test func missingManifest() {
    #expect(
      TestKnowledgeBase.diagnostics([
        KnowledgeBaseFile(name: "nodes.yaml", contents: TestKnowledgeBase.nodes)
      ]) == [
        "kb/knowledge-base.yaml:1:1: error: no manifest: 'knowledge-base.yaml' with nettriage, id, version, title and start"
      ])
    #expect(
      KnowledgeBaseLoader.load([], root: "").1.map(\.description) == [
        "knowledge-base.yaml:1:1: error: no manifest: 'knowledge-base.yaml' with nettriage, id, version, title and start"
      ])
  }

  @Test func manifestLacksAField() {
    let (kb, diagnostics) = KnowledgeBaseLoader.load(
      [
        KnowledgeBaseFile(
          name: "knowledge-base.yaml",
          contents: """
            nettriage: knowledge-base/1
            id: single
            version: 1.0.0
            title: T
            """)
      ], root: "kb")
    #expect(kb == nil)
    #expect(
      diagnostics.map(\.description) == [
        "kb/knowledge-base.yaml:1:1: error: file 'knowledge-base.yaml' lacks 'start'"
      ])
  }

  @Test func manifestWithAnotherSchema() {
    #expect(
      TestKnowledgeBase.diagnostics(
        manifestWith: Self.header.replacingOccurrences(
          of: "knowledge-base/1", with: "knowledge-base/2")
            + """
            nodes:
              - { id: first, kind: conclusion, outcome: inconclusive, title: T, text: T }
            """) == [
          "kb/knowledge-base.yaml:1:12: error: unsupported schema 'knowledge-base/2' (expected 'knowledge-base/1')"
        ])
  }

  @Test func fileThatIsNotAMapping() {
    #expect(
      TestKnowledgeBase.diagnostics([
        KnowledgeBaseFile(name: "knowledge-base.yaml", contents: Self.header),
        KnowledgeBaseFile(name: "list.yaml", contents: "- a\n- b\n"),
      ]) == ["kb/list.yaml:1:1: error: expected file 'list.yaml' as a mapping, found a list"])
    #expect(
      TestKnowledgeBase.diagnostics([
        KnowledgeBaseFile(name: "knowledge-base.yaml", contents: Self.header),
        KnowledgeBaseFile(name: "nodes.yaml", contents: "nodes: first\n"),
      ]) == ["kb/nodes.yaml:1:8: error: expected 'nodes' to be a list, found 'first'"])
  }

  @Test func emptyFileIsIgnored() throws {
    var files = TestKnowledgeBase.files
    files.append(KnowledgeBaseFile(name: "empty.yaml", contents: "# nothing yet\n"))
    let (kb, diagnostics) = KnowledgeBaseLoader.load(files, root: "kb")
    #expect(diagnostics.isEmpty)
    #expect(kb?.nodeOrder.count == 10)
  }

  // MARK: - IDs and certainty

  @Test func nonKebabIDs() {
    let diagnostics = TestKnowledgeBase.diagnostics(
      manifestWith: """
        nettriage: knowledge-base/1
        id: Single_KB
        version: 1.0.0
        title: T
        start: First
        nodes:
          - id: First
            kind: question
            type: text
            fact: the fact
            ask: A?
            why: W
            next: First
        causes:
          - { id: cause--two, title: T, summary: S }
        steps:
          - { id: -step, title: T, text: T, risk: low, permission: P, verify: V, rollback: R }
        references:
          - { id: ref-, title: T }
        """)
    #expect(
      diagnostics == [
        "kb/knowledge-base.yaml:1:1: error: knowledge-base id 'Single_KB' is not kebab-case",
        "kb/knowledge-base.yaml:7:5: error: fact name 'the fact' of node 'First' is not kebab-case",
        "kb/knowledge-base.yaml:7:5: error: node id 'First' is not kebab-case",
        "kb/knowledge-base.yaml:15:5: error: cause id 'cause--two' is not kebab-case",
        "kb/knowledge-base.yaml:17:5: error: step id '-step' is not kebab-case",
        "kb/knowledge-base.yaml:19:5: error: reference id 'ref-' is not kebab-case",
      ])
  }

  @Test(arguments: [
    ("error-code", true), ("a", true), ("a1-2b", true), ("404", true),
    ("", false), ("-a", false), ("a-", false), ("a--b", false), ("Error", false), ("a_b", false),
    ("a b", false), ("café", false), ("a.b", false),
  ])
  func kebabCase(id: String, valid: Bool) {
    #expect(KnowledgeBaseLoader.isKebabCase(id) == valid)
  }

  @Test func certaintyOutOfRange() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - id: first
            kind: question
            type: yes-no
            ask: A?
            why: W
            choices:
              - { value: "yes", support: { some-cause: 1.5, other-cause: 1 } }
              - { value: "no", support: { some-cause: -1.01, other-cause: strong } }
            next: done
          - id: done
            kind: conclusion
            outcome: diagnosed
            title: T
            text: T
            causes:
              - { cause: some-cause, certainty: 2 }
              - { cause: other-cause, certainty: -1 }
        """) == [
          "kb/knowledge-base.yaml:13:48: error: certainty factor for 'some-cause' must be a number from -1 to 1, found '1.5'",
          "kb/knowledge-base.yaml:14:47: error: certainty factor for 'some-cause' must be a number from -1 to 1, found '-1.01'",
          "kb/knowledge-base.yaml:14:67: error: certainty factor for 'other-cause' must be a number from -1 to 1, found 'strong'",
          "kb/knowledge-base.yaml:22:9: error: certainty must be from -1 to 1 in node 'done'",
        ])
  }

  @Test func unknownRiskInAStep() {
    #expect(
      Self.diagnostics(
        """
        nodes:
          - { id: first, kind: conclusion, outcome: inconclusive, title: T, text: T }
        steps:
          - { id: step, title: T, text: T, risk: severe, permission: P, verify: V, rollback: R }
        """) == [
          "kb/knowledge-base.yaml:9:5: error: unknown risk 'severe' in step 'step' (expected low, medium or high)"
        ])
  }

  // MARK: - Folders and checked loading

  @Test func filesInAFolderAreTheYAMLFilesSortedByName() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kb-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
    for (name, text) in [
      ("b.yaml", "b"), ("a.yml", "a"), ("notes.md", "n"), ("scenarios/s.yaml", "s"),
      ("c.yaml.bak", "c"),
    ] {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let files = try KnowledgeBaseLoader.files(in: directory)
    #expect(
      files == [
        KnowledgeBaseFile(name: "a.yml", contents: "a"),
        KnowledgeBaseFile(name: "b.yaml", contents: "b"),
      ])
  }

  @Test func missingFolderIsInputMissing() {
    let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
    #expect(throws: TriageError.inputMissing(missing.path)) {
      try KnowledgeBaseLoader.files(in: missing)
    }
  }

  @Test func loadCheckedThrowsLintErrorsButNotWarnings() {
    var files = TestKnowledgeBase.files
    files[1].contents = files[1].contents.replacingOccurrences(
      of: "cause: firewall-block", with: "cause: firewall-blok")
    // The linter also warns that 'firewall-block' is now named nowhere; only errors are thrown.
    #expect(
      throws: TriageError.invalidKnowledgeBase([
        Diagnostic(
          .error, "unknown cause 'firewall-blok' (did you mean 'firewall-block'?)",
          at: TriageKit.SourceLocation(file: "kb/nodes.yaml", line: 100, column: 9))
      ])
    ) {
      try KnowledgeBaseLoader.loadChecked(files, root: "kb")
    }
  }

  @Test func loadCheckedThrowsLoadErrors() {
    var files = TestKnowledgeBase.files
    files[2].contents = files[2].contents.replacingOccurrences(of: "risk: low", with: "risk: lo")
    #expect(
      throws: TriageError.invalidKnowledgeBase([
        Diagnostic(
          .error, "unknown risk 'lo' in step 'get-approval' (expected low, medium or high)",
          at: TriageKit.SourceLocation(file: "kb/causes.yaml", line: 17, column: 5))
      ])
    ) {
      try KnowledgeBaseLoader.loadChecked(files, root: "kb")
    }
  }

  @Test func loadCheckedReturnsACleanKnowledgeBase() throws {
    let kb = try KnowledgeBaseLoader.loadChecked(TestKnowledgeBase.files, root: "kb")
    #expect(kb.identity.id == "test-kb")
  }

  @Test func loadCheckedWithoutAnyFile() {
    #expect(
      throws: TriageError.invalidKnowledgeBase([
        Diagnostic(
          .error, "no manifest: 'knowledge-base.yaml' with nettriage, id, version, title and start",
          at: TriageKit.SourceLocation(file: "kb/knowledge-base.yaml", line: 1, column: 1))
      ])
    ) {
      try KnowledgeBaseLoader.loadChecked([], root: "kb")
    }
  }
}
