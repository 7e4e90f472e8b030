import Foundation
import Testing
import TriageEvidence
import TriageKit

@Suite("Evidence bundle reader")
struct EvidenceBundleTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/bundle-windows")

  static func facts(_ bundle: EvidenceBundle) -> [String: FactValue] {
    Session.facts(initial: [:], observations: bundle.observations).mapValues(\.value)
  }

  @Test func readsTheWindowsPortExhaustionBundleEndToEnd() throws {
    let bundle = try EvidenceBundle.read(
      folder: Self.fixtures.appendingPathComponent("port-exhaustion"))
    #expect(bundle.problems.isEmpty, "\(bundle.problems)")
    #expect(bundle.manifest?.host == "WIN7-STATION")
    // Every file of the folder but the manifest is an entry, and each was read.
    let files = try FileManager.default.contentsOfDirectory(
      atPath: Self.fixtures.appendingPathComponent("port-exhaustion").path
    ).filter { $0 != "manifest.json" }
    #expect(Set(bundle.entries.map(\.file)) == Set(files))
    #expect(bundle.entries.allSatisfy { $0.observation != nil })
    // Labels name the bundle and the file.
    #expect(bundle.observations.map(\.label).contains("port-exhaustion/netstat-ano.txt"))
    let facts = Self.facts(bundle)
    // Counted with grep: 1600 TIME_WAIT rows, 2 events 4231, 1 event 4227.
    #expect(facts["tcp.time-wait"] == .number(1600))
    #expect(facts["event.4231"] == .number(2))
    #expect(facts["event.4227"] == .number(1))
    #expect(facts["limits.port-range-low"] == .number(49152))
    #expect(facts["limits.port-range-size"] == .number(16384))
    #expect(facts["station.host"] == .string("WIN7-STATION"))
    #expect(facts["station.label"] == .string("branch-7"))
    #expect(facts["station.gateway"] == .string("192.168.22.1"))
    #expect(facts["nslookup.status"] == .string("ok"))
  }

  @Test func readsTheHealthyRealBundleWithAnEmptyEventQuery() throws {
    let bundle = try EvidenceBundle.read(
      folder: Self.fixtures.appendingPathComponent("healthy-real"))
    #expect(bundle.problems.isEmpty, "\(bundle.problems)")
    let facts = Self.facts(bundle)
    #expect(facts["event.4226"] == .number(0) && facts["event.4231"] == .number(0))
    #expect(facts["limits.port-range-low"] == .number(1024))
    #expect(facts["limits.port-range-high"] == .number(65534))
    // ipconfig's gateway wins over route print's (a different machine in the fixtures).
    #expect(facts["station.gateway"] == .string("10.50.13.1"))
    let station = try #require(bundle.observations.first)
    #expect(station.kind == "bundle")
    #expect(station.figures.contains("skipped get-nettcpconnection: no PowerShell on this station"))
  }

  @Test func anUnreadableFileIsReportedAndTheRestRead() throws {
    let folder = try Self.copy("port-exhaustion")
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("this is not a route table\n".utf8).write(
      to: folder.appendingPathComponent("route-print.txt"))
    try Data([0x00, 0xFF, 0x13, 0x37]).write(to: folder.appendingPathComponent("extra.bin"))
    let bundle = try EvidenceBundle.read(folder: folder, name: "b")
    #expect(bundle.problems.count == 2, "\(bundle.problems)")
    #expect(bundle.problems.contains { $0.hasPrefix("b/route-print.txt") })
    #expect(bundle.problems.contains { $0.hasPrefix("b/extra.bin") })
    #expect(bundle.entries.filter { $0.observation != nil }.count == 5)
    let station = try #require(bundle.observations.first)
    #expect(station.figures.contains { $0.hasPrefix("not read: b/route-print.txt") })
  }

  @Test func aSymbolicLinkIsNotFollowed() throws {
    let folder = try Self.copy("port-exhaustion")
    defer { try? FileManager.default.removeItem(at: folder) }
    let netstat = folder.appendingPathComponent("netstat-ano.txt")
    try FileManager.default.removeItem(at: netstat)
    try FileManager.default.createSymbolicLink(
      atPath: netstat.path, withDestinationPath: "/etc/hostname")
    let bundle = try EvidenceBundle.read(folder: folder, name: "b")
    #expect(
      bundle.problems == ["b/netstat-ano.txt: a symbolic link; a bundle holds plain files only"])
  }

  @Test func withoutAManifestFilesAreReadByName() throws {
    let folder = try Self.copy("port-exhaustion")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("manifest.json"))
    let bundle = try EvidenceBundle.read(folder: folder, name: "b")
    #expect(bundle.manifest == nil)
    #expect(bundle.notes.count == 1)
    #expect(bundle.entries.allSatisfy { $0.observation != nil })
    #expect(Self.facts(bundle)["station.host"] == nil)
  }

  @Test func aManifestEntryWhoseFileIsMissingIsReported() throws {
    let folder = try Self.copy("port-exhaustion")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("netstat-ano.txt"))
    let bundle = try EvidenceBundle.read(folder: folder, name: "b")
    #expect(bundle.problems == ["b/netstat-ano.txt: listed in the manifest but missing"])
  }

  @Test func aFolderWithNothingReadableIsAnError() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bundle-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("garbage\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    #expect(throws: EvidenceError.self) { try EvidenceBundle.read(folder: folder) }
  }

  @Test func anArchiveFolderWithOneSubfolderIsDescended() throws {
    let outer = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bundle-outer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outer, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outer) }
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("healthy-real"),
      to: outer.appendingPathComponent("healthy-real"))
    let bundle = try EvidenceBundle.read(folder: outer)
    #expect(bundle.name == "healthy-real" && bundle.manifest != nil)
  }

  static func copy(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bundle-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder)
    return folder
  }
}
