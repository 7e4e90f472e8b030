import Foundation
import Testing

@testable import TriageKit

@Suite struct KnowledgeBaseLinterTests {
  /// `Sources/TriageKit/Linting/Checks`, found from this file's place in the package.
  private static var checksFolder: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Linting
      .deletingLastPathComponent()  // TriageKitTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // the package
      .appendingPathComponent("Sources/TriageKit/Linting/Checks")
  }

  @Test func registryListsEveryCheckInTheChecksFolder() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.checksFolder.path)
    let sourceTypes = Set(
      names.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(".swift".count)) })
    #expect(sourceTypes.count >= 5, "found \(sourceTypes.sorted()) in \(Self.checksFolder.path)")
    let registered = KnowledgeBaseLinter.checks.map { String(describing: type(of: $0)) }
    #expect(Set(registered) == sourceTypes, "register every check in KnowledgeBaseLinter.checks")
    #expect(registered.count == Set(registered).count, "a check is registered twice")
  }

  @Test func everyFileInTheChecksFolderDeclaresTheCheckItIsNamedAfter() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.checksFolder.path)
    for name in names where name.hasSuffix(".swift") {
      let type = String(name.dropLast(".swift".count))
      let text = try String(
        contentsOf: Self.checksFolder.appendingPathComponent(name), encoding: .utf8)
      #expect(text.contains("struct \(type): LintCheck"), "\(name) should declare \(type)")
    }
  }

  @Test func checkNamesAreUniqueKebabCase() {
    let names = KnowledgeBaseLinter.checks.map(\.name)
    #expect(names.count == Set(names).count)
    for name in names {
      #expect(KnowledgeBaseLoader.isKebabCase(name), "'\(name)'")
    }
  }

  @Test func cleanKnowledgeBaseLintsClean() throws {
    #expect(KnowledgeBaseLinter.lint(try TestKnowledgeBase.load()).isEmpty)
  }

  @Test func diagnosticsOfAllChecksAreSortedByPlace() throws {
    var files = TestKnowledgeBase.files
    files[1].contents = files[1].contents
      .replacingOccurrences(
        of: "next: station-name\n    unknown:", with: "next: station-nam\n    unknown:"
      )
      .replacingOccurrences(of: "limits {{station-name|the station}}", with: "limits {{port}}")
    files[2].contents = files[2].contents.replacingOccurrences(
      of: "plan: [get-approval, fix-dns]", with: "plan: []")
    let (loaded, diagnostics) = KnowledgeBaseLoader.load(files, root: "kb")
    #expect(diagnostics.isEmpty)
    let kb = try #require(loaded)
    #expect(
      KnowledgeBaseLinter.lint(kb).map(\.description) == [
        "kb/causes.yaml:7:5: warning: cause 'dns-outage' has an empty plan",
        "kb/nodes.yaml:54:11: error: unknown node 'station-nam' (did you mean 'station-name'?)",
        "kb/nodes.yaml:84:5: error: '{{port}}' in conclusion 'rate-limit-found' may have no value when shown: give it a wording for that ('{{port|…}}') or a 'when:' that requires it",
        "kb/nodes.yaml:84:5: error: conclusion 'rate-limit-found' uses fact 'port', which no question or computed fact sets",
      ])
  }
}
