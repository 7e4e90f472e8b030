import Testing

@testable import TriageKit

@Suite struct ProbeArgumentCheckTests {
  static func knowledgeBase(arguments: String) -> (KnowledgeBase?, [Diagnostic]) {
    let text = """
      nettriage: knowledge-base/1
      id: single
      version: 1.0.0
      title: Single-file knowledge base
      start: wait
      nodes:
        - { id: wait, kind: question, type: yes-no, ask: A?, why: W, next: look }
        - id: look
          kind: probe
          probe: dns
          arguments: \(arguments)
          why: W
          consent: C
          next: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """
    return KnowledgeBaseLoader.load(
      [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "kb",
      vocabulary: TestVocabulary.standard)
  }

  /// The check's diagnostics as `file:line:column: error: …`.
  static func found(_ kb: KnowledgeBase) -> [String] {
    let found = ProbeArgumentCheck().check(kb).map(\.description)
    return found
  }

  @Test func argumentsAsDeclaredPass() throws {
    let (kb, diagnostics) = Self.knowledgeBase(arguments: "{ name: fileserver, timeout: 2 }")
    #expect(diagnostics.isEmpty)
    #expect(ProbeArgumentCheck().check(try #require(kb)).isEmpty)
  }

  @Test func aLiteralOfTheWrongTypeIsAnError() throws {
    let (kb, _) = Self.knowledgeBase(arguments: "{ name: fileserver, timeout: soon }")
    #expect(
      Self.found(try #require(kb)) == [
        "kb/knowledge-base.yaml:8:5: error: probe step 'look': argument 'timeout' of probe 'dns' must be a number, found 'soon'"
      ])
  }

  @Test func aTemplateOfAFactOfTheWrongTypeIsAnError() throws {
    let (kb, _) = Self.knowledgeBase(arguments: "{ name: fileserver, timeout: \"{{wait}}\" }")
    #expect(
      Self.found(try #require(kb)) == [
        "kb/knowledge-base.yaml:8:5: error: probe step 'look': argument 'timeout' of probe 'dns' must be a number, but fact 'wait' is yes-no"
      ])
  }

  @Test func unknownAndMissingArgumentsAreErrors() throws {
    let (kb, _) = Self.knowledgeBase(arguments: "{ nmae: fileserver }")
    #expect(
      Self.found(try #require(kb)) == [
        "kb/knowledge-base.yaml:8:5: error: probe step 'look': probe 'dns' takes no argument 'nmae' (did you mean 'name'?)",
        "kb/knowledge-base.yaml:8:5: error: probe step 'look': probe 'dns' needs the argument 'name' (the name to look up)",
      ])
  }

  @Test func anUnknownProbeIsALoadErrorWithTheNearestName() {
    let text = """
      nettriage: knowledge-base/1
      id: single
      version: 1.0.0
      title: T
      start: look
      nodes:
        - { id: look, kind: probe, probe: conect, why: W, consent: C, next: done }
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """
    let (_, diagnostics) = KnowledgeBaseLoader.load(
      [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "kb",
      vocabulary: TestVocabulary.standard)
    #expect(
      diagnostics.map(\.description) == [
        "kb/knowledge-base.yaml:7:37: error: unknown probe 'conect' in node 'look' (did you mean 'connect'?)"
      ])
  }
}
