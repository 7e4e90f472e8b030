import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// A connection-table fixture (an ``EvidenceFixture`` of `netstat`, `ss` or
/// `get-nettcpconnection`) with the importer that must read it.
struct ConnectionFixture: Sendable, CustomTestStringConvertible {
  let kind: String
  let name: String
  let importerName: String

  var testDescription: String { "\(kind)/\(name)" }

  /// The importer that must read it (and that auto-detection must pick).
  var importer: any EvidenceImporter.Type {
    ConnectionFixture.importers.first { "\($0)" == importerName } ?? WindowsNetstatImporter.self
  }

  /// The file's bytes.
  var bytes: [UInt8] {
    get throws { try EvidenceFixture(folder: kind, name: name).bytes }
  }

  /// The file as evidence text.
  func text(source: String? = nil) throws -> EvidenceText {
    try EvidenceText(bytes: try bytes, source: source ?? name)
  }

  /// The connection-table importers.
  static let importers: [any EvidenceImporter.Type] = [
    WindowsNetstatImporter.self, LinuxNetstatImporter.self, BSDNetstatImporter.self,
    SSImporter.self, GetNetTCPConnectionImporter.self,
  ]

  static let all: [ConnectionFixture] = [
    .init(
      kind: "netstat", name: "windows-10-netstat-an.out", importerName: "WindowsNetstatImporter"),
    .init(
      kind: "netstat", name: "windows-10-netstat-aonb.out", importerName: "WindowsNetstatImporter"),
    .init(
      kind: "netstat", name: "centos-7.7-netstat-sudo-lnp.out", importerName: "LinuxNetstatImporter"
    ),
    .init(kind: "netstat", name: "ubuntu-netstat-aptn.out", importerName: "LinuxNetstatImporter"),
    .init(kind: "netstat", name: "freebsd12-netstat-an.out", importerName: "BSDNetstatImporter"),
    .init(kind: "netstat", name: "osx-10.14.6-netstat-An.out", importerName: "BSDNetstatImporter"),
    .init(kind: "ss", name: "ubuntu-18.04-ss-sudo-tulpen.out", importerName: "SSImporter"),
    .init(kind: "ss", name: "ss-sudo-tulanp.out", importerName: "SSImporter"),
    .init(kind: "ss", name: "ss-tulpan-ens160.out", importerName: "SSImporter"),
    .init(kind: "ss", name: "ss-tnp.out", importerName: "SSImporter"),
    .init(
      kind: "get-nettcpconnection", name: "snowcapcyber-table.out",
      importerName: "GetNetTCPConnectionImporter"),
    .init(
      kind: "get-nettcpconnection", name: "owning-process-table.out",
      importerName: "GetNetTCPConnectionImporter"),
    .init(
      kind: "get-nettcpconnection", name: "state-listen-established-table.out",
      importerName: "GetNetTCPConnectionImporter"),
    .init(
      kind: "get-nettcpconnection", name: "format-list.out",
      importerName: "GetNetTCPConnectionImporter"),
  ]

  /// The fixture called `name`.
  static func named(_ name: String) -> ConnectionFixture {
    all.first { $0.name == name } ?? all[0]
  }

  /// Reads the fixture with its importer.
  func read() throws -> Evidence {
    try importer.read(try text())
  }
}

/// Reads `input` with `importer`, for tests of made-up inputs.
func readConnections(_ input: String, with importer: any EvidenceImporter.Type) throws -> Evidence {
  try importer.read(try EvidenceText(input, source: "test"))
}

/// The error reading `input` gives, or `nil` when it reads.
func connectionError(_ input: String, with importer: any EvidenceImporter.Type) -> EvidenceError? {
  do {
    _ = try readConnections(input, with: importer)
    return nil
  } catch let error as EvidenceError {
    return error
  } catch {
    return nil
  }
}

extension Evidence {
  /// A field of the evidence JSON.
  subscript(field key: String) -> JSONValue? { json[key] }

  /// A `{key: count}` field as a dictionary.
  func counts(_ key: String) -> [String: Int] {
    guard case .object(let pairs)? = json[key] else { return [:] }
    var counts: [String: Int] = [:]
    for pair in pairs { counts[pair.key] = pair.value.intValue }
    return counts
  }

  /// The keys of a `{key: count}` field, in order.
  func keys(_ key: String) -> [String] {
    guard case .object(let pairs)? = json[key] else { return [] }
    return pairs.map(\.key)
  }

  /// A number fact.
  func number(_ name: String) -> Double? {
    if case .number(let value)? = facts[name] { return value }
    return nil
  }
}
