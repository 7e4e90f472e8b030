import TriageKit

/// The kinds of evidence, as `nettriage parse KIND` and the evidence JSON's `kind` name them.
public enum EvidenceKind: String, CaseIterable, Hashable, Sendable, Codable {
  case netstat
  case ss
  case getNetTCPConnection = "get-nettcpconnection"
  case ipconfig
  case nslookup
  case netUse = "net-use"
  case eventlog
  case isaLog = "isa-log"
  case testNetConnection = "test-netconnection"
  case routePrint = "route-print"
  case kernelLog = "kernel-log"
  case sysctl
  case ulimit
  case dynamicPort = "dynamic-port"

  /// Other names users type for a kind (`net-view`, `wevtutil`, `tmg-log`).
  public static let aliases: [String: EvidenceKind] = [
    "net-view": .netUse, "net-helpmsg": .netUse, "net": .netUse, "wevtutil": .eventlog,
    "get-winevent": .eventlog, "event": .eventlog, "events": .eventlog, "tmg-log": .isaLog,
    "isa": .isaLog, "tmg": .isaLog, "tnc": .testNetConnection, "route": .routePrint,
    "gnc": .getNetTCPConnection, "dmesg": .kernelLog, "journalctl": .kernelLog,
    "kernel": .kernelLog, "proc-sys": .sysctl, "netsh": .dynamicPort,
  ]

  /// The kind for a name or alias, case-insensitively.
  public init?(name: String) {
    let key = name.lowercased()
    if let kind = EvidenceKind(rawValue: key) ?? Self.aliases[key] {
      self = kind
    } else {
      return nil
    }
  }
}

/// What an importer read: the kind's fields (the evidence JSON), the facts they give the session,
/// and the key figures a person reads.
public struct Evidence: Sendable, Equatable {
  /// The kind.
  public var kind: EvidenceKind
  /// Which variant was read: `windows-netstat`, `linux-ss`, `w3c`, `wevtutil-text`…
  public var format: String
  /// The kind's fields, in contract order (architecture.md, "Evidence JSON").
  public var fields: [(key: String, value: JSONValue)]
  /// Facts for the session (names in docs/evidence.md: `tcp.syn-sent`, `event.4226`…).
  public var facts: [String: FactValue]
  /// Key figures for the report and the auto-answer provenance: `1,214 TIME_WAIT`, `11 SYN_SENT`.
  public var figures: [String]
  /// Lines read.
  public var lines: Int
  /// Lines lenient reading left aside, in order (empty when every line was read).
  public var skipped: [SkippedLine] = []
  /// Whether the input looks cut off: its last row stops mid-way, or it ends at a `... truncated`
  /// line a person inserted.
  public var isCutOff = false
  /// Lines that continued on the next one (a row wrapped by a terminal or an e-mail client) and
  /// were read joined with it, by the number of the first.
  public var rejoinedLines: [Int] = []
  /// The language of the output when it is not English (`German`), read through
  /// ``LocalizedOutput``.
  public var language: String?

  /// Lines skipped, counting every line of a skipped run.
  public var skippedLineCount: Int { skipped.reduce(0) { $0 + $1.count } }

  public init(
    kind: EvidenceKind, format: String, fields: [(key: String, value: JSONValue)],
    facts: [String: FactValue], figures: [String], lines: Int
  ) {
    self.kind = kind
    self.format = format
    self.fields = fields
    self.facts = facts
    self.figures = figures
    self.lines = lines
  }

  /// The evidence JSON: `kind`, `format`, the kind's fields, then `facts`.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [
      ("kind", .string(kind.rawValue)), ("format", .string(format)),
    ]
    pairs += fields
    if let language { pairs.append(("language", .string(language))) }
    if !skipped.isEmpty {
      pairs.append(
        (
          "skipped",
          .object([
            ("lines", .int(skippedLineCount)),
            ("first", .array(skipped.prefix(Self.skippedShown).map(\.json))),
          ])
        ))
    }
    if !rejoinedLines.isEmpty {
      pairs.append(("rejoined_lines", .array(rejoinedLines.map { .int($0) })))
    }
    if isCutOff { pairs.append(("cut_off", .bool(true))) }
    pairs.append(("facts", JSONValue.facts(facts)))
    return .object(pairs)
  }

  /// Skipped lines listed one by one in the JSON and the figures; the rest are counted.
  public static let skippedShown = 5

  public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
    lhs.json == rhs.json && lhs.figures == rhs.figures && lhs.lines == rhs.lines
  }
}

/// Why evidence could not be read; the command line exits 65 with it.
public struct EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The broad reason, for callers that react differently.
  public enum Reason: String, Sendable, Equatable {
    /// A line that is not what the format needs at that place.
    case garbled
    /// The input stops before the format is complete.
    case truncated
    /// No importer recognises the input.
    case unrecognised
    /// Output of a Windows in another language than English.
    case unsupportedLanguage = "unsupported-language"
    /// Larger than ``EvidenceText/maximumSize``.
    case tooLarge = "too-large"
    /// Nothing but white space.
    case empty
  }

  /// The input's name (path, `stdin`, `pasted`).
  public var source: String
  /// The line, from 1, when one line is at fault.
  public var line: Int?
  /// The column, from 1, when known.
  public var column: Int?
  /// Lowercase, what was found and what was expected.
  public var message: String
  /// The broad reason.
  public var reason: Reason

  public init(
    source: String, line: Int?, column: Int? = nil, message: String, reason: Reason = .garbled
  ) {
    self.source = source
    self.line = line
    self.column = column
    self.message = message
    self.reason = reason
  }

  /// `source:line:column: error: message`.
  public var description: String { triageError.description }

  /// The error as the command line reports it (``TriageError/invalidEvidence(source:line:column:message:)``).
  public var triageError: TriageError {
    .invalidEvidence(source: source, line: line, column: column, message: message)
  }
}

/// An input an importer must accept, with the facts it gives; tests replay every example.
public struct ImporterExample: Sendable {
  /// What the example shows.
  public var name: String
  /// The input text.
  public var input: String
  /// Facts that must be in the result with these values (others may be there too).
  public var facts: [String: FactValue]

  public init(_ name: String, input: String, facts: [String: FactValue]) {
    self.name = name
    self.input = input
    self.facts = facts
  }
}

/// Reads one format of evidence. One importer per file; ``EvidenceImporters/all`` lists them.
public protocol EvidenceImporter: Sendable {
  /// The kind it produces.
  static var kind: EvidenceKind { get }
  /// What it reads, for `nettriage parse --help` and the unrecognised-input message.
  static var summary: String { get }
  /// How sure it is that `text` is its format, from 0 (not at all) to 100 (its unmistakable
  /// header). Looks at the first lines only.
  static func recognition(of text: EvidenceText) -> Int
  /// Reads `text`; throws with the line and what was expected when it cannot.
  static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence
  /// Every fact it can give (a test checks its examples give no other).
  static var facts: [FactDeclaration] { get }
  /// Inputs it must accept and the facts they give.
  static var examples: [ImporterExample] { get }
}

/// The registry of importers, detection and the entry point for reading evidence.
public enum EvidenceImporters {
  /// Every importer, in detection-priority order for equal scores (see ImporterRegistry.swift).
  public static var all: [any EvidenceImporter.Type] { registered }

  /// Importers of one kind.
  public static func importers(of kind: EvidenceKind) -> [any EvidenceImporter.Type] {
    all.filter { $0.kind == kind }
  }

  /// The importer that recognises `text` best, with its score; `nil` when none scores above 0.
  public static func detect(_ text: EvidenceText) -> (
    importer: any EvidenceImporter.Type, score: Int
  )? {
    var best: (importer: any EvidenceImporter.Type, score: Int)?
    for importer in all {
      let score = importer.recognition(of: text)
      if score > 0, score > (best?.score ?? 0) { best = (importer, score) }
    }
    return best
  }

  /// Reads `text` as `kind` (`nil`: detect it). An explicit kind wins over detection; among the
  /// importers of that kind the one that recognises the text best reads it.
  ///
  /// Reading is lenient unless `strict` is set: lines the importer cannot read are set aside and
  /// listed in ``Evidence/skipped``, a paste indented as a whole is read without its indentation,
  /// and only input in which nothing of the kind is found is an error (see ``LenientReading``).
  /// `strict` reads all or nothing: the first line that is not what the format needs is an error.
  public static func read(
    _ text: EvidenceText, as kind: EvidenceKind? = nil, strict: Bool = false
  ) throws(EvidenceError) -> Evidence {
    guard !text.isBlank else {
      throw EvidenceError(
        source: text.source, line: nil, message: "the input is empty", reason: .empty)
    }
    var text = text
    var language: String?
    if let marker = LocalizedOutput.marker(in: text) {
      guard let translation = LocalizedOutput.translation(of: text) else {
        throw EvidenceError(
          source: text.source, line: marker.line,
          message:
            "this looks like the output of a Windows in another language ('\(marker.text)') that is not read for this command; besides English, outputs in \(LocalizedOutput.languagesRead) are read, each for the commands docs/evidence.md lists, never guessed at — run the command on an English system, or answer the question by hand",
          reason: .unsupportedLanguage)
      }
      text = translation.text
      language = translation.language
    }
    var evidence: Evidence
    if strict {
      evidence = try importer(for: text, as: kind).read(text)
    } else {
      evidence = try readLeniently(text, as: kind)
    }
    evidence.language = language
    evidence.figures += LenientReading.figures(of: evidence)
    return evidence
  }

  /// Lenient reading of the text as pasted and, when every line is indented, without the common
  /// indentation; the reading that skips fewer lines wins (the text as pasted on a tie).
  private static func readLeniently(_ text: EvidenceText, as kind: EvidenceKind?)
    throws(EvidenceError) -> Evidence
  {
    var best: Evidence?
    var firstError: EvidenceError?
    do {
      best = try LenientReading.read(text, with: try importer(for: text, as: kind))
      if best?.skipped.isEmpty == true, let best { return best }
    } catch {
      firstError = error
    }
    // Only when the text as pasted skips lines or fails: the same without its indentation.
    let indentation = LenientReading.commonIndentation(of: text)
    if indentation > 0 {
      var dedented = text
      dedented.indentation = indentation
      if let evidence = try? LenientReading.read(
        dedented, with: try importer(for: dedented, as: kind)),
        evidence.skippedLineCount < best?.skippedLineCount ?? Int.max
      {
        best = evidence
      }
    }
    if let best { return best }
    throw firstError
      ?? EvidenceError(source: text.source, line: nil, message: "nothing could be read")
  }

  /// The importer for `text`: the best of `kind`'s, or the one detection picks.
  private static func importer(for text: EvidenceText, as kind: EvidenceKind?)
    throws(EvidenceError) -> any EvidenceImporter.Type
  {
    if let kind {
      let candidates = importers(of: kind)
      guard let first = candidates.first else {
        throw EvidenceError(
          source: text.source, line: nil, message: "no importer reads '\(kind.rawValue)' yet",
          reason: .unrecognised)
      }
      return candidates.max { $0.recognition(of: text) < $1.recognition(of: text) } ?? first
    }
    guard let (importer, _) = detect(text) else {
      let kinds = EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ")
      let firstLine = text.lines.first { !$0.isBlank }
      throw EvidenceError(
        source: text.source, line: firstLine?.number,
        message:
          "cannot tell what kind of output this is; kinds read: \(kinds) (name one: nettriage parse KIND FILE)",
        reason: .unrecognised)
    }
    return importer
  }
}

/// Headers of localized Windows output, so it is refused rather than misread.
public enum LocalizedOutput {
  /// Markers of non-English Windows output (German, French, Spanish, Italian, Portuguese, Dutch,
  /// Polish, Russian, Swedish, Chinese), from the first lines of netstat, ipconfig, nslookup and
  /// net; ``translations`` reads some of them.
  static let markers: [String] = [
    "Aktive Verbindungen", "Lokale Adresse", "Windows-IP-Konfiguration", "Ethernet-Adapter",
    "Standardgateway", "Systemfehler", "Nicht autorisierende Antwort", "Connexions actives",
    "Adresse locale", "Configuration IP de Windows", "Passerelle par d", "Erreur syst",
    "Conexiones activas", "Direcci\u{F3}n local", "Configuraci\u{F3}n IP de Windows",
    "Puerta de enlace predeterminada", "Error de sistema", "Connessioni attive", "Indirizzo locale",
    "Configurazione IP di Windows", "Conex\u{F5}es ativas", "Endere\u{E7}o local",
    "Configura\u{E7}\u{E3}o de IP do Windows", "Actieve verbindingen", "Lokaal adres",
    "Windows IP-configuratie", "Aktywne po\u{142}\u{105}czenia", "Konfiguracja IP systemu Windows",
    "\u{410}\u{43A}\u{442}\u{438}\u{432}\u{43D}\u{44B}\u{435} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{44F}",
    "\u{41D}\u{430}\u{441}\u{442}\u{440}\u{43E}\u{439}\u{43A}\u{430} \u{43F}\u{440}\u{43E}\u{442}\u{43E}\u{43A}\u{43E}\u{43B}\u{430} IP",
    "Aktiva anslutningar", "Lokal adress", "HERGESTELLT", "ABH\u{D6}REN", "ABH\u{2122}REN",
    "SCHLIESSEN_WARTEN", "\u{6D3B}\u{52A8}\u{8FDE}\u{63A5}", "Windows IP \u{914D}\u{7F6E}",
    "\u{4EE5}\u{592A}\u{7F51}\u{9002}\u{914D}\u{5668}", "\u{670D}\u{52A1}\u{5668}:",
    "\u{975E}\u{6743}\u{5A01}\u{5E94}\u{7B54}:", "L'erreur syst\u{E8}me",
  ]

  /// The first marker found in the first 60 lines, with its line.
  public static func marker(in text: EvidenceText) -> (line: Int, text: String)? {
    var seen = 0
    for line in text.lines {
      seen += 1
      if seen > 60 { break }
      let content = line.text
      for marker in allMarkers where content.contains(marker) {
        return (line.number, marker)
      }
    }
    return nil
  }
}
