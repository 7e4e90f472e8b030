import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// The registry is complete, and every registered importer keeps its word: its examples read, give
/// their facts and only facts it declares, are detected as its own; no importer claims another
/// kind's real output.
@Suite struct ImporterRegistryTests {
  /// `Sources/TriageEvidence/Importers`, found from this file's place in the package.
  static let importersFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/TriageEvidence/Importers")

  /// The importers' type names, in registry order.
  static let names = EvidenceImporters.all.map { "\($0)" }

  static func importer(_ name: String) throws -> any EvidenceImporter.Type {
    try #require(EvidenceImporters.all.first { "\($0)" == name }, "no importer '\(name)'")
  }

  @Test func registryListsEveryFileInTheImportersFolder() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.importersFolder.path)
    let types = Set(files.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) })
    #expect(types.count >= 10, "found \(types.sorted()) in \(Self.importersFolder.path)")
    for type in types.subtracting(Self.names).sorted() {
      Issue.record("importer '\(type)' is not registered: add it to EvidenceImporters.registered")
    }
    for type in Set(Self.names).subtracting(types).sorted() {
      Issue.record("registered importer '\(type)' has no file Importers/\(type).swift")
    }
    #expect(Self.names.count == Set(Self.names).count, "an importer is registered twice")
  }

  @Test(arguments: EvidenceKind.allCases)
  func everyKindHasAnImporter(_ kind: EvidenceKind) {
    #expect(
      !EvidenceImporters.importers(of: kind).isEmpty,
      "evidence kind '\(kind.rawValue)' has no importer: register one in EvidenceImporters.registered"
    )
  }

  @Test(arguments: names)
  func examplesGiveTheirFactsAndAreDetected(_ name: String) throws {
    let importer = try Self.importer(name)
    #expect(importer.examples.count >= 3, "\(name) has fewer than 3 examples")
    for example in importer.examples {
      let text = try EvidenceText(example.input, source: example.name)
      let evidence = try importer.read(text)
      #expect(evidence.kind == importer.kind, "\(name): \(example.name)")
      for (fact, value) in example.facts.sorted(by: { $0.key < $1.key }) {
        #expect(evidence.facts[fact] == value, "\(name): \(example.name): \(fact)")
      }
      #expect(!evidence.figures.isEmpty, "\(name): \(example.name): no figures")
      let detected = EvidenceImporters.detect(text).map { "\($0.importer)" }
      #expect(detected == name, "\(name): \(example.name): detected as \(detected ?? "nothing")")
      #expect(try EvidenceImporters.read(text) == evidence, "\(name): \(example.name)")
    }
  }

  @Test(arguments: names)
  func examplesGiveOnlyDeclaredFacts(_ name: String) throws {
    let importer = try Self.importer(name)
    let declared = Vocabulary(sources: [(name, importer.facts)], probes: [])
    #expect(!importer.facts.isEmpty, "\(name) declares no facts")
    for example in importer.examples {
      let evidence = try importer.read(try EvidenceText(example.input, source: example.name))
      for (fact, value) in evidence.facts.sorted(by: { $0.key < $1.key }) {
        guard let declaration = declared.declaration(of: fact) else {
          Issue.record(
            "\(name): \(example.name) gives fact '\(fact)', which \(name).facts does not declare")
          continue
        }
        #expect(
          declaration.type.admits(value),
          "\(name): fact '\(fact)' is declared \(declaration.type.rawValue) but is '\(value.display)'"
        )
      }
      for (fact, _) in example.facts where declared.declaration(of: fact) == nil {
        Issue.record("\(name): example '\(example.name)' expects undeclared fact '\(fact)'")
      }
    }
  }

  @Test func everyFixtureFolderHasAKind() {
    for folder in EvidenceFixture.folders where EvidenceFixture.kinds[folder] == nil {
      Issue.record("fixture folder '\(folder)' has no kind in EvidenceFixture.kinds")
    }
  }

  @Test(arguments: EvidenceFixture.all)
  func fixtureIsClaimedOnlyByItsKind(_ fixture: EvidenceFixture) throws {
    let kind = try #require(fixture.kind, "fixture folder '\(fixture.folder)' has no kind")
    let text = try fixture.text()
    let detected = try #require(EvidenceImporters.detect(text), "nothing detects \(fixture)")
    #expect(
      detected.importer.kind == kind,
      "\(fixture) is \(kind.rawValue) but \(detected.importer) claims it")
    for importer in EvidenceImporters.all where importer.kind != kind {
      let score = importer.recognition(of: text)
      #expect(
        score < ImporterChecks.otherKindCeiling && score < detected.score,
        "\(importer) scores \(score) on \(fixture), a \(kind.rawValue) output")
    }
  }
}
