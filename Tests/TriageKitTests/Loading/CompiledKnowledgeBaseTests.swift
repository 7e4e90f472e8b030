import EmbeddedKnowledgeBase
import Foundation
import Testing

@testable import TriageKit

/// The compiled form holds the whole model: what the binary starts from is what the YAML loads to.
@Suite struct CompiledKnowledgeBaseTests {
  /// Everything a knowledge base is made of, for comparing two.
  private static func expectSame(
    _ compiled: KnowledgeBase, _ loaded: KnowledgeBase,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(compiled.identity == loaded.identity, sourceLocation: sourceLocation)
    #expect(compiled.title == loaded.title, sourceLocation: sourceLocation)
    #expect(compiled.start == loaded.start, sourceLocation: sourceLocation)
    #expect(compiled.startLocation == loaded.startLocation, sourceLocation: sourceLocation)
    #expect(compiled.nodeOrder == loaded.nodeOrder, sourceLocation: sourceLocation)
    #expect(compiled.nodes == loaded.nodes, sourceLocation: sourceLocation)
    #expect(compiled.causeOrder == loaded.causeOrder, sourceLocation: sourceLocation)
    #expect(compiled.causes == loaded.causes, sourceLocation: sourceLocation)
    #expect(compiled.steps == loaded.steps, sourceLocation: sourceLocation)
    #expect(compiled.references == loaded.references, sourceLocation: sourceLocation)
    #expect(compiled.computed == loaded.computed, sourceLocation: sourceLocation)
  }

  @Test func embeddedCompiledKnowledgeBaseIsTheEmbeddedFilesLoaded() throws {
    let files = EmbeddedKnowledgeBase.files.map {
      KnowledgeBaseFile(name: $0.name, contents: $0.contents)
    }
    let loaded = try KnowledgeBaseLoader.loadChecked(files, root: EmbeddedKnowledgeBase.root)
    let compiled = try EmbeddedKnowledgeBase.knowledgeBase()
    Self.expectSame(compiled, loaded)
    #expect(compiled.identity.digest == KnowledgeBaseLoader.digest(of: files))
  }

  @Test func roundTripKeepsEveryPartOfTheModel() throws {
    let knowledgeBase = try TestKnowledgeBase.load()
    let text = try CompiledKnowledgeBase.encode(knowledgeBase)
    let vocabulary = Vocabulary(sources: [], probes: [])
    let decoded = try CompiledKnowledgeBase.decode(text, vocabulary: vocabulary)
    Self.expectSame(decoded, knowledgeBase)
    #expect(decoded.vocabulary == vocabulary)
    #expect(try CompiledKnowledgeBase.encode(decoded) == text, "the same model, the same bytes")
  }

  @Test func unreadableOrForeignTextIsAnInvalidKnowledgeBase() throws {
    #expect(throws: TriageError.self) { try CompiledKnowledgeBase.decode("{not json") }
    let foreign = try CompiledKnowledgeBase.encode(try TestKnowledgeBase.load())
      .replacingOccurrences(of: CompiledKnowledgeBase.format, with: "something-else/9")
    do {
      _ = try CompiledKnowledgeBase.decode(foreign)
      Issue.record("a foreign format was read")
    } catch {
      guard case .invalidKnowledgeBase(let diagnostics) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(
        diagnostics.map(\.message) == [
          "the compiled knowledge base is 'something-else/9', expected '\(CompiledKnowledgeBase.format)'"
        ])
    }
  }
}
