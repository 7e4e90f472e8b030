import EmbeddedKnowledgeBase
import Foundation
import Testing
import TriageKit

/// The knowledge base compiled into the binary is the one in the repository, and it is sound.
@Suite("Embedded knowledge base")
struct EmbeddedKnowledgeBaseTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("KnowledgeBase")

  @Test func embeddedFilesAreTheRepositoryFiles() throws {
    let onDisk = try KnowledgeBaseLoader.files(in: Self.folder)
    let embedded = EmbeddedKnowledgeBase.files.map {
      KnowledgeBaseFile(name: $0.name, contents: $0.contents)
    }
    #expect(embedded.map(\.name) == onDisk.map(\.name))
    #expect(embedded == onDisk)
    #expect(KnowledgeBaseLoader.digest(of: embedded) == KnowledgeBaseLoader.digest(of: onDisk))
  }

  /// Only the top-level YAML is the knowledge base: scenarios and real-incident cases (answer files
  /// in subfolders) are never compiled in.
  @Test func scenariosAndCasesAreNotEmbedded() throws {
    #expect(EmbeddedKnowledgeBase.files.allSatisfy { !$0.name.contains("/") })
    #expect(
      EmbeddedKnowledgeBase.files.allSatisfy {
        !$0.contents.contains("nettriage: answers/1") && !$0.contents.contains("\ntruth:")
      })
  }

  @Test func lintsWithoutErrorsOrWarnings() throws {
    let (kb, diagnostics) = KnowledgeBaseLoader.load(
      try KnowledgeBaseLoader.files(in: Self.folder), root: "KnowledgeBase")
    let loaded = try #require(kb, "\(diagnostics)")
    #expect(diagnostics.isEmpty)
    #expect(KnowledgeBaseLinter.lint(loaded).isEmpty)
  }

  /// The slice exercises every node kind and question type, and names the conclusions later issues
  /// build on.
  @Test func coversEveryNodeKindAndQuestionType() throws {
    let kb = try KnowledgeBaseLoader.loadChecked(
      try KnowledgeBaseLoader.files(in: Self.folder), root: "KnowledgeBase")
    let kinds = Set(kb.nodes.values.map(\.kindName))
    #expect(kinds == ["question", "decision", "conclusion", "probe"])
    let types = Set(kb.questions.values.map(\.type))
    #expect(types == Set(QuestionNode.AnswerType.allCases))
    for cause in [
      "isa-connect-rate-limit", "isa-concurrent-connection-limit", "dns-server-unreachable",
    ] {
      #expect(kb.causes[cause] != nil, "missing cause '\(cause)'")
    }
    #expect(kb.nodes["isa-flood-mitigation"] != nil)
  }

  /// Every scenario reaches what it expects.
  @Test func scenariosPass() throws {
    let kb = try KnowledgeBaseLoader.loadChecked(
      try KnowledgeBaseLoader.files(in: Self.folder), root: "KnowledgeBase")
    let files = ScenarioRunner.files(in: Self.folder.appendingPathComponent("scenarios"))
    #expect(files.count >= 10)
    for url in files {
      guard try AnswerFile.load(url, knowledgeBase: kb).evidence.isEmpty else { continue }
      let result = try ScenarioRunner.run(url, knowledgeBase: kb)
      #expect(result.passed, "\(result.name): \(result.problems)")
    }
  }

  /// Every scenario reaches what it expects, and every conclusion has at least two scenarios.
  @Test func scenariosPassAndCoverEveryConclusion() throws {
    let kb = try KnowledgeBaseLoader.loadChecked(
      try KnowledgeBaseLoader.files(in: Self.folder), root: "KnowledgeBase")
    let files = ScenarioRunner.files(in: Self.folder.appendingPathComponent("scenarios"))
    #expect(files.count >= 10)
    var reached: [String: Int] = [:]
    for url in files {
      // Scenarios with evidence need the importers: the command line's `kb test` replays them
      // (TriageCLITests checks it passes).
      guard try AnswerFile.load(url, knowledgeBase: kb).evidence.isEmpty else { continue }
      let result = try ScenarioRunner.run(url, knowledgeBase: kb)
      #expect(result.passed, "\(result.name): \(result.problems)")
      let file = try AnswerFile.load(url, knowledgeBase: kb)
      let replay = try AnswerReplay.replay(
        file, knowledgeBase: kb, sessionID: "t", clock: .fixed(Date(timeIntervalSince1970: 0)),
        policy: .error)
      if let conclusion = try replay.session.walk().conclusion {
        reached[conclusion.id, default: 0] += 1
      }
    }
    for id in kb.nodeOrder {
      if case .conclusion = kb.nodes[id] {
        #expect(
          reached[id, default: 0] >= 2,
          "conclusion '\(id)' is reached by \(reached[id, default: 0]) scenarios")
      }
    }
  }
}
