import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// Real pastes (Fixtures/*/*.paste, sources in each SOURCES.md) read with `parse auto`, against the
/// figures in Fixtures/pastes.tsv, which were counted independently with grep and awk.
@Suite struct LenientPasteTests {
  struct Expectation: CustomTestStringConvertible, Sendable {
    let file: String
    let kind: String
    let facts: [(String, String)]
    var testDescription: String { file }
  }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static let expectations: [Expectation] = {
    guard
      let manifest = try? String(
        contentsOf: fixtures.appendingPathComponent("pastes.tsv"), encoding: .utf8)
    else { return [] }
    return manifest.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#") else { return nil }
      let columns = line.split(separator: "\t").map(String.init)
      guard columns.count == 3 else { return nil }
      let facts = columns[2].split(separator: " ").map { pair -> (String, String) in
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
      }
      return Expectation(file: columns[0], kind: columns[1], facts: facts)
    }
  }()

  /// Pastes still read wrong, named so the count stays honest; each says why in its SOURCES.md.
  static let knownMisses: Set<String> = []

  static func read(_ file: String, strict: Bool = false) throws -> Evidence {
    let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent(file)))
    return try EvidenceImporters.read(
      try EvidenceText(bytes: bytes, source: file), strict: strict)
  }

  @Test func manifestListsEveryPaste() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
    var pastes: [String] = []
    for folder in folders {
      let names =
        (try? FileManager.default.contentsOfDirectory(
          atPath: Self.fixtures.appendingPathComponent(folder).path)) ?? []
      pastes += names.filter { $0.hasSuffix(".paste") }.map { "\(folder)/\($0)" }
    }
    #expect(Set(pastes) == Set(Self.expectations.map(\.file)))
    #expect(Self.expectations.count >= 20)
  }

  @Test(arguments: expectations)
  func readsToTheRightFigures(_ expected: Expectation) throws {
    let evidence: Evidence
    do {
      evidence = try Self.read(expected.file)
    } catch {
      // A known miss may be refused outright (nothing of its kind recognised).
      #expect(Self.knownMisses.contains(expected.file), "\(expected.file): \(error)")
      return
    }
    var wrong: [String] = []
    if evidence.kind.rawValue != expected.kind { wrong.append("kind \(evidence.kind.rawValue)") }
    for (name, value) in expected.facts {
      let got = evidence.facts[name]?.display ?? "absent"
      if got != value { wrong.append("\(name) \(got), expected \(value)") }
    }
    if Self.knownMisses.contains(expected.file) {
      #expect(!wrong.isEmpty, "\(expected.file) now reads right: take it off knownMisses")
    } else {
      #expect(wrong.isEmpty, "\(expected.file): \(wrong.joined(separator: "; "))")
    }
  }

  @Test func truncatedMarkerIsSkippedAndTheInputLooksCutOff() throws {
    let evidence = try Self.read("netstat/tailscale-20039-ano-truncated.paste")
    #expect(evidence.skipped.map(\.line) == [8])
    #expect(evidence.skipped.first?.text == "... truncated")
    #expect(evidence.isCutOff)
    #expect(evidence.figures.contains { $0.hasPrefix("1 line skipped (first: line 8") })
    guard case .object(let pairs) = evidence.json else {
      Issue.record("evidence JSON is not an object")
      return
    }
    #expect(pairs.contains { $0.key == "cut_off" && $0.value == .bool(true) })
  }

  @Test func strictReadingRefusesWhatLenientReadingSkips() throws {
    #expect(throws: EvidenceError.self) {
      try Self.read("netstat/tailscale-20039-ano-truncated.paste", strict: true)
    }
    #expect(throws: EvidenceError.self) {
      try Self.read("ipconfig/docksal-1352-all-cut.paste", strict: true)
    }
  }

  @Test func germanNetstatIsNamedAndElisionsCounted() throws {
    let evidence = try Self.read("netstat/netzwerk-analyse-german-an-elided.paste")
    #expect(evidence.language == "German")
    #expect(evidence.skipped.map(\.line) == [10, 52, 86, 105])
    #expect(evidence.figures.contains("read as German output"))
  }

  @Test func cutMidLabelWithoutLineEndLooksCutOff() throws {
    let evidence = try Self.read("ipconfig/docksal-1352-all-cut.paste")
    #expect(evidence.skipped.map(\.line) == [33])
    #expect(evidence.isCutOff)
  }

  @Test func wrappedRowIsRejoined() throws {
    let evidence = try Self.read("netstat/eden-987-prompt-joined-row-wrapped.paste")
    #expect(evidence.rejoinedLines == [6])
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.figures.contains("1 wrapped line re-joined (first: lines 6–7)"))
  }

  @Test func valuesAConsoleWrappedAtEightyColumnsAreJoinedAgain() throws {
    // Real XP pastes: long values cut mid-word at column 80 ('…Cont' / 'roller').
    let english = try Self.read("ipconfig/ubuntuforums-xp-wrapped-80.paste")
    #expect(english.skipped.isEmpty)
    #expect(english.rejoinedLines == [12, 19, 29, 31])
    let german = try Self.read("ipconfig/de-xp-forum-ppp.paste")
    #expect(german.skipped.isEmpty)
    #expect(german.rejoinedLines == [17])
  }

  @Test func translatedPastesAreUnwrappedAtTheWidthsOfTheirOwnLanguage() throws {
    // Real Vista pastes in Italian and Spanish wrapped at 79 columns: the wrapped lines are found
    // before the labels are translated (translation changes the widths).
    let italian = try Self.read("ipconfig/it-ubuntuforums-vista-all-wrapped.paste")
    #expect(italian.skipped.isEmpty)
    #expect(italian.rejoinedLines == [18, 28, 37, 42, 58, 71, 73])
    let spanish = try Self.read("ipconfig/es-ubuntuforums-vista-all-wrapped.paste")
    #expect(spanish.skipped.isEmpty)
    #expect(spanish.rejoinedLines == [15, 24, 26, 31, 45])
  }

  @Test func aCutLastRowIsNotJoinedToTheRowBeforeIt() throws {
    // Rows of 79 columns, the last cut: it starts a row of its own, it does not continue one.
    let evidence = try Self.read("netstat/kippo-173-linux-truncated-hostnames-cut.paste")
    #expect(evidence.rejoinedLines.isEmpty)
    #expect(evidence.skipped.map(\.line) == [18])
    #expect(evidence.isCutOff)
  }

  @Test func nslookupDebugDumpsAreReadForTheirResponseCode() throws {
    // Read as 'ok' before: the dumps' 'name = value' lines were taken for answer records.
    let evidence = try Self.read("nslookup/adguardhome-5651-debug-nxdomain-chinese-cut.paste")
    #expect(evidence.facts["nslookup.status"]?.display == "nxdomain")
    #expect(evidence.skipped.isEmpty)
  }

  @Test func indentedPasteIsReadWithoutItsIndentation() throws {
    let evidence = try Self.read("ss/netdata-2169-indented-ant.paste")
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.format == "linux-ss")
  }
}
