import Foundation
import Testing
import TriageKit

@Suite("Bundle manifest")
struct BundleManifestTests {
  static let sample = BundleManifest(
    host: "station-7", label: "branch 7", os: "Linux 6.8.0",
    collectedAt: "2026-12-07T01:15:00+01:00",
    timeZone: "Europe/Berlin", collector: "nettriage collect", nettriageVersion: "0.1.0",
    knowledgeBase: .init(id: "connection-limits", version: "0.4.0", digest: "abc"),
    gateway: "10.0.0.1", targets: ["fileserver:445"],
    files: [.init(name: "census.json", kind: "probe", command: "probe census", status: "ok")],
    skipped: [.init(step: "kernel-log", reason: "permission denied")])

  @Test func roundTripsThroughItsText() throws {
    let text = Self.sample.text
    #expect(text.hasSuffix("}\n"))
    #expect(text.contains("\"collected_at\" : \"2026-12-07T01:15:00+01:00\""))
    let read = try BundleManifest.parse(Data(text.utf8), path: "m.json")
    #expect(read == Self.sample)
  }

  @Test func aManifestWithoutHostNamesTheKey() {
    let text = #"{"schema": "nettriage.bundle/1", "collected_at": "x"}"#
    #expect(
      throws: TriageError.invalidInput(
        "b/manifest.json: missing 'host' (a bundle manifest needs schema, host and collected_at)")
    ) {
      try BundleManifest.parse(Data(text.utf8), path: "b/manifest.json")
    }
  }

  @Test func anotherSchemaIsRefused() {
    let text = #"{"schema": "nettriage.bundle/9", "host": "h", "collected_at": "x"}"#
    #expect(throws: TriageError.self) { try BundleManifest.parse(Data(text.utf8), path: "m") }
  }

  @Test func notJSONIsAClearError() {
    #expect(
      throws: TriageError.invalidInput("m: not JSON (expected a 'nettriage.bundle/1' manifest)")
    ) {
      try BundleManifest.parse(Data("host: x\n".utf8), path: "m")
    }
  }

  @Test(arguments: ["../etc/passwd", "a/b.txt", "..", ".hidden", "c:\\x.txt", ""])
  func fileNamesMustStayInsideTheBundle(_ name: String) {
    var manifest = Self.sample
    manifest.files = [.init(name: name, kind: "netstat", command: nil, status: "ok")]
    #expect(throws: TriageError.self) {
      try BundleManifest.parse(Data(manifest.text.utf8), path: "m")
    }
  }

  @Test func optionalFieldsMayBeAbsent() throws {
    let text =
      #"{"schema": "nettriage.bundle/1", "host": "h", "collected_at": "Tue 12/01/2026 14:03"}"#
    let manifest = try BundleManifest.parse(Data(text.utf8), path: "m")
    #expect(manifest.os == "unknown")
    #expect(manifest.files.isEmpty && manifest.skipped.isEmpty && manifest.targets.isEmpty)
  }
}

@Suite("Bundle layout")
struct BundleLayoutTests {
  @Test func namesGiveTheirKinds() {
    #expect(BundleLayout.kind(ofFileNamed: "netstat-ano.txt") == "netstat")
    #expect(BundleLayout.kind(ofFileNamed: "dynamicport-tcp.txt") == "dynamicport")
    #expect(BundleLayout.kind(ofFileNamed: "nslookup-fileserver.corp.txt") == "nslookup")
    #expect(BundleLayout.kind(ofFileNamed: "dns-fileserver.json") == "probe")
    #expect(BundleLayout.kind(ofFileNamed: "kernel-log.txt") == "kernel-log")
    #expect(BundleLayout.kind(ofFileNamed: "manifest.json") == nil)
    #expect(BundleLayout.kind(ofFileNamed: "notes.txt") == nil)
  }

  @Test func safeNamesKeepLettersDigitsDotsAndDashes() {
    #expect(BundleLayout.safeName("file-server.corp.example") == "file-server.corp.example")
    #expect(BundleLayout.safeName("a/b\\c d:e") == "a_b_c_d_e")
    #expect(BundleLayout.nslookupFile(for: "fs01") == "nslookup-fs01.txt")
  }
}
