import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct LenientReadingTests {
  @Test(arguments: [
    "...", "…", "[...]", "... truncated ...", "(output truncated)", "<snip>", "-- snip --",
    "[ 1200 more lines ]", "truncated", "    ...      ",
  ])
  func pasteMarkers(_ line: String) {
    #expect(PasteMarker.isMarker(Bytes.trim(ArraySlice(line.utf8))))
  }

  @Test(arguments: [
    "---- ----", "=====", "#Fields: date time", "  TCP    10.0.0.5:1  10.0.0.9:445  SYN_SENT",
    "The connection was truncated by the peer", "   IPv4 Address. . . : 10.0.0.5", "",
  ])
  func notPasteMarkers(_ line: String) {
    #expect(!PasteMarker.isMarker(Bytes.trim(ArraySlice(line.utf8))))
  }

  @Test func foreignLinesInTheMiddleAreSkippedWithTheirNumbers() throws {
    let text = try EvidenceText(
      """
        TCP    10.0.0.5:50100         10.0.0.20:445          SYN_SENT
      <BR/>
        TCP    10.0.0.5:50101         10.0.0.21:445          SYN_SENT
        TCP    10.0.0.5:50102         10.0.0.22:445          SYN_SENT   2212 (hung?)
        TCP    10.0.0.5:50103         10.0.0.23:445          SYN_SENT
      """)
    let evidence = try EvidenceImporters.read(text, as: .netstat)
    // Line 4's note after its PID does not cost the row (a real paste has one): only line 2 is
    // skipped.
    #expect(evidence.facts["tcp.syn-sent"] == .number(4))
    #expect(evidence.skipped.map(\.line) == [2])
    #expect(!evidence.isCutOff)
    #expect(throws: EvidenceError.self) { try EvidenceImporters.read(text, strict: true) }
  }

  @Test func anotherOutputAppendedIsSkippedNotCountedAsCutOff() throws {
    var lines = ["Active Connections", "", "  Proto  Local Address  Foreign Address  State"]
    lines += (1...3).map { "  TCP    10.0.0.5:5010\($0)  10.0.0.2\($0):445  ESTABLISHED" }
    lines += ["", "Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName"]
    lines += (1...30).map {
      "    \($0 + 100)       7     1234       5678       0.02   \($0)   0 svchost"
    }
    let evidence = try EvidenceImporters.read(try EvidenceText(lines.joined(separator: "\n")))
    #expect(evidence.facts["tcp.established"] == .number(3))
    #expect(evidence.skippedLineCount == 31)
    #expect(!evidence.isCutOff)
  }

  @Test func nothingOfTheKindIsStillAnError() throws {
    let text = try EvidenceText("hello\nthis is not netstat\n")
    #expect(throws: EvidenceError.self) { try EvidenceImporters.read(text, as: .netstat) }
  }

  @Test func commonIndentation() throws {
    #expect(
      LenientReading.commonIndentation(of: try EvidenceText("    a\n      b\n\n    c\n")) == 4)
    #expect(LenientReading.commonIndentation(of: try EvidenceText("\ta\n\tb\n")) == 1)
    #expect(LenientReading.commonIndentation(of: try EvidenceText("  a\nb\n")) == 0)
  }

  @Test func unsupportedLanguageIsStillRefused() throws {
    let text = try EvidenceText("\nActieve verbindingen\n\n  Proto  Lokaal adres\n")
    do {
      _ = try EvidenceImporters.read(text)
      Issue.record("read a Dutch netstat without a translation table")
    } catch {
      #expect(error.reason == .unsupportedLanguage)
    }
  }

  @Test func newKindsReplayTheirExamples() throws {
    let importers: [any EvidenceImporter.Type] = [
      KernelLogImporter.self, SysctlImporter.self, UlimitImporter.self, DynamicPortImporter.self,
    ]
    for importer in importers {
      for example in importer.examples {
        let evidence = try importer.read(try EvidenceText(example.input))
        for (name, value) in example.facts {
          #expect(evidence.facts[name] == value, "\(importer) '\(example.name)': \(name)")
        }
        #expect(
          EvidenceImporters.detect(try EvidenceText(example.input)).map { "\($0.importer)" }
            == "\(importer)", "\(importer) '\(example.name)' is detected")
      }
    }
  }
}
