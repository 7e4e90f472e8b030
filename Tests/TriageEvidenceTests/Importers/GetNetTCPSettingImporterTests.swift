import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct GetNetTCPSettingImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: GetNetTCPSettingImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = GetNetTCPSettingImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try GetNetTCPSettingImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == GetNetTCPSettingImporter.self)
  }

  /// The real server output (ETWAnalyzer's documentation): the Internet profile gives the facts,
  /// figures counted by hand (49152 + 16358 − 1 = 65509).
  @Test func internetProfileOfARealServer() throws {
    let evidence = try EvidenceImporters.read(
      try Checks.text("dynamic-port/etwanalyzer-get-nettcpsetting-elided.paste"))
    #expect(evidence.format == "get-nettcpsetting")
    #expect(evidence.json["profile"] == "Internet")
    #expect(evidence.json["end_port"] == 65509)
    #expect(evidence.facts["tcp-setting.min-rto"] == .number(300))
    #expect(evidence.facts["tcp-setting.initial-rto"] == .number(1000))
    // The author's two `...` lines are set aside, nothing else.
    #expect(evidence.skipped.map(\.line) == [5, 54])
    #expect(evidence.figures.contains("Internet dynamic ports 49152–65509 (16,358)"))
  }

  @Test func cutPasteAfterAnotherCommandKeepsWhatItHas() throws {
    let evidence = try EvidenceImporters.read(
      try Checks.text("dynamic-port/iperf-1069-after-get-netadapter-cut.paste"))
    #expect(evidence.json["profile"] == "InternetCustom")
    #expect(evidence.facts["limits.port-range-low"] == nil)
    #expect(evidence.isCutOff)
    #expect(evidence.skipped.map(\.line) == [1, 45])
  }

  @Test func strictReadingRefusesTheCutLine() {
    #expect(throws: EvidenceError.self) {
      try EvidenceImporters.read(
        try Checks.text("dynamic-port/iperf-1069-after-get-netadapter-cut.paste"), strict: true)
    }
  }

  @Test func garbledValueNamesLineColumnAndWhatWasExpected() throws {
    let error = try #require(
      Checks.error(
        GetNetTCPSettingImporter.self,
        """
        SettingName                   : Internet
        DynamicPortRangeStartPort     : 49l52
        DynamicPortRangeNumberOfPorts : 16384
        """))
    #expect(error.line == 2)
    #expect(error.column == 33)
    #expect(
      error.message.contains("expected a number up to 65535 after 'DynamicPortRangeStartPort :'"))
    #expect(error.message.contains("'49l52'"))
  }

  @Test func misspeltSettingGetsTheNearMatch() throws {
    let error = try #require(
      Checks.error(
        GetNetTCPSettingImporter.self,
        """
        SettingName                   : Internet
        DynamicPortRangeStartPrt      : 49152
        DynamicPortRangeNumberOfPorts : 16384
        """))
    #expect(error.line == 2)
    #expect(error.column == 1)
    #expect(
      error.message
        == "unknown setting 'DynamicPortRangeStartPrt' (did you mean 'DynamicPortRangeStartPort'?)")
  }

  @Test func settingsOfNoFactAndOfOtherCommandsArePassedOver() throws {
    let evidence = try GetNetTCPSettingImporter.read(
      try EvidenceText(
        """
        InterfaceAlias    : Ethernet
        SettingName       : Internet
        CongestionProvider: CUBIC
        AutoReusePortRangeNumberOfPorts : 0
        MaxSynRetransmissions : 2
        """))
    #expect(evidence.facts["tcp-setting.max-syn-retransmissions"] == .number(2))
  }

  @Test func outputWithoutValuesOrProfilesIsAnError() throws {
    let empty = try #require(
      Checks.error(
        GetNetTCPSettingImporter.self,
        """
        SettingName                     : Automatic
        MinRto(ms)                      :
        DynamicPortRangeStartPort       :
        """))
    #expect(empty.reason == .truncated)
    #expect(empty.line == 1)
    #expect(empty.message.contains("('Automatic') carry no values"))

    let noProfile = try #require(
      Checks.error(GetNetTCPSettingImporter.self, "MinRto(ms) : 300\n"))
    #expect(noProfile.line == 1)
    #expect(noProfile.message.contains("expected 'SettingName : …' before the first setting"))

    let prose = try #require(Checks.error(GetNetTCPSettingImporter.self, "hello world\n"))
    #expect(prose.line == 1)
    #expect(prose.column == 1)
    #expect(prose.message.hasPrefix("expected 'Name : value' of Get-NetTCPSetting"))
  }

  @Test func doesNotClaimOtherKinds() throws {
    for input in Checks.otherKinds {
      try Checks.expectNoClaim(GetNetTCPSettingImporter.self, input)
    }
    // netsh's table stays DynamicPortImporter's.
    let netsh = try EvidenceText(DynamicPortImporter.examples[0].input)
    #expect(EvidenceImporters.detect(netsh)?.importer == DynamicPortImporter.self)
  }

  @Test func sameInUTF16() throws {
    try Checks.sameInUTF16(
      GetNetTCPSettingImporter.self, Array(GetNetTCPSettingImporter.examples[0].input.utf8))
  }

  @Test func robustUnderRandomDamage() throws {
    try Checks.checkRobustness(
      Checks.fixture("dynamic-port/etwanalyzer-get-nettcpsetting-elided.paste"),
      importer: GetNetTCPSettingImporter.self, seed: 12,
      isFilled: { $0.facts["tcp-setting.profiles"] != nil })
  }
}
