import Testing

@testable import TriageKit

@Suite struct VocabularyTests {
  @Test func exactNamesAndFamiliesAreDeclared() {
    let vocabulary = TestVocabulary.standard
    #expect(vocabulary.declares("tcp.syn-sent"))
    #expect(vocabulary.declares("isa.0xc0040037"))
    #expect(vocabulary.declares("isa.10060"))
    #expect(!vocabulary.declares("tcp.syn-snet"))
    #expect(
      !vocabulary.declares("isa.records"), "a family only takes words that begin with a digit")
    #expect(!vocabulary.declares("isa.0xC0040037"), "facts are lowercase")
    #expect(vocabulary.declaration(of: "probe.connect.connected")?.type == .yesNo)
  }

  @Test func aMisspeltNameGetsTheNearestDeclaredOne() {
    #expect(TestVocabulary.standard.suggestion(for: "tcp.syn-snet") == "tcp.syn-sent")
    #expect(TestVocabulary.standard.suggestion(for: "tcp.time-wiat") == "tcp.time-wait")
  }

  @Test func sourcesOfOneFactAreJoinedAndConflictingTypesReported() {
    let count = FactDeclaration("x.count", .number, "a count")
    let vocabulary = Vocabulary(
      sources: [("a", [count]), ("b", [count, FactDeclaration("x.flag", .yesNo, "a flag")])],
      probes: [ProbeDeclaration("p", facts: [FactDeclaration("x.count", .text, "a text")])])
    #expect(vocabulary.entries.map(\.declaration.name) == ["x.count", "x.flag"])
    #expect(vocabulary.entries[0].sources == ["a", "b", "p probe"])
    #expect(vocabulary.conflicts == ["'x.count' is number for a but text for p probe"])
  }

  @Test func theFactsTableListsEveryFactWithItsSources() {
    let vocabulary = Vocabulary(
      sources: [
        ("netstat", [FactDeclaration("tcp.connections", .number, unit: "connections", "a | b")])
      ],
      probes: [
        ProbeDeclaration("census", facts: [FactDeclaration("tcp.connections", .number, "c")])
      ]
    )
    #expect(
      vocabulary.markdownTable == """
        | fact | type | unit | from | meaning |
        |---|---|---|---|---|
        | `tcp.connections` | number | connections | netstat, census probe | a \\| b |

        """)
  }

  @Test func factTypesAdmitTheirValuesAndUnknown() {
    #expect(FactType.number.admits(.number(3)))
    #expect(!FactType.number.admits(.string("3")))
    #expect(FactType.yesNo.admits(.unknown))
    #expect(FactType(of: .bool(true)) == .yesNo)
    #expect(FactType(of: .unknown) == nil)
  }
}
