import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// A real output saved under `Fixtures/<folder>/` (see the SOURCES.md there): every file of every
/// folder, so a new fixture is run past every importer without being listed anywhere.
struct EvidenceFixture: Sendable, Hashable, CustomTestStringConvertible {
  /// The folder: a kind (`netstat`, `ipconfig`) or a format of one (`event-csv`, `isa-w3c`).
  let folder: String
  /// The file name.
  let name: String

  var testDescription: String { "\(folder)/\(name)" }

  /// `Fixtures/`, found from this source file's path so tests run from any directory.
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The kind of evidence each folder holds.
  static let kinds: [String: EvidenceKind] = [
    "netstat": .netstat, "ss": .ss, "get-nettcpconnection": .getNetTCPConnection,
    "ipconfig": .ipconfig, "nslookup": .nslookup, "net-use": .netUse,
    "test-netconnection": .testNetConnection, "route-print": .routePrint,
    "event-csv": .eventlog, "event-xml": .eventlog, "eventviewer-text": .eventlog,
    "get-winevent-list": .eventlog, "get-winevent-table": .eventlog, "wevtutil-text": .eventlog,
    "isa-text": .isaLog, "isa-w3c": .isaLog, "event-lines": .eventlog,
    "kernel-log": .kernelLog, "sysctl": .sysctl, "ulimit": .ulimit, "dynamic-port": .dynamicPort,
  ]

  /// Folders that hold something other than one kind's outputs: whole evidence bundles, read by
  /// the bundle reader's tests.
  static let otherFolders: Set<String> = ["bundle-windows"]

  /// The folders under `Fixtures/`, sorted.
  static var folders: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { name in
      var isFolder: ObjCBool = false
      let path = directory.appendingPathComponent(name).path
      return !name.hasPrefix(".") && !otherFolders.contains(name)
        && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        && isFolder.boolValue
    }.sorted()
  }

  /// Every fixture of every folder (SOURCES.md aside), sorted. Real pastes as people send them
  /// (`*.paste`: cut, prompts, other languages) are graded by the lenient-reading tests against
  /// `pastes.tsv`, not held to a clean output's checks here.
  static let all: [EvidenceFixture] = folders.flatMap { folder in
    let path = directory.appendingPathComponent(folder).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0 != "SOURCES.md" && !$0.hasPrefix(".") && !$0.hasSuffix(".paste") }
      .sorted().map {
        EvidenceFixture(folder: folder, name: $0)
      }
  }

  /// The fixtures of one folder.
  static func files(in folder: String) -> [EvidenceFixture] {
    all.filter { $0.folder == folder }
  }

  /// The fixture `folder/name`.
  init(folder: String, name: String) {
    self.folder = folder
    self.name = name
  }

  /// The fixture at `path` (`folder/name`).
  init(_ path: String) {
    let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
    self.init(folder: parts[0], name: parts.count > 1 ? parts[1] : "")
  }

  /// The kind of its folder; `nil` for a folder ``kinds`` does not know.
  var kind: EvidenceKind? { Self.kinds[folder] }

  /// The file's bytes.
  var bytes: [UInt8] {
    get throws {
      Array(
        try Data(
          contentsOf: Self.directory.appendingPathComponent(folder).appendingPathComponent(name)))
    }
  }

  /// The file as evidence text.
  func text(source: String? = nil) throws -> EvidenceText {
    try EvidenceText(bytes: try bytes, source: source ?? name)
  }
}
