import Testing

@testable import TriageKit

@Suite struct UnknownFactCheckTests {
  @Test func cleanKnowledgeBaseUsesOnlyKnownFacts() throws {
    #expect(UnknownFactCheck().check(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func factsSetUnderAnotherNameCount() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: first, kind: question, type: text, fact: shared-name, ask: A?, why: W, next: check }
        - id: check
          kind: decision
          branches:
            - { when: known(shared-name) and shared-name != "x", next: done }
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: "{{ shared-name }}", text: T }
      """, start: "first")
    #expect(UnknownFactCheck().check(kb).isEmpty)
  }

  @Test func conditionUsingAFactNoQuestionSets() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: hosts, kind: question, type: number, ask: A?, why: W, next: check }
        - id: check
          kind: decision
          branches:
            - when: hots >= 300 or firewall-log
              next: done
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
      """, start: "hosts")
    #expect(
      UnknownFactCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:12:15: error: condition 'hots >= 300 or firewall-log' uses fact 'firewall-log', which no question or computed fact sets",
        "kb/knowledge-base.yaml:12:15: error: condition 'hots >= 300 or firewall-log' uses fact 'hots', which no question or computed fact sets (did you mean 'hosts'?)",
      ])
  }

  @Test func templatesUsingAFactNoQuestionSets() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: station, kind: question, type: text, ask: "Is {{statoin}} up?", why: W, next: done }
        - id: done
          kind: conclusion
          outcome: diagnosed
          title: "{{station}} is limited"
          text: "{{ stations }} and {{ station }}"
          causes: [limit]
      causes:
        - { id: limit, title: T, summary: "{{ port }}", plan: [step] }
      steps:
        - { id: step, title: T, text: T, risk: low, permission: P, verify: "{{ver}}", rollback: R }
      """, start: "station")
    #expect(
      UnknownFactCheck().check(kb).map(\.description) == [
        "kb/knowledge-base.yaml:7:5: error: question 'station' uses fact 'statoin', which no question or computed fact sets (did you mean 'station'?)",
        "kb/knowledge-base.yaml:8:5: error: conclusion 'done' uses fact 'stations', which no question or computed fact sets (did you mean 'station'?)",
        "kb/knowledge-base.yaml:15:5: error: cause 'limit' uses fact 'port', which no question or computed fact sets",
        "kb/knowledge-base.yaml:17:5: error: step 'step' uses fact 'ver', which no question or computed fact sets",
      ])
  }

  /// The check's diagnostics as `file:line:column: error: …`.
  static func found(_ kb: KnowledgeBase) -> [String] {
    let found = UnknownFactCheck().check(kb).map(\.description)
    return found
  }

  @Test func aMisspeltEvidenceFactIsNamedWithTheDeclaredOne() throws {
    let text = """
      nettriage: knowledge-base/1
      id: single
      version: 1.0.0
      title: T
      start: check
      nodes:
        - id: check
          kind: decision
          branches:
            - { when: tcp.syn-snet > 12 or isa.0xc0040037 > 0 or tcp.time-wait > 0, next: done }
          otherwise: done
        - { id: done, kind: conclusion, outcome: inconclusive, title: "{{probe.connect.conected}}", text: T }
      """
    let (loaded, diagnostics) = KnowledgeBaseLoader.load(
      [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "kb",
      vocabulary: TestVocabulary.standard)
    #expect(diagnostics.isEmpty)
    #expect(
      Self.found(try #require(loaded)) == [
        "kb/knowledge-base.yaml:10:85: error: condition 'tcp.syn-snet > 12 or isa.0xc0040037 > 0 or tcp.time-wait > 0' uses fact 'tcp.syn-snet', which no evidence importer or probe declares (did you mean 'tcp.syn-sent'?)",
        "kb/knowledge-base.yaml:12:5: error: conclusion 'done' uses fact 'probe.connect.conected', which no evidence importer or probe declares (did you mean 'probe.connect.connected'?)",
      ])
  }

  @Test func withoutAVocabularyNamespacedFactsAreNotChecked() throws {
    let kb = try TestKnowledgeBase.loadSingleFile(
      """
      nodes:
        - { id: done, kind: conclusion, outcome: inconclusive, title: "{{tcp.syn-snet}}", text: T }
      """, start: "done")
    #expect(kb.vocabulary == nil)
    #expect(UnknownFactCheck().check(kb).isEmpty)
  }
}
