import Foundation
import Testing

@testable import TriageCLI
@testable import TriageKit

#if canImport(Glibc)
  import Glibc
#endif

/// The bad-input corpus of issue 17: every finding and its family, generated here (nothing large is
/// committed), each with the exit code the command line gives and a piece of its message. The
/// inputs go through the same functions the commands call, in process, so 300 cases take seconds.
@Suite struct BadInputCorpusTests {
  /// One hostile input.
  struct Case: CustomTestStringConvertible, Sendable {
    enum Input: Sendable {
      /// A decision's `when:` in an otherwise valid knowledge base.
      case condition(String)
      /// A `computed:` formula.
      case formula(String)
      /// A whole knowledge base in one file.
      case knowledgeBase(String)
      /// An answer file for ``BadInputCorpusTests/knowledgeBase``.
      case answerFile(String)
      /// A path given as evidence.
      case evidencePath(String)
      /// A report target, written with --force.
      case reportTarget(String)
    }
    var name: String
    var input: Input
    var exit: TriageCLI.ExitStatus
    var message: String
    var testDescription: String { name }
  }

  static let knowledgeBaseHeader = """
    nettriage: knowledge-base/1
    id: corpus
    version: 1.0.0
    title: Corpus
    start: hosts

    """

  static func knowledgeBase(when condition: String = "hosts > 1", formula: String = "hosts * 2")
    -> String
  {
    // YAML refuses raw control characters: they reach the condition as `\xNN` escapes.
    var quoted = ""
    for scalar in condition.unicodeScalars {
      switch scalar {
      case "\\": quoted += "\\\\"
      case "\"": quoted += "\\\""
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        quoted += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    let quotedFormula = formula.replacingOccurrences(of: "\"", with: "\\\"")
    return knowledgeBaseHeader + """
      computed:
        - { id: double, label: Double, value: "\(quotedFormula)" }
      nodes:
        - { id: hosts, kind: question, type: number, ask: N?, why: W, next: route }
        - { id: note, kind: question, type: text, ask: T?, why: W, next: done }
        - id: route
          kind: decision
          branches:
            - { when: "\(quoted)", next: note }
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """
  }

  static let knowledgeBase: KnowledgeBase = {
    let file = KnowledgeBaseFile(name: "knowledge-base.yaml", contents: knowledgeBase())
    return try! KnowledgeBaseLoader.loadChecked([file], root: "corpus")
  }()

  // MARK: - The corpus

  static let depth = InputLimits.conditionDepth
  static let terms = InputLimits.conditionTerms

  static func nested(_ open: String, _ close: String, _ levels: Int, _ inner: String) -> String {
    String(repeating: open, count: levels) + inner + String(repeating: close, count: levels)
  }

  static func chain(_ count: Int, _ keyword: String) -> String {
    (0..<count).map { _ in "hosts > 1" }.joined(separator: " \(keyword) ")
  }

  static func bomb(levels: Int, asKey: Bool) -> String {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x]"]
    for level in 1..<levels {
      let items = Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", ")
      lines.append("a\(level): &a\(level) [\(items)]")
    }
    lines.append(asKey ? "? *a\(levels - 1)\n: v" : "last: *a\(levels - 1)")
    return knowledgeBaseHeader + lines.joined(separator: "\n")
  }

  static let conditionCases: [Case] = {
    var cases: [Case] = []
    let deep = "nests deeper than \(depth) levels"
    for levels in Array(depth + 1...depth + 30) + [100, 1000, 30_000] {
      cases.append(
        Case(
          name: "\(levels) parentheses", input: .condition(nested("(", ")", levels, "hosts > 1")),
          exit: .invalidInput, message: deep))
    }
    for levels in Array(depth + 1...depth + 30) + [100_000] {
      cases.append(
        Case(
          name: "\(levels) nots",
          input: .condition(String(repeating: "not ", count: levels) + "hosts > 1"),
          exit: .invalidInput, message: deep))
    }
    for keyword in ["and", "or"] {
      for count in Array(terms + 1...terms + 25) + [30_000, 45_000] {
        cases.append(
          Case(
            name: "\(keyword) chain of \(count)", input: .condition(chain(count, keyword)),
            exit: .invalidInput, message: "more than \(terms) terms"))
      }
    }
    for value in Array(1...0x1F).filter({ ![9, 10, 13].contains($0) }) + [0x7F] {
      let scalar = Unicode.Scalar(UInt8(value))
      cases.append(
        Case(
          name: "control character \(value) in a condition",
          input: .condition("hosts > 1 \(Character(scalar))"),
          exit: .invalidInput, message: "unexpected character"))
    }
    let syntax: [(String, String)] = [
      ("hosts = 1", "'=' is not an operator"), ("hosts > \"a", "string is not closed"),
      ("hosts > 'a", "string is not closed"), ("(hosts > 1", "expected ')'"),
      ("hosts > 1)", "unexpected ')'"), ("hosts >", "expected a value"),
      ("and", "expected a fact name"), ("hosts > 1 and", "expected a fact name"),
      ("known(", "expected a fact name"), ("hosts in [1, ", "expected a value"),
      ("1.2.3 < hosts", "is not a number"), ("hosts > name", "expected a value"),
    ]
    for (text, message) in syntax {
      cases.append(
        Case(
          name: "syntax: \(text)", input: .condition(text), exit: .invalidInput, message: message))
    }
    return cases
  }()

  static let formulaCases: [Case] = {
    var cases: [Case] = []
    let deep = "nests deeper than \(depth) levels"
    for levels in depth + 1...depth + 15 {
      cases.append(
        Case(
          name: "formula: \(levels) parentheses",
          input: .formula(nested("(", ")", levels, "hosts")),
          exit: .invalidInput, message: deep))
      cases.append(
        Case(
          name: "formula: \(levels) minus signs",
          input: .formula(String(repeating: "-", count: levels) + "hosts"), exit: .invalidInput,
          message: deep))
      cases.append(
        Case(
          name: "formula: \(levels) calls", input: .formula(nested("ceil(", ")", levels, "hosts")),
          exit: .invalidInput, message: deep))
    }
    for count in terms + 1...terms + 15 {
      cases.append(
        Case(
          name: "formula: \(count) terms",
          input: .formula(Array(repeating: "hosts", count: count).joined(separator: " + ")),
          exit: .invalidInput, message: "more than \(terms) terms"))
    }
    return cases
  }()

  static let yamlCases: [Case] = {
    var cases: [Case] = []
    for levels in 6...12 {
      for asKey in [true, false] {
        cases.append(
          Case(
            name: "alias bomb of \(levels) levels\(asKey ? " ending in a key" : "")",
            input: .knowledgeBase(bomb(levels: levels, asKey: asKey)), exit: .invalidInput,
            message: "aliases stand for more than"))
      }
    }
    let keys = [
      "a: &k x\n*k : v", "a: &k x\nb: {*k : v}", "a: &k x\n? *k\n: v", "a: &k [x]\n*k : v",
      "a: &k {b: c}\nd:\n  *k : v",
    ]
    for (index, text) in keys.enumerated() {
      cases.append(
        Case(
          name: "alias as a key \(index + 1)", input: .knowledgeBase(knowledgeBaseHeader + text),
          exit: .invalidInput, message: "an alias cannot be a mapping key"))
    }
    for levels in Array(InputLimits.yamlDepth...InputLimits.yamlDepth + 9) + [1000, 5000] {
      // The document's own mapping is one level: `x: [[…]]` nests one more than its brackets.
      cases.append(
        Case(
          name: "YAML nested \(levels + 1) deep",
          input: .knowledgeBase(knowledgeBaseHeader + "x: " + nested("[", "]", levels, "")),
          exit: .invalidInput,
          // Far past the limit, libyaml's scanner (which reads ahead) stops first, with its words.
          message: levels < 1000 ? "nest deeper than \(InputLimits.yamlDepth) levels" : "nest"))
    }
    for extra in [1, 2, 10, 1000] {
      let text =
        knowledgeBaseHeader + "a: &s x\nb: ["
        + Array(repeating: "*s", count: InputLimits.yamlAliasNodes + extra).joined(separator: ",")
        + "]"
      cases.append(
        Case(
          name: "\(extra) aliased nodes past the limit", input: .knowledgeBase(text),
          exit: .invalidInput, message: "aliases stand for more than"))
    }
    return cases
  }()

  static let answerFileCases: [Case] = {
    var cases: [Case] = []
    let limit = InputLimits.textAnswerBytes
    for extra in 1...10 {
      let text = String(repeating: "x", count: limit + extra)
      cases.append(
        Case(
          name: "text answer \(extra) bytes too long",
          input: .answerFile("nettriage: answers/1\nanswers:\n  note: \(text)\n"),
          exit: .invalidInput, message: "holds at most 64 KiB"))
      cases.append(
        Case(
          name: "note \(extra) bytes too long",
          input: .answerFile("nettriage: answers/1\nnotes:\n  - \(text)\n"),
          exit: .invalidInput, message: "holds at most 64 KiB"))
    }
    let shadowLike = (0..<5).map { "user\($0):$6$salt$" + String(repeating: "h", count: 80) }
    for (index, line) in shadowLike.enumerated() {
      cases.append(
        Case(
          name: "a file that is not ours \(index + 1)",
          input: .answerFile("nettriage: answers/1\n" + line + ":19000:0:99999:7:::\n"),
          exit: .invalidInput, message: "unknown key"))
    }
    for value in ["nan", "inf", "-inf", "1e309", "many", "[1]", "{a: 1}"] {
      cases.append(
        Case(
          name: "number answer \(value)",
          input: .answerFile("nettriage: answers/1\nanswers:\n  hosts: \(value)\n"),
          exit: .invalidInput, message: "hosts"))
    }
    return cases
  }()

  static let pathCases: [Case] = {
    var cases: [Case] = [
      Case(
        name: "evidence /dev/zero", input: .evidencePath("/dev/zero"), exit: .inputMissing,
        message: "is a device"),
      Case(
        name: "evidence /dev/urandom", input: .evidencePath("/dev/urandom"), exit: .inputMissing,
        message: "is a device"),
      Case(
        name: "evidence /dev/null", input: .evidencePath("/dev/null"), exit: .inputMissing,
        message: "is a device"),
      Case(
        name: "evidence /", input: .evidencePath("/"), exit: .inputMissing,
        message: "is a directory"),
      Case(
        name: "evidence /tmp", input: .evidencePath("/tmp"), exit: .inputMissing,
        message: "is a directory"),
      Case(
        name: "evidence /proc/self/mem", input: .evidencePath("/proc/self/mem"),
        exit: .inputMissing, message: "input/output error"),
      Case(
        name: "evidence FIFO", input: .evidencePath("FIFO"), exit: .inputMissing,
        message: "is a FIFO and nothing was written to it"),
      Case(
        name: "evidence under a file", input: .evidencePath("/etc/hostname/x"),
        exit: .inputMissing, message: "no such file"),
    ]
    for index in 1...5 {
      cases.append(
        Case(
          name: "evidence missing \(index)",
          input: .evidencePath("/nonexistent-\(index)/\u{1B}]0;t\u{07}"), exit: .inputMissing,
          message: "no such file or folder"))
    }
    let targets: [(String, String)] = [
      ("LINK", "is a symbolic link"), ("DIRECTORY", "is a directory"),
      ("FIFO", "is a FIFO that nobody reads"), ("/dev/full", "no space left on device"),
      ("/nonexistent-folder/report.md", "no such file or directory"),
    ]
    for (target, message) in targets {
      cases.append(
        Case(
          name: "report to \(target)", input: .reportTarget(target), exit: .cannotWrite,
          message: message))
    }
    return cases
  }()

  static let all = conditionCases + formulaCases + yamlCases + answerFileCases + pathCases

  @Test func theCorpusHoldsAtLeast300Cases() {
    #expect(Self.all.count >= 300)
  }

  // MARK: - Running a case

  /// What the command line would do: the error it prints, or `nil` when the input was accepted.
  private static func failure(_ input: Case.Input, folder: URL) -> TriageError? {
    do throws(TriageError) {
      switch input {
      case .condition(let text):
        _ = try KnowledgeBaseLoader.loadChecked(
          [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: knowledgeBase(when: text))],
          root: "corpus")
      case .formula(let text):
        _ = try KnowledgeBaseLoader.loadChecked(
          [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: knowledgeBase(formula: text))],
          root: "corpus")
      case .knowledgeBase(let text):
        _ = try KnowledgeBaseLoader.loadChecked(
          [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "corpus")
      case .answerFile(let text):
        _ = try AnswerFile.parse(text, path: "answers.yaml", knowledgeBase: knowledgeBase)
      case .evidencePath(let path):
        _ = try EvidenceInput.read(path: resolve(path, in: folder))
      case .reportTarget(let path):
        try AtomicFile.write(
          "report", to: URL(fileURLWithPath: resolve(path, in: folder)), overwrite: true)
      }
      return nil
    } catch {
      return error
    }
  }

  /// The placeholders `FIFO`, `LINK` and `DIRECTORY` as fresh files of that kind in `folder`.
  private static func resolve(_ path: String, in folder: URL) -> String {
    let made = folder.appendingPathComponent(path.lowercased()).path
    switch path {
    case "FIFO":
      mkfifo(made, 0o600)
    case "LINK":
      let target = folder.appendingPathComponent("target").path
      _ = FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
      try? FileManager.default.createSymbolicLink(atPath: made, withDestinationPath: target)
    case "DIRECTORY":
      try? FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
    default:
      return path
    }
    return made
  }

  @Test(arguments: all)
  func eachBadInputGivesItsExitCodeAndMessage(_ badInput: Case) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let error = try #require(Self.failure(badInput.input, folder: folder), "accepted")
    #expect(TriageCLI.ExitStatus(error) == badInput.exit)
    let printed = VisibleText.message(error.description)
    #expect(printed.contains(badInput.message), "\(printed.prefix(300))")
    #expect(
      !printed.unicodeScalars.contains { VisibleText.needsEscape($0) },
      "raw control characters in the message")
    #expect(printed.count < 20_000, "the message quotes too much")
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
