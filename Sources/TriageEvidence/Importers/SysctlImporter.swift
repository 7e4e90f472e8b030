import TriageKit

/// Reads Linux kernel settings as people paste them: `sysctl -a`, `sysctl NAME…` (`name = value`),
/// `grep . /proc/sys/…` (`/proc/sys/net/…:value`), and `cat /proc/sys/…` each followed by its value.
///
/// It gives the same `limits.*` facts as the limits probe, so settings pasted from another machine
/// answer the same questions.
public enum SysctlImporter: EvidenceImporter {
  public static let kind = EvidenceKind.sysctl
  public static let summary = "Linux sysctl -a / sysctl NAME, cat or grep of /proc/sys values"
  static let format = "sysctl"

  public static func recognition(of text: EvidenceText) -> Int {
    var settings = 0
    for line in text.linesWithPrompts.prefix(40) {
      switch line {
      case .prompt(_, let command):
        if command.hasPrefix("sysctl") || command.contains("/proc/sys/") { return 90 }
      case .line(let line):
        let trimmed = line.trimmed
        if trimmed.starts(with: procCat) || trimmed.starts(with: procSys) { return 85 }
        if setting(trimmed) != nil { settings += 1 }
      }
    }
    return settings >= 2 ? 80 : settings == 1 ? 50 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var values: [(key: String, value: String)] = []
    var pending: (key: String, line: Int)?
    var lastLine = 0
    for entry in text.linesWithPrompts {
      switch entry {
      case .prompt(let number, let command):
        lastLine = number
        pending = catKey(Bytes.trim(ArraySlice(command.utf8))).map { ($0, number) }
      case .line(let line):
        lastLine = line.number
        let trimmed = line.trimmed
        guard !trimmed.isEmpty else { continue }
        if let key = catKey(trimmed) {
          pending = (key, line.number)
        } else if let (key, value) = setting(trimmed) {
          values.append((key, value))
          pending = nil
        } else if let (key, _) = pending {
          values.append((key, String(decoding: trimmed, as: UTF8.self)))
          pending = nil
        } else if trimmed.starts(with: "sysctl: ".utf8) || trimmed.starts(with: "cat: ".utf8) {
          continue  // `sysctl: cannot stat /proc/sys/…`: the setting does not exist there
        } else {
          throw EvidenceError(
            source: text.source, line: line.number, column: line.column(of: trimmed),
            message:
              "expected a setting such as 'net.ipv4.ip_local_port_range = 32768 60999', found '\(ConnectionRows.shown(trimmed))'"
          )
        }
      }
    }
    if let pending {
      throw EvidenceError(
        source: text.source, line: pending.line,
        message: "the value of '\(pending.key)' is missing (the input ends after the command)",
        reason: .truncated)
    }
    guard !values.isEmpty else {
      throw EvidenceError(
        source: text.source, line: text.lines.first { !$0.isBlank }?.number,
        message: "no settings found; expected lines such as 'net.core.somaxconn = 4096'")
    }
    var settings: [String: String] = [:]
    for (key, value) in values { settings[key] = value }
    let (facts, figures) = limits(settings)
    let fields: [(key: String, value: JSONValue)] = [
      ("settings", .object(values.map { ($0.key, .string($0.value)) }))
    ]
    return Evidence(
      kind: kind, format: format, fields: fields, facts: facts,
      figures: figures.isEmpty
        ? ["\(values.count) settings, none of them a connection limit"] : figures,
      lines: lastLine)
  }

  /// The `limits.*` facts of the settings, with figures.
  static func limits(_ settings: [String: String]) -> ([String: FactValue], [String]) {
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    func number(_ names: [String]) -> Int? {
      for name in names { if let value = settings[name].flatMap({ Int($0) }) { return value } }
      return nil
    }
    if let range = settings["net.ipv4.ip_local_port_range"] {
      let bounds = range.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }
      if bounds.count == 2, bounds[0] <= bounds[1] {
        facts["limits.port-range-low"] = .number(Double(bounds[0]))
        facts["limits.port-range-high"] = .number(Double(bounds[1]))
        facts["limits.port-range-size"] = .number(Double(bounds[1] - bounds[0] + 1))
        figures.append(
          "ephemeral ports \(bounds[0])–\(bounds[1]) (\(FactValue.grouped(bounds[1] - bounds[0] + 1)))"
        )
      }
    }
    if let value = number(["net.ipv4.tcp_fin_timeout"]) {
      facts["limits.fin-timeout"] = .number(Double(value))
    }
    if let value = number(["net.ipv4.tcp_tw_reuse"]) {
      facts["limits.tw-reuse"] = .number(Double(value))
    }
    if let value = number(["net.core.somaxconn"]) {
      facts["limits.somaxconn"] = .number(Double(value))
      figures.append("somaxconn \(FactValue.grouped(value))")
    }
    let count = number([
      "net.netfilter.nf_conntrack_count", "net.nf_conntrack_count",
      "net.ipv4.netfilter.ip_conntrack_count",
    ])
    let maximum = number([
      "net.netfilter.nf_conntrack_max", "net.nf_conntrack_max",
      "net.ipv4.netfilter.ip_conntrack_max",
      "net.ipv4.ip_conntrack_max",
    ])
    if count != nil || maximum != nil || settings.keys.contains(where: { $0.contains("conntrack") })
    {
      facts["limits.conntrack-loaded"] = .bool(true)
    }
    if let count { facts["limits.conntrack-count"] = .number(Double(count)) }
    if let maximum {
      facts["limits.conntrack-max"] = .number(Double(maximum))
      var figure = "conntrack table \(FactValue.grouped(maximum)) entries"
      if let count, maximum > 0 {
        facts["limits.conntrack-usage"] = .number(Double(count) / Double(maximum))
        figure = "conntrack \(FactValue.grouped(count)) of \(FactValue.grouped(maximum)) entries"
      }
      figures.append(figure)
    }
    return (facts, figures)
  }

  /// `name = value` (sysctl) or `/proc/sys/a/b:value` (grep), with the name in sysctl's dotted form.
  static func setting(_ trimmed: ArraySlice<UInt8>) -> (String, String)? {
    if trimmed.starts(with: procSys), let colon = trimmed.firstIndex(of: UInt8(ascii: ":")) {
      let key = dotted(trimmed[(trimmed.startIndex + procSys.count)..<colon])
      return (key, String(decoding: Bytes.trim(trimmed[(colon + 1)...]), as: UTF8.self))
    }
    guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) else { return nil }
    let name = Bytes.trim(trimmed[..<equals])
    guard name.contains(UInt8(ascii: ".")) || name.contains(UInt8(ascii: "/")),
      name.allSatisfy({ isNameByte($0) }), let first = name.first, (0x61...0x7A).contains(first)
    else { return nil }
    return (dotted(name), String(decoding: Bytes.trim(trimmed[(equals + 1)...]), as: UTF8.self))
  }

  /// The setting a `cat /proc/sys/…` command line reads (also `sudo cat`, `$ cat`), or `nil`.
  static func catKey(_ trimmed: ArraySlice<UInt8>) -> String? {
    var rest = trimmed
    if rest.starts(with: "sudo ".utf8) { rest = Bytes.trim(rest.dropFirst(5)) }
    guard rest.starts(with: procCat) else { return nil }
    let path = rest.dropFirst(procCat.count - procSys.count).prefix { $0 != 32 && $0 != 9 }
    guard path.count > procSys.count, !rest.contains(UInt8(ascii: "|")) else { return nil }
    return dotted(path.dropFirst(procSys.count))
  }

  private static func dotted(_ path: ArraySlice<UInt8>) -> String {
    String(decoding: path.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "/")
  }

  private static let procSys = Array("/proc/sys/".utf8)
  private static let procCat = Array("cat /proc/sys/".utf8)

  public static let facts = SharedFacts.limits.filter {
    $0.name.hasPrefix("limits.port-range") || $0.name.hasPrefix("limits.conntrack")
      || ["limits.fin-timeout", "limits.tw-reuse", "limits.somaxconn"].contains($0.name)
  }

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "sysctl of the port range and conntrack",
      input: """
        $ sysctl net.ipv4.ip_local_port_range net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max
        net.ipv4.ip_local_port_range = 32768	60999
        net.netfilter.nf_conntrack_count = 65100
        net.netfilter.nf_conntrack_max = 65536
        """,
      facts: [
        "limits.port-range-size": .number(28232), "limits.conntrack-max": .number(65536),
        "limits.conntrack-count": .number(65100),
      ]),
    ImporterExample(
      "cat of /proc/sys values",
      input: """
        $ cat /proc/sys/net/core/somaxconn
        4096
        $ cat /proc/sys/net/ipv4/tcp_fin_timeout
        60
        """,
      facts: ["limits.somaxconn": .number(4096), "limits.fin-timeout": .number(60)]),
    ImporterExample(
      "grep . of /proc/sys files",
      input: """
        /proc/sys/net/ipv4/ip_local_port_range:1024	65000
        /proc/sys/net/ipv4/tcp_tw_reuse:2
        """,
      facts: ["limits.port-range-low": .number(1024), "limits.tw-reuse": .number(2)]),
  ]
}
