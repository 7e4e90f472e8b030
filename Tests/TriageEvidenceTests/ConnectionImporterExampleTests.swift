import Testing
import TriageKit

@testable import TriageEvidence

/// Replays every connection-table importer's `examples`: each must be read, give the facts it
/// declares, and be recognised as that importer's by auto-detection.
@Suite struct ConnectionImporterExampleTests {
  static let cases: [(importer: String, example: Int)] = ConnectionFixture.importers.flatMap {
    importer in importer.examples.indices.map { ("\(importer)", $0) }
  }

  @Test func everyImporterHasThreeExamples() {
    for importer in ConnectionFixture.importers {
      #expect(importer.examples.count >= 3, "\(importer)")
    }
  }

  @Test(arguments: cases)
  func example(_ importerName: String, _ index: Int) throws {
    let importer = try #require(ConnectionFixture.importers.first { "\($0)" == importerName })
    let example = importer.examples[index]
    let text = try EvidenceText(example.input, source: example.name)
    let evidence = try importer.read(text)
    #expect(evidence.kind == importer.kind)
    for (name, value) in example.facts {
      #expect(evidence.facts[name] == value, "\(example.name): \(name)")
    }
    let detected = try #require(EvidenceImporters.detect(text))
    #expect("\(detected.importer)" == importerName, "\(example.name)")
    #expect(try EvidenceImporters.read(text) == evidence)
  }

  @Test func registryListsEveryConnectionImporter() {
    let registered = EvidenceImporters.all.map { "\($0)" }
    for importer in ConnectionFixture.importers {
      #expect(registered.contains("\(importer)"))
    }
  }
}
