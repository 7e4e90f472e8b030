/// Windows output in another language, mapped to the English the importers read.
///
/// Only strings seen in real outputs are mapped (sources in Tests/TriageEvidenceTests/Fixtures/
/// */SOURCES.md and docs/evidence.md); output in a language or of a command without a table here
/// is still refused, never guessed at.
struct OutputTranslation: Sendable {
  /// The language, as the output names it: `German`.
  let language: String
  /// Markers (from ``LocalizedOutput/markers``) this table translates.
  let markers: Set<String>
  /// Whole lines (trimmed) and their English.
  let lines: [String: String]
  /// `ipconfig` labels (before the `. . . :` leader) and their English, longest first.
  let labels: [(String, String)]
  /// Adapter header starts (`Ethernet-Adapter `) and their English (`Ethernet adapter `).
  let adapters: [(String, String)]
  /// Whole values or table fields (TCP states, `Ja`) and their English.
  let words: [String: String]
  /// Pieces of a line (`(Bevorzugt)`, `Lokale Adresse`) and their English.
  let fragments: [(String, String)]

  /// Translates one line.
  func translate(_ line: Substring) -> String {
    let indent = line.prefix { $0 == " " || $0 == "\t" }
    let trimmed = line.dropFirst(indent.count).trimmingTrailingSpace()
    if trimmed.isEmpty { return String(line) }
    if let english = lines[String(trimmed)] { return indent + english }
    var text = String(line)
    if !indent.isEmpty, let pair = labelled(trimmed) {
      text = indent + pair
    } else if indent.isEmpty, trimmed.hasSuffix(":") {
      for (local, english) in adapters where trimmed.hasPrefix(local) {
        text = english + trimmed.dropFirst(local.count)
        break
      }
    } else if trimmed.hasPrefix("TCP") || trimmed.hasPrefix("UDP") {
      text = translatingState(of: line)
    }
    for (local, english) in fragments where text.contains(local) {
      text = text.replacing(local, with: english)
    }
    return text
  }

  /// `IPv4-Adresse  . . . : 10.0.0.5` → `IPv4 Address . . . : 10.0.0.5`, values translated.
  private func labelled(_ trimmed: Substring) -> String? {
    for (local, english) in labels where trimmed.hasPrefix(local) {
      let rest = trimmed.dropFirst(local.count)
      let leader = rest.prefix { $0 == " " || $0 == "." || $0 == "\t" }
      guard rest.dropFirst(leader.count).first == ":" else { continue }
      var value = String(rest.dropFirst(leader.count + 1).drop { $0 == " " || $0 == "\t" })
      if let word = words[value] { value = word }
      return english + " . . . : " + value
    }
    return nil
  }

  /// A netstat row with its state (the fourth field) in English.
  private func translatingState(of line: Substring) -> String {
    var fields = 0
    var index = line.startIndex
    while index < line.endIndex {
      while index < line.endIndex, line[index] == " " || line[index] == "\t" {
        index = line.index(after: index)
      }
      let start = index
      while index < line.endIndex, line[index] != " ", line[index] != "\t" {
        index = line.index(after: index)
      }
      guard start < index else { break }
      fields += 1
      if fields == 4 {
        guard let english = words[String(line[start..<index])] else { break }
        return String(line[..<start]) + english + line[index...]
      }
    }
    return String(line)
  }
}

extension LocalizedOutput {
  /// The text translated to the English the importers read, with the language's name; `nil` when
  /// no table translates the marker found (`Systemfehler`, a French netstat…).
  static func translation(of text: EvidenceText) -> (text: EvidenceText, language: String)? {
    guard let marker = marker(in: text),
      let table = translations.first(where: { $0.markers.contains(marker.text) })
    else { return nil }
    let source = String(decoding: text.bytes, as: UTF8.self)
    var out = ""
    out.reserveCapacity(source.utf8.count + source.utf8.count / 8)
    var rest = Substring(source)
    while !rest.isEmpty {
      let end = rest.firstIndex { $0 == "\n" || $0 == "\r" || $0 == "\r\n" } ?? rest.endIndex
      out += table.translate(rest[..<end])
      guard end < rest.endIndex else { break }
      out.append(rest[end])
      rest = rest[rest.index(after: end)...]
    }
    guard var translated = try? EvidenceText(bytes: Array(out.utf8), source: text.source) else {
      return nil
    }
    translated.encoding = text.encoding
    return (translated, table.language)
  }

  /// The tables, one per language.
  static let translations: [OutputTranslation] = [german, chinese, french]

  /// French Windows `net use` / `net view`: the sentence that carries the code, from the real
  /// output in the net-use fixtures (the message after it stays French; the code decides).
  static let french = OutputTranslation(
    language: "French", markers: ["L'erreur syst\u{E8}me"], lines: [:], labels: [], adapters: [],
    words: [:],
    fragments: [
      ("L'erreur syst\u{E8}me ", "System error "), (" s'est produite.", " has occurred."),
    ])

  /// German Windows (Windows 7 to 11): strings from the real outputs in the netstat and ipconfig
  /// fixtures. `ABH™REN` is `ABHÖREN` printed in code page 850 and read as Windows-1252, as pastes
  /// of a console's output often are.
  static let german = OutputTranslation(
    language: "German",
    markers: [
      "Aktive Verbindungen", "Lokale Adresse", "Windows-IP-Konfiguration", "Ethernet-Adapter",
      "Standardgateway", "HERGESTELLT", "ABH\u{D6}REN", "ABH\u{2122}REN", "SCHLIESSEN_WARTEN",
    ],
    lines: [
      "Aktive Verbindungen": "Active Connections",
      "Windows-IP-Konfiguration": "Windows IP Configuration",
    ],
    labels: [
      ("Verbindungsspezifisches DNS-Suffix", "Connection-specific DNS Suffix"),
      ("Verbindungslokale IPv6-Adresse", "Link-local IPv6 Address"),
      ("Physikalische Adresse", "Physical Address"),
      ("Prim\u{E4}res DNS-Suffix", "Primary Dns Suffix"),
      ("Prim\u{201E}res DNS-Suffix", "Primary Dns Suffix"),
      ("DNS-Suffixsuchliste", "DNS Suffix Search List"),
      ("IP-Routing aktiviert", "IP Routing Enabled"),
      ("WINS-Proxy aktiviert", "WINS Proxy Enabled"),
      ("Standardgateway", "Default Gateway"), ("IPv4-Adresse", "IPv4 Address"),
      ("IPv6-Adresse", "IPv6 Address"), ("Subnetzmaske", "Subnet Mask"),
      ("DHCP-Server", "DHCP Server"), ("DNS-Server", "DNS Servers"), ("Knotentyp", "Node Type"),
      ("Beschreibung", "Description"), ("Hostname", "Host Name"),
    ],
    adapters: [
      ("Drahtlos-LAN-Adapter ", "Wireless LAN adapter "),
      ("Ethernet-Adapter ", "Ethernet adapter "),
    ],
    words: [
      "ABH\u{D6}REN": "LISTENING", "ABH\u{2122}REN": "LISTENING", "ABH\u{FFFD}REN": "LISTENING",
      "HERGESTELLT": "ESTABLISHED", "WARTEND": "TIME_WAIT", "SCHLIESSEN_WARTEN": "CLOSE_WAIT",
      "SYN_GESENDET": "SYN_SENT", "FIN_WARTEN_1": "FIN_WAIT_1", "FIN_WARTEN_2": "FIN_WAIT_2",
      "SCHLIESSEND": "CLOSING", "Ja": "Yes", "Nein": "No",
    ],
    fragments: [
      ("Lokale Adresse", "Local Address"), ("Remoteadresse", "Foreign Address"),
      ("(Bevorzugt)", "(Preferred)"),
    ])

  /// Simplified Chinese Windows: strings from the real `netstat -ano`, `ipconfig /all` and
  /// `nslookup` in the fixtures (TCP states and most nslookup lines stay English).
  static let chinese = OutputTranslation(
    language: "Chinese",
    markers: [
      "\u{6D3B}\u{52A8}\u{8FDE}\u{63A5}", "Windows IP \u{914D}\u{7F6E}",
      "\u{4EE5}\u{592A}\u{7F51}\u{9002}\u{914D}\u{5668}", "\u{670D}\u{52A1}\u{5668}:",
      "\u{975E}\u{6743}\u{5A01}\u{5E94}\u{7B54}:",
    ],
    lines: [
      "\u{6D3B}\u{52A8}\u{8FDE}\u{63A5}": "Active Connections",
      "Windows IP \u{914D}\u{7F6E}": "Windows IP Configuration",
    ],
    labels: [
      (
        "\u{8FDE}\u{63A5}\u{7279}\u{5B9A}\u{7684} DNS \u{540E}\u{7F00}",
        "Connection-specific DNS Suffix"
      ),
      ("\u{672C}\u{5730}\u{94FE}\u{63A5} IPv6 \u{5730}\u{5740}", "Link-local IPv6 Address"),
      ("\u{4E34}\u{65F6} IPv6 \u{5730}\u{5740}", "Temporary IPv6 Address"),
      ("DHCPv6 \u{5BA2}\u{6237}\u{7AEF} DUID", "DHCPv6 Client DUID"),
      ("TCPIP \u{4E0A}\u{7684} NetBIOS", "NetBIOS over Tcpip"),
      ("\u{83B7}\u{5F97}\u{79DF}\u{7EA6}\u{7684}\u{65F6}\u{95F4}", "Lease Obtained"),
      ("\u{79DF}\u{7EA6}\u{8FC7}\u{671F}\u{7684}\u{65F6}\u{95F4}", "Lease Expires"),
      ("\u{81EA}\u{52A8}\u{914D}\u{7F6E}\u{5DF2}\u{542F}\u{7528}", "Autoconfiguration Enabled"),
      ("WINS \u{4EE3}\u{7406}\u{5DF2}\u{542F}\u{7528}", "WINS Proxy Enabled"),
      ("IP \u{8DEF}\u{7531}\u{5DF2}\u{542F}\u{7528}", "IP Routing Enabled"),
      ("\u{4E3B} DNS \u{540E}\u{7F00}", "Primary Dns Suffix"),
      ("DHCP \u{5DF2}\u{542F}\u{7528}", "DHCP Enabled"),
      ("DHCP \u{670D}\u{52A1}\u{5668}", "DHCP Server"),
      ("DNS \u{670D}\u{52A1}\u{5668}", "DNS Servers"), ("IPv6 \u{5730}\u{5740}", "IPv6 Address"),
      ("IPv4 \u{5730}\u{5740}", "IPv4 Address"),
      ("\u{5B50}\u{7F51}\u{63A9}\u{7801}", "Subnet Mask"),
      ("\u{9ED8}\u{8BA4}\u{7F51}\u{5173}", "Default Gateway"),
      ("\u{7269}\u{7406}\u{5730}\u{5740}", "Physical Address"),
      ("\u{5A92}\u{4F53}\u{72B6}\u{6001}", "Media State"),
      ("\u{8282}\u{70B9}\u{7C7B}\u{578B}", "Node Type"), ("\u{4E3B}\u{673A}\u{540D}", "Host Name"),
      ("\u{63CF}\u{8FF0}", "Description"),
    ],
    adapters: [
      ("\u{4EE5}\u{592A}\u{7F51}\u{9002}\u{914D}\u{5668} ", "Ethernet adapter "),
      (
        "\u{65E0}\u{7EBF}\u{5C40}\u{57DF}\u{7F51}\u{9002}\u{914D}\u{5668} ", "Wireless LAN adapter "
      ),
    ],
    words: [
      "\u{662F}": "Yes", "\u{5426}": "No",
      "\u{5A92}\u{4F53}\u{5DF2}\u{65AD}\u{5F00}\u{8FDE}\u{63A5}": "Media disconnected",
      "\u{6DF7}\u{5408}": "Hybrid",
    ],
    fragments: [
      ("\u{534F}\u{8BAE}", "Proto"), ("\u{672C}\u{5730}\u{5730}\u{5740}", "Local Address"),
      ("\u{5916}\u{90E8}\u{5730}\u{5740}", "Foreign Address"), ("\u{72B6}\u{6001}", "State"),
      ("(\u{9996}\u{9009})", "(Preferred)"), ("\u{670D}\u{52A1}\u{5668}:", "Server:"),
      ("\u{975E}\u{6743}\u{5A01}\u{5E94}\u{7B54}:", "Non-authoritative answer:"),
      ("\u{540D}\u{79F0}:", "Name:"), ("*** \u{8BF7}\u{6C42} ", "*** Request to "),
      (" \u{8D85}\u{65F6}", " timed-out"),
    ])
}

extension Substring {
  fileprivate func trimmingTrailingSpace() -> Substring {
    var text = self
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return text
  }
}
