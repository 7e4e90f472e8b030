import Foundation
import Testing
import TriageKit

@testable import TriageProbes

/// The probe registry is complete, each probe's declaration is sound, and a probe step's
/// arguments are checked against it before a probe is built.
@Suite struct ProbeRegistryTests {
  /// `Sources/TriageProbes/Probes`, found from this file's place in the package.
  static let probesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/TriageProbes/Probes")

  static let names = ProbeRegistry.registered.map { "\($0)" }

  @Test func registryListsEveryFileInTheProbesFolder() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.probesFolder.path)
    let types = Set(files.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) })
    #expect(types.count >= 6, "found \(types.sorted()) in \(Self.probesFolder.path)")
    for type in types.subtracting(Self.names).sorted() {
      Issue.record("probe '\(type)' is not registered: add it to ProbeRegistry.registered")
    }
    for type in Set(Self.names).subtracting(types).sorted() {
      Issue.record("registered probe '\(type)' has no file Probes/\(type).swift")
    }
    #expect(Self.names.count == Set(Self.names).count, "a probe is registered twice")
  }

  @Test func everyDeclarationIsNamedAfterItsProbeAndDeclaresFacts() {
    for probe in ProbeRegistry.registered {
      #expect(probe.declaration.name == probe.name, "\(probe): declaration of another name")
      #expect(!probe.declaration.facts.isEmpty, "\(probe) declares no facts")
      let arguments = probe.declaration.arguments.map(\.name)
      #expect(arguments.count == Set(arguments).count, "\(probe): an argument declared twice")
      for fact in probe.declaration.facts {
        #expect(fact.name.contains("."), "\(probe): fact '\(fact.name)' has no namespace")
      }
    }
    let vocabulary = Vocabulary(sources: [], probes: ProbeRegistry.declarations)
    #expect(vocabulary.conflicts.isEmpty, "\(vocabulary.conflicts)")
  }

  @Test func anUnknownProbeIsRefusedWithTheNearestName() {
    guard case .failure(let error) = ProbeRegistry.make("fanuot", arguments: [:]) else {
      Issue.record("built an unknown probe")
      return
    }
    #expect(error.message == "unknown probe 'fanuot' (did you mean 'fanout'?)")
  }

  @Test func anArgumentOfTheWrongTypeIsRefusedByName() {
    let result = ProbeRegistry.make("dns", arguments: ["name": "fileserver", "timeout": "soon"])
    guard case .failure(let error) = result else {
      Issue.record("built a dns probe with timeout 'soon'")
      return
    }
    #expect(error.message == "argument 'timeout' of probe 'dns' must be a number, found 'soon'")
  }

  @Test func aMissingOrUnknownArgumentIsRefused() {
    guard case .failure(let missing) = ProbeRegistry.make("connect", arguments: [:]) else {
      Issue.record("built a connect probe without a target")
      return
    }
    #expect(
      missing.message == "probe 'connect' needs the argument 'target' (the host:port to connect to)"
    )
    let misspelt = ProbeRegistry.make("connect", arguments: ["target": "fs:445", "timeuot": "2"])
    guard case .failure(let unknown) = misspelt else {
      Issue.record("built a connect probe with 'timeuot'")
      return
    }
    #expect(
      unknown.message == "probe 'connect' takes no argument 'timeuot' (did you mean 'timeout'?)")
  }

  @Test func argumentsBuildTheProbeTheyDescribe() throws {
    let built = try ProbeRegistry.make(
      "connect", arguments: ["target": "127.0.0.1:445", "timeout": "2", "source": "127.0.0.2"]
    ).get()
    let connect = try #require(built as? ConnectProbe)
    #expect(connect.timeout == 2)
    #expect(connect.source == "127.0.0.2")
    let dns = try #require(
      try ProbeRegistry.make("dns", arguments: ["name": "fs"]).get() as? DNSProbe)
    #expect(dns.lookupName == "fs")
    #expect(dns.timeout == DNSProbe.defaultTimeout)
  }

  @Test func aTargetsFileThatCannotBeReadIsTheProbesOwnRefusal() {
    let result = ProbeRegistry.make("fanout", arguments: ["targets": "/nonexistent/targets.txt"])
    guard case .failure(let error) = result else {
      Issue.record("built a fanout probe over a missing file")
      return
    }
    #expect(error.message.contains("/nonexistent/targets.txt"))
  }
}
