import TriageKit

/// Reads PowerShell's `Get-NetTCPSetting` list: one block of `Name : value` lines per TCP setting
/// profile (`Automatic`, `InternetCustom`, `DatacenterCustom`, `Compat`, `Datacenter`,
/// `Internet`), each with the dynamic port range and the connect and retransmission settings.
///
/// The facts come from the profile connections use: `Internet` (every client Windows, and
/// servers for connections the automatic detection does not call datacenter), else
/// `InternetCustom`, else the first profile that has values. The port range gives the same
/// `limits.port-range-*` facts as `netsh int ipv4 show dynamicport tcp`; `MaxSynRetransmissions`,
/// `InitialRto(ms)` and `MinRto(ms)` say how long a connect to a silent host waits.
public enum GetNetTCPSettingImporter: EvidenceImporter {
  public static let kind = EvidenceKind.dynamicPort
  public static let summary =
    "PowerShell Get-NetTCPSetting (SettingName, DynamicPortRange…, MaxSynRetransmissions)"
  static let format = "get-nettcpsetting"

  public static func recognition(of text: EvidenceText) -> Int {
    if text.command.map({ $0.lowercased().hasPrefix("get-nettcpsetting") }) == true { return 95 }
    for line in ConnectionRows.head(of: text) {
      guard let (key, _) = pair(line.trimmed) else { continue }
      if key.elementsEqual("SettingName".utf8) { return 95 }
      if key.elementsEqual("DynamicPortRangeStartPort".utf8) { return 90 }
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var profiles: [Profile] = []
    var lastLine = 0
    for entry in text.linesWithPrompts {
      guard case .line(let line) = entry else {
        if case .prompt(let number, _) = entry { lastLine = number }
        continue
      }
      lastLine = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else { continue }
      guard let (key, value) = pair(trimmed) else {
        // The command line itself (`PS C:\> Get-NetTCPSetting`), which a prompt may hide.
        if String(decoding: trimmed, as: UTF8.self).lowercased().contains("get-nettcpsetting") {
          continue
        }
        throw EvidenceError(
          source: text.source, line: line.number, column: line.column(of: trimmed),
          message:
            "expected 'Name : value' of Get-NetTCPSetting (such as 'DynamicPortRangeStartPort : 49152'), found '\(ConnectionRows.shown(trimmed))'",
          reason: ConnectionRows.isLast(line, in: text) ? .truncated : .garbled)
      }
      if key.elementsEqual("SettingName".utf8) {
        profiles.append(Profile(name: String(decoding: value, as: UTF8.self), line: line.number))
        continue
      }
      let name = String(decoding: key, as: UTF8.self)
      guard let setting = Setting(rawValue: name) else {
        // A setting that gives no fact (CongestionProvider…) is passed over; a misspelt one that
        // would give a fact is not, so a retyped or damaged line does not lose its value silently.
        if !profiles.isEmpty, !otherSettings.contains(name),
          let near = NearestMatch.suggestion(for: name, among: Setting.names)
        {
          throw EvidenceError(
            source: text.source, line: line.number, column: line.column(of: key),
            message: "unknown setting '\(name)' (did you mean '\(near)'?)", reason: .garbled)
        }
        continue
      }
      guard !profiles.isEmpty else {
        throw EvidenceError(
          source: text.source, line: line.number, column: line.column(of: trimmed),
          message:
            "expected 'SettingName : …' before the first setting, found '\(ConnectionRows.shown(trimmed))' (did you mean to paste the whole Get-NetTCPSetting list?)",
          reason: .garbled)
      }
      guard !value.isEmpty else { continue }  // `Automatic` lists its settings without values
      guard let number = Bytes.int(value), number <= setting.maximum else {
        let valueColumn = line.column(of: value)
        throw EvidenceError(
          source: text.source, line: line.number, column: valueColumn,
          message:
            "expected a number up to \(setting.maximum) after '\(setting.rawValue) :', found '\(ConnectionRows.shown(value))'",
          reason: ConnectionRows.isLast(line, in: text) ? .truncated : .garbled)
      }
      profiles[profiles.count - 1].values[setting] = number
    }
    guard !profiles.isEmpty else {
      throw EvidenceError(
        source: text.source, line: text.lines.first { !$0.isBlank }?.number,
        message: "no 'SettingName : …' found; expected the list Get-NetTCPSetting prints")
    }
    let chosen =
      ["Internet", "InternetCustom"].lazy.compactMap { name in
        profiles.first { $0.name == name && !$0.values.isEmpty }
      }.first ?? profiles.first { !$0.values.isEmpty }
    guard let profile = chosen else {
      throw EvidenceError(
        source: text.source, line: profiles.last?.line,
        message:
          "the \(profiles.count == 1 ? "profile" : "\(profiles.count) profiles") listed ('\(profiles.map(\.name).joined(separator: "', '"))') carry no values; the paste ends before a profile with settings such as 'Internet'",
        reason: .truncated)
    }
    return evidence(profile, of: profiles, lines: lastLine)
  }

  /// The evidence of the chosen `profile`.
  private static func evidence(_ profile: Profile, of profiles: [Profile], lines: Int) -> Evidence {
    var facts: [String: FactValue] = ["tcp-setting.profiles": .number(Double(profiles.count))]
    var figures: [String] = []
    var fields: [(key: String, value: JSONValue)] = [
      ("profile", .string(profile.name)), ("profiles", .int(profiles.count)),
    ]
    if let start = profile.values[.dynamicPortRangeStartPort],
      let count = profile.values[.dynamicPortRangeNumberOfPorts], count > 0
    {
      let high = start + count - 1
      facts["limits.port-range-low"] = .number(Double(start))
      facts["limits.port-range-high"] = .number(Double(high))
      facts["limits.port-range-size"] = .number(Double(count))
      figures.append("\(profile.name) dynamic ports \(start)–\(high) (\(FactValue.grouped(count)))")
      fields += [
        ("start_port", .int(start)), ("number_of_ports", .int(count)), ("end_port", .int(high)),
      ]
    }
    for (setting, fact) in [
      (Setting.maxSynRetransmissions, "tcp-setting.max-syn-retransmissions"),
      (.initialRto, "tcp-setting.initial-rto"), (.minRto, "tcp-setting.min-rto"),
    ] {
      guard let value = profile.values[setting] else { continue }
      facts[fact] = .number(Double(value))
      fields.append((setting.field, .int(value)))
    }
    if let syn = profile.values[.maxSynRetransmissions] {
      figures.append("\(syn) SYN retransmissions")
    }
    return Evidence(
      kind: kind, format: format, fields: fields, facts: facts,
      figures: figures.isEmpty ? ["\(profiles.count) TCP setting profiles"] : figures, lines: lines)
  }

  /// `Key : value` with the key a single word (`MinRto(ms)`), the value possibly empty.
  static func pair(_ trimmed: ArraySlice<UInt8>) -> (
    key: ArraySlice<UInt8>, value: ArraySlice<UInt8>
  )? {
    guard let colon = trimmed.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let key = Bytes.trim(trimmed[..<colon])
    guard !key.isEmpty, !key.contains(32), !key.contains(9),
      key.first.map({ ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }) == true
    else { return nil }
    return (key, Bytes.trim(trimmed[(colon + 1)...]))
  }

  /// The other settings Get-NetTCPSetting prints (Windows 8 to 11, Server 2012 to 2022).
  static let otherSettings: Set<String> = [
    "InitialCongestionWindow(MSS)", "CongestionProvider", "CwndRestart", "DelayedAckTimeout(ms)",
    "DelayedAckFrequency", "MemoryPressureProtection", "AutoTuningLevelLocal",
    "AutoTuningLevelGroupPolicy", "AutoTuningLevelEffective", "EcnCapability", "Timestamps",
    "ScalingHeuristics", "AutomaticUseCustom", "NonSackRttResiliency", "ForceWS",
    "AutoReusePortRangeStartPort", "AutoReusePortRangeNumberOfPorts",
  ]

  /// A profile as read.
  private struct Profile {
    var name: String
    var line: Int
    var values: [Setting: Int] = [:]
  }

  /// The settings that give facts, by the name Get-NetTCPSetting prints.
  private enum Setting: String, CaseIterable {
    case dynamicPortRangeStartPort = "DynamicPortRangeStartPort"
    case dynamicPortRangeNumberOfPorts = "DynamicPortRangeNumberOfPorts"
    case maxSynRetransmissions = "MaxSynRetransmissions"
    case initialRto = "InitialRto(ms)"
    case minRto = "MinRto(ms)"

    /// Every name, for a "did you mean".
    static let names = allCases.map(\.rawValue)

    /// The largest value it can take.
    var maximum: Int {
      switch self {
      case .dynamicPortRangeStartPort, .dynamicPortRangeNumberOfPorts: 65535
      case .maxSynRetransmissions: 255
      case .initialRto, .minRto: 4_294_967_295
      }
    }

    /// Its key in `--json`.
    var field: String {
      switch self {
      case .dynamicPortRangeStartPort: "start_port"
      case .dynamicPortRangeNumberOfPorts: "number_of_ports"
      case .maxSynRetransmissions: "max_syn_retransmissions"
      case .initialRto: "initial_rto_ms"
      case .minRto: "min_rto_ms"
      }
    }
  }

  public static let facts =
    SharedFacts.limits.filter { $0.name.hasPrefix("limits.port-range") } + [
      FactDeclaration(
        "tcp-setting.profiles", .number, unit: "profiles",
        "TCP setting profiles Get-NetTCPSetting listed"),
      FactDeclaration(
        "tcp-setting.max-syn-retransmissions", .number, unit: "retransmissions",
        "SYN retransmissions before a connect to a silent host fails (Internet profile; 2 on Windows 8 and later, 4 on servers' Datacenter)"
      ),
      FactDeclaration(
        "tcp-setting.initial-rto", .number, unit: "ms",
        "first retransmission timeout of a connect (Internet profile; 1,000 ms by default)"),
      FactDeclaration(
        "tcp-setting.min-rto", .number, unit: "ms",
        "minimum retransmission timeout (Internet 300 ms, Datacenter 20 ms by default)"),
    ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "the Datacenter and Internet profiles of a server, with a narrowed port range",
      input: """
        SettingName                     : Datacenter
        MinRto(ms)                      : 20
        InitialRto(ms)                  : 1000
        DynamicPortRangeStartPort       : 49152
        DynamicPortRangeNumberOfPorts   : 16358
        MaxSynRetransmissions           : 4

        SettingName                     : Internet
        MinRto(ms)                      : 300
        InitialRto(ms)                  : 1000
        DynamicPortRangeStartPort       : 49152
        DynamicPortRangeNumberOfPorts   : 16358
        MaxSynRetransmissions           : 4
        """,
      facts: [
        "limits.port-range-low": .number(49152), "limits.port-range-high": .number(65509),
        "limits.port-range-size": .number(16358), "tcp-setting.min-rto": .number(300),
        "tcp-setting.max-syn-retransmissions": .number(4), "tcp-setting.profiles": .number(2),
      ]),
    ImporterExample(
      "Automatic lists no values; the custom profile gives them",
      input: """
        PS C:\\> Get-NetTCPSetting

        SettingName                     : Automatic
        MinRto(ms)                      :
        DynamicPortRangeStartPort       :
        DynamicPortRangeNumberOfPorts   :

        SettingName                     : InternetCustom
        MinRto(ms)                      : 300
        InitialRto(ms)                  : 3000
        DynamicPortRangeStartPort       : 1025
        DynamicPortRangeNumberOfPorts   : 3976
        MaxSynRetransmissions           : 2
        """,
      facts: [
        "limits.port-range-low": .number(1025), "limits.port-range-high": .number(5000),
        "tcp-setting.initial-rto": .number(3000), "tcp-setting.max-syn-retransmissions": .number(2),
      ]),
    ImporterExample(
      "only the port range of one profile",
      input: """
        SettingName                   : Internet
        DynamicPortRangeStartPort     : 10000
        DynamicPortRangeNumberOfPorts : 55535
        """,
      facts: [
        "limits.port-range-size": .number(55535), "limits.port-range-high": .number(65534),
        "tcp-setting.profiles": .number(1),
      ]),
  ]
}
