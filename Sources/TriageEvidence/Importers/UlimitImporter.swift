import TriageKit

/// Reads the shell's resource limits: bash's `ulimit -a` (`open files  (-n) 1024`), zsh's
/// (`-n: file descriptors  256`), `ulimit -n` (a number after its command line), and the lines of
/// `/etc/security/limits.conf` that set them (`telegraf  soft  nofile  1000000`).
///
/// The open-files limit is the one a station runs out of when every connection is a descriptor; it
/// gives `limits.nofile-soft` like the limits probe (absent when unlimited).
public enum UlimitImporter: EvidenceImporter {
  public static let kind = EvidenceKind.ulimit
  public static let summary = "shell resource limits: ulimit -a (bash, zsh), ulimit -n"
  static let format = "ulimit"

  public static func recognition(of text: EvidenceText) -> Int {
    if text.command.map({ $0.hasPrefix("ulimit") }) == true { return 90 }
    var rows = 0
    for line in ConnectionRows.head(of: text) {
      if limitsConf(Bytes.fields(line.trimmed)) != nil { return 70 }
      if limit(line.trimmed) != nil { rows += 1 }
      if line.contains("open files") && line.contains("(-n)") { return 90 }
      if line.contains("-n: file descriptors") { return 90 }
    }
    return rows >= 3 ? 60 : 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var limits: [(flag: String, name: String, value: String)] = []
    var lastLine = 0
    var afterUlimitN = false
    for line in text.linesWithPrompts {
      switch line {
      case .prompt(let number, let command):
        lastLine = number
        afterUlimitN = isUlimitN(command)
      case .line(let line):
        lastLine = line.number
        let trimmed = line.trimmed
        guard !trimmed.isEmpty else { continue }
        if let row = limit(trimmed) {
          limits.append(row)
        } else if afterUlimitN, Bytes.int(trimmed) != nil || trimmed.elementsEqual("unlimited".utf8)
        {
          limits.append(("n", "open files", String(decoding: trimmed, as: UTF8.self)))
        } else if trimmed.last.map({ $0 == UInt8(ascii: "a") }) == true,
          String(decoding: trimmed, as: UTF8.self).hasSuffix("ulimit -a")
        {
          continue  // a prompt the shell decorated (`(base) root@host:~# ulimit -a`)
        } else {
          throw EvidenceError(
            source: text.source, line: line.number, column: line.column(of: trimmed),
            message:
              "expected a limit such as 'open files  (-n) 1024', found '\(ConnectionRows.shown(trimmed))'",
            reason: ConnectionRows.isLast(line, in: text) ? .truncated : .garbled)
        }
        afterUlimitN = false
      }
    }
    guard !limits.isEmpty else {
      throw EvidenceError(
        source: text.source, line: text.lines.first { !$0.isBlank }?.number,
        message: "no limits found; expected lines such as 'open files  (-n) 1024'")
    }
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    if let files = limits.first(where: { $0.flag == "n" }) {
      if let value = Int(files.value) {
        facts["limits.nofile-soft"] = .number(Double(value))
        figures.append("open files \(FactValue.grouped(value))")
      } else {
        figures.append("open files \(files.value)")
      }
    }
    if let processes = limits.first(where: { $0.flag == "u" }), let value = Int(processes.value) {
      figures.append("max user processes \(FactValue.grouped(value))")
    }
    let fields: [(key: String, value: JSONValue)] = [
      ("limits", .object(limits.map { ("-\($0.flag)", .string($0.value)) }))
    ]
    return Evidence(
      kind: kind, format: format, fields: fields, facts: facts,
      figures: figures.isEmpty ? ["\(limits.count) limits"] : figures, lines: lastLine)
  }

  /// A row of `ulimit -a`: bash's `name  (unit, -X) value` or zsh's `-X: name  value`; or a line
  /// of `/etc/security/limits.conf` (`telegraf  soft  nofile  1000000`): its soft (or `-`, both)
  /// `nofile` and `nproc` as `-n` and `-u`, a hard one under a flag of its own (`Hn`).
  static func limit(_ trimmed: ArraySlice<UInt8>) -> (flag: String, name: String, value: String)? {
    let fields = Bytes.fields(trimmed)
    if let row = limitsConf(fields) { return row }
    guard fields.count >= 2, let value = fields.last else { return nil }
    let valueText = String(decoding: value, as: UTF8.self)
    guard Bytes.int(value) != nil || valueText == "unlimited" else { return nil }
    // zsh: `-n: file descriptors 256`
    if let first = fields.first, first.count == 3, first.first == UInt8(ascii: "-"),
      first.last == UInt8(ascii: ":")
    {
      let flag = String(decoding: first.dropFirst().dropLast(), as: UTF8.self)
      let name = fields.dropFirst().dropLast().map { String(decoding: $0, as: UTF8.self) }
      return (flag, name.joined(separator: " "), valueText)
    }
    // bash: the flag is the last `-X)` before the value
    let flagField = fields[fields.count - 2]
    guard flagField.count >= 3, flagField.last == UInt8(ascii: ")"),
      flagField[flagField.endIndex - 3] == UInt8(ascii: "-")
    else { return nil }
    let flag = String(decoding: [flagField[flagField.endIndex - 2]], as: UTF8.self)
    let nameEnd = trimmed.firstIndex(of: UInt8(ascii: "(")) ?? trimmed.endIndex
    return (flag, String(decoding: Bytes.trim(trimmed[..<nameEnd]), as: UTF8.self), valueText)
  }

  /// A `limits.conf` line: domain, `soft`/`hard`/`-`, item, value.
  private static func limitsConf(_ fields: [ArraySlice<UInt8>]) -> (
    flag: String, name: String, value: String
  )? {
    guard fields.count == 4, fields[0].first != UInt8(ascii: "#") else { return nil }
    let type = String(decoding: fields[1], as: UTF8.self)
    let item = String(decoding: fields[2], as: UTF8.self)
    let value = String(decoding: fields[3], as: UTF8.self)
    guard ["soft", "hard", "-"].contains(type), Int(value) != nil || value == "unlimited",
      !item.isEmpty, item.allSatisfy(\.isLetter)
    else { return nil }
    let flag = ["nofile": "n", "nproc": "u"][item] ?? item
    let domain = String(decoding: fields[0], as: UTF8.self)
    return (type == "hard" ? "H" + flag : flag, "\(item) (\(type), \(domain))", value)
  }

  private static func isUlimitN(_ command: String) -> Bool {
    let words = command.split(separator: " ")
    return words.first == "ulimit" && words.dropFirst().contains { $0.hasSuffix("n") }
  }

  public static let facts = SharedFacts.limits.filter { $0.name == "limits.nofile-soft" }

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "the limits.conf lines of a service's user",
      input: """
        telegraf               soft    nofile          1000000
        telegraf               hard    nofile          1000000
        """,
      facts: ["limits.nofile-soft": .number(1_000_000)]),
    ImporterExample(
      "bash ulimit -a with the default open-files limit",
      input: """
        core file size          (blocks, -c) 0
        max locked memory       (kbytes, -l) 64
        open files                      (-n) 1024
        max user processes              (-u) 63391
        """,
      facts: ["limits.nofile-soft": .number(1024)]),
    ImporterExample(
      "zsh ulimit -a on macOS",
      input: """
        -t: cpu time (seconds)              unlimited
        -n: file descriptors                256
        -u: processes                       2784
        """,
      facts: ["limits.nofile-soft": .number(256)]),
    ImporterExample(
      "ulimit -n after its prompt",
      input: """
        $ ulimit -n
        4096
        """,
      facts: ["limits.nofile-soft": .number(4096)]),
  ]
}
