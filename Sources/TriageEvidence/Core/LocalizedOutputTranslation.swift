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
  /// The sentence of `net use` that carries the code, as text before and after the number
  /// (`Error de sistema ` and `.`); read as `System error N has occurred.`.
  var systemErrors: [(before: String, after: String)] = []
  /// Event Viewer's field names at the start of a line (`Ereignis-ID:`) and their English
  /// (`Event ID:`); the value after one is translated when it is one of ``words`` (`Fehler`).
  var eventFields: [(String, String)] = []
  /// Field names at the start of a line (`Serveur :` of nslookup) and their English (`Server:`);
  /// the value after one is kept.
  var lineStarts: [(String, String)] = []

  /// Translates one line.
  func translate(_ line: Substring) -> String {
    let indent = line.prefix { $0 == " " || $0 == "\t" }
    let trimmed = line.dropFirst(indent.count).trimmingTrailingSpace()
    if trimmed.isEmpty { return String(line) }
    if let english = lines[String(trimmed)] { return indent + english }
    if let english = systemError(trimmed) { return indent + english }
    if let english = eventField(trimmed) { return indent + english }
    for (local, english) in lineStarts where trimmed.hasPrefix(local) {
      return indent + english + " "
        + trimmed.dropFirst(local.count).drop { $0 == " " || $0 == "\t" }
    }
    var text = String(line)
    if !indent.isEmpty, let pair = labelled(trimmed) {
      text = indent + pair
    } else if indent.isEmpty, trimmed.hasSuffix(":") {
      for (local, english) in adapters where trimmed.hasPrefix(local) {
        text = english + trimmed.dropFirst(local.count)
        // French sets a space before the colon (`Carte Ethernet Ethernet0 :`).
        if text.hasSuffix(" :") { text = text.dropLast(2) + ":" }
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

  /// `Error de sistema 53.` → `System error 53 has occurred.`, with what follows on the line.
  private func systemError(_ trimmed: Substring) -> String? {
    for (before, after) in systemErrors where trimmed.hasPrefix(before) {
      let rest = trimmed.dropFirst(before.count)
      let code = rest.prefix { $0.isASCII && $0.isNumber }
      guard !code.isEmpty, rest.dropFirst(code.count).hasPrefix(after) else { continue }
      return "System error \(code) has occurred." + rest.dropFirst(code.count + after.count)
    }
    return nil
  }

  /// `Ereignis-ID:   4226` → `Event ID: 4226`, `Ebene: Fehler` → `Level: Error`.
  private func eventField(_ trimmed: Substring) -> String? {
    for (local, english) in eventFields where trimmed.hasPrefix(local) {
      let value = trimmed.dropFirst(local.count).drop { $0 == " " || $0 == "\t" }
      return english + " " + (words[String(value)] ?? String(value))
    }
    return nil
  }

  /// `IPv4-Adresse  . . . : 10.0.0.5` → `IPv4 Address . . . : 10.0.0.5`, values translated.
  private func labelled(_ trimmed: Substring) -> String? {
    for (local, english) in labels where trimmed.hasPrefix(local) {
      let rest = trimmed.dropFirst(local.count)
      // French XP prints a `*` inside some leaders (`Adresse IP. . . . . . . . .*. . . :`).
      let leader = rest.prefix { $0 == " " || $0 == "." || $0 == "\t" || $0 == "*" }
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
        if let english = words[String(line[start..<index])] {
          return String(line[..<start]) + english + line[index...]
        }
        // A state of two words (Italian `IN ASCOLTO`) is one field once translated.
        var next = index
        while next < line.endIndex, line[next] == " " { next = line.index(after: next) }
        var end = next
        while end < line.endIndex, line[end] != " ", line[end] != "\t" {
          end = line.index(after: end)
        }
        guard next < end, let english = words[line[start..<index] + " " + line[next..<end]]
        else { break }
        return String(line[..<start]) + english + line[end...]
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
  static let translations: [OutputTranslation] = [
    german, chinese, french, spanish, portuguese, italian, russian,
  ]

  /// Markers of the global list and of every table, in that order (``marker(in:)`` looks for these).
  static let allMarkers: [String] = markers + translations.flatMap { $0.markers.sorted() }

  /// The languages read besides English, as the refusal of another one names them.
  static var languagesRead: String {
    translations.map(\.language).joined(separator: ", ")
  }

  /// French Windows: `netstat` and `ipconfig /all` labels from the real outputs in the fixtures
  /// (`fr-maitrise-poste-ano-tcp.paste`, `fr-b1-workstation-abo-owners.paste`,
  /// `fr-dhcp-course-all-ipv6-gateway.paste`, `fr-tssr-lab-all-no-gateway.paste`, XP's
  /// `fr-ubuntuforums-xp-all-prompt.paste`), and the sentence of `net use` / `net view` that
  /// carries the code (`samba-forum-french-net-view-53.paste`; the message after it stays French,
  /// the code decides), `nslookup` (`fr-tp1-ynov-non-authoritative.paste`,
  /// `fr-tp1-reverse-non-existent-with-note.paste`: `Serveur :`, `Nom :`, `Réponse ne faisant pas
  /// autorité :`, `… ne parvient pas à trouver … : Non-existent domain`; `Address:` and the response
  /// code stay English) and `netsh int ipv4 show dynamicport tcp` (the Datadog agent's fixture in
  /// `datadog-agent-french-netsh-fixture.paste`). French Windows print the TCP states in English.
  /// `Masque de sous-r‚seau`, `Passerelle par d‚faut` and `propre … la connexion` are code page
  /// 850 read as Windows-1252, as public batch files that match a French console's `ipconfig`
  /// write them (SOURCES.md).
  static let french = OutputTranslation(
    language: "French",
    markers: [
      "Connexions actives", "Adresse locale", "Configuration IP de Windows", "Passerelle par d",
      "Carte Ethernet", "Carte r\u{E9}seau sans fil", "Masque de sous-r", "L'erreur syst\u{E8}me",
      "Serveur :  ", "R\u{E9}ponse ne faisant pas autorit\u{E9}", "ne parvient pas \u{E0} trouver",
      "Plage de ports dynamique",
    ],
    lines: [
      "Connexions actives": "Active Connections",
      "Configuration IP de Windows": "Windows IP Configuration",
      "R\u{E9}ponse ne faisant pas autorit\u{E9} :": "Non-authoritative answer:",
      "Plage de ports dynamique du protocole tcp": "Protocol tcp Dynamic Port Range",
    ],
    labels: [
      (
        "Liste de recherche de suffixes DNS propres \u{E0} la connexion",
        "Connection-specific DNS Suffix Search List"
      ),
      ("Suffixe DNS propre \u{E0} la connexion", "Connection-specific DNS Suffix"),
      ("Suffixe DNS propre \u{2026} la connexion", "Connection-specific DNS Suffix"),
      ("Configuration automatique activ\u{E9}e", "Autoconfiguration Enabled"),
      ("Adresse IPv6 de liaison locale", "Link-local IPv6 Address"),
      ("Liste de recherche du suffixe DNS", "DNS Suffix Search List"),
      ("Adresse IPv6 temporaire", "Temporary IPv6 Address"),
      ("Masque de sous-r\u{E9}seau", "Subnet Mask"),
      ("Masque de sous-r\u{201A}seau", "Subnet Mask"),
      ("Passerelle par d\u{E9}faut", "Default Gateway"),
      ("Passerelle par d\u{201A}faut", "Default Gateway"),
      ("Suffixe DNS principal", "Primary Dns Suffix"),
      ("DUID de client DHCPv6", "DHCPv6 Client DUID"),
      ("Routage IP activ\u{E9}", "IP Routing Enabled"),
      ("Proxy WINS activ\u{E9}", "WINS Proxy Enabled"),
      ("NetBIOS sur Tcpip", "NetBIOS over Tcpip"), ("Statut du m\u{E9}dia", "Media State"),
      ("Adresse physique", "Physical Address"), ("Nom de l'h\u{F4}te", "Host Name"),
      ("Nom de l\u{2019}h\u{F4}te", "Host Name"), ("Type de noeud", "Node Type"),
      ("Type de noud", "Node Type"), ("Type de n\u{153}ud", "Node Type"),
      ("Adresse IPv6", "IPv6 Address"), ("Adresse IPv4", "IPv4 Address"),
      ("Adresse IP", "IP Address"), ("DHCP activ\u{E9}", "DHCP Enabled"),
      ("Serveur DHCP", "DHCP Server"), ("Serveurs DNS", "DNS Servers"),
      ("IAID DHCPv6", "DHCPv6 IAID"),
      ("Bail obtenu", "Lease Obtained"), ("Bail expirant", "Lease Expires"),
      ("Description", "Description"),
    ],
    adapters: [
      ("Carte Ethernet ", "Ethernet adapter "),
      ("Carte r\u{E9}seau sans fil ", "Wireless LAN adapter "),
      ("Carte inconnue ", "Unknown adapter "), ("Carte PPP ", "PPP adapter "),
    ],
    words: [
      "Oui": "Yes", "Non": "No", "Hybride": "Hybrid", "Inconnu": "Unknown",
      "Activ\u{E9}": "Enabled",
      "M\u{E9}dia d\u{E9}connect\u{E9}": "Media disconnected",
    ],
    fragments: [
      ("Adresse locale", "Local Address"), ("Adresse distante", "Foreign Address"),
      (
        "Impossible d\u{2019}obtenir les informations de propri\u{E9}taire",
        "Can not obtain ownership information"
      ),
      ("(pr\u{E9}f\u{E9}r\u{E9})", "(Preferred)"),
      ("L'erreur syst\u{E8}me ", "System error "), (" s'est produite.", " has occurred."),
      (" ne parvient pas \u{E0} trouver ", " can't find "),
      (" : Non-existent domain", ": Non-existent domain"),
      ("Port de d\u{E9}marrage", "Start Port"), ("Nombre de ports", "Number of Ports"),
    ],
    lineStarts: [("Serveur :", "Server:"), ("Nom :", "Name:")])

  /// German Windows (XP, 7 to 11): strings from the real outputs in the netstat, ipconfig and
  /// eventviewer-text fixtures (XP's `Ethernetadapter`, `PPP-Adapter`, `IP-Adresse` from
  /// `de-xp-forum-ppp.paste`). `ABH™REN` is `ABHÖREN` printed in code page 850 and read as
  /// Windows-1252, as pastes of a console's output often are.
  static let german = OutputTranslation(
    language: "German",
    markers: [
      "Aktive Verbindungen", "Lokale Adresse", "Windows-IP-Konfiguration", "Ethernet-Adapter",
      "Standardgateway", "HERGESTELLT", "ABH\u{D6}REN", "ABH\u{2122}REN", "SCHLIESSEN_WARTEN",
      "Protokollname:", "Ereignis-ID:",
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
      ("IPv4-Adresse (Auto. Konfiguration)", "Autoconfiguration IPv4 Address"),
      ("NetBIOS \u{FC}ber TCP/IP", "NetBIOS over Tcpip"), ("Physische Adresse", "Physical Address"),
      ("DHCP aktiviert", "DHCP Enabled"), ("Medienstatus", "Media State"),
      ("IP-Adresse", "IP Address"),
    ],
    adapters: [
      ("Drahtlos-LAN-Adapter ", "Wireless LAN adapter "),
      ("Ethernet-Adapter ", "Ethernet adapter "), ("Ethernetadapter ", "Ethernet adapter "),
      ("PPP-Adapter ", "PPP adapter "),
    ],
    words: [
      "ABH\u{D6}REN": "LISTENING", "ABH\u{2122}REN": "LISTENING", "ABH\u{FFFD}REN": "LISTENING",
      "HERGESTELLT": "ESTABLISHED", "WARTEND": "TIME_WAIT", "SCHLIESSEN_WARTEN": "CLOSE_WAIT",
      "SYN_GESENDET": "SYN_SENT", "FIN_WARTEN_1": "FIN_WAIT_1", "FIN_WARTEN_2": "FIN_WAIT_2",
      "SCHLIESSEND": "CLOSING", "Ja": "Yes", "Nein": "No", "Fehler": "Error",
      "Information": "Information", "Medium getrennt": "Media disconnected", "Unbekannt": "Unknown",
    ],
    fragments: [
      ("Lokale Adresse", "Local Address"), ("Remoteadresse", "Foreign Address"),
      ("(Bevorzugt)", "(Preferred)"),
    ],
    eventFields: [
      ("Protokollname:", "Log Name:"), ("Quelle:", "Source:"), ("Datum:", "Date:"),
      ("Ereignis-ID:", "Event ID:"), ("Aufgabenkategorie:", "Task Category:"),
      ("Taskkategorie:", "Task Category:"), ("Ebene:", "Level:"),
      ("Schl\u{FC}sselw\u{F6}rter:", "Keywords:"), ("Benutzer:", "User:"),
      ("Computer:", "Computer:"), ("Beschreibung:", "Description:"),
    ])

  /// Spanish Windows: `ipconfig /all` labels from the real Vista output in the ipconfig fixtures
  /// (`es-ubuntuforums-vista-all-wrapped.paste`), the netstat header from `es-p2-comandos-an.paste`
  /// (Windows 10 and 11 print the states in English) and, as code page 850 read as Windows-1252,
  /// `Direcci¢n`. `ESCUCHANDO` and `ESTABLECIDO` are the states older Spanish Windows print, as
  /// other projects' parsers of localized netstat record them (SOURCES.md).
  static let spanish = OutputTranslation(
    language: "Spanish",
    markers: [
      "Conexiones activas", "Direcci\u{F3}n local", "Configuraci\u{F3}n IP de Windows",
      "Puerta de enlace predeterminada", "Direcci\u{A2}n local", "Adaptador de Ethernet",
      "Adaptador de LAN inal\u{E1}mbrica", "ESCUCHANDO", "ESTABLECIDO", "Error de sistema",
    ],
    lines: [
      "Conexiones activas": "Active Connections",
      "Configuraci\u{F3}n IP de Windows": "Windows IP Configuration",
      "No se ha encontrado la ruta de acceso de la red.": "The network path was not found.",
      "Se ha completado el comando correctamente.": "The command completed successfully.",
    ],
    labels: [
      ("Sufijo DNS espec\u{ED}fico para la conexi\u{F3}n", "Connection-specific DNS Suffix"),
      ("Sufijo DNS espec\u{ED}fico de conexi\u{F3}n", "Connection-specific DNS Suffix"),
      ("V\u{ED}nculo: direcci\u{F3}n IPv6 local", "Link-local IPv6 Address"),
      ("Direcci\u{F3}n IPv6 temporal", "Temporary IPv6 Address"),
      ("Direcci\u{F3}n IPv6", "IPv6 Address"), ("Direcci\u{F3}n IPv4", "IPv4 Address"),
      ("Direcci\u{F3}n f\u{ED}sica", "Physical Address"), ("Descripci\u{F3}n", "Description"),
      ("DHCP habilitado", "DHCP Enabled"),
      ("Configuraci\u{F3}n autom\u{E1}tica habilitada", "Autoconfiguration Enabled"),
      ("M\u{E1}scara de subred", "Subnet Mask"), ("Concesi\u{F3}n obtenida", "Lease Obtained"),
      ("La concesi\u{F3}n expira", "Lease Expires"),
      ("Puerta de enlace predeterminada", "Default Gateway"), ("Servidor DHCP", "DHCP Server"),
      ("IAID DHCPv6", "DHCPv6 IAID"), ("DUID de cliente DHCPv6", "DHCPv6 Client DUID"),
      ("Servidores DNS", "DNS Servers"), ("NetBIOS sobre TCP/IP", "NetBIOS over Tcpip"),
      ("Estado de los medios", "Media State"), ("Nombre de host", "Host Name"),
      ("Sufijo DNS principal", "Primary Dns Suffix"), ("Tipo de nodo", "Node Type"),
      ("Enrutamiento IP habilitado", "IP Routing Enabled"),
      ("Proxy WINS habilitado", "WINS Proxy Enabled"),
      ("Lista de b\u{FA}squeda de sufijos DNS", "DNS Suffix Search List"),
    ],
    adapters: [
      ("Adaptador de Ethernet ", "Ethernet adapter "),
      ("Adaptador de LAN inal\u{E1}mbrica ", "Wireless LAN adapter "),
      ("Adaptador de t\u{FA}nel ", "Tunnel adapter "), ("Adaptador PPP ", "PPP adapter "),
    ],
    words: [
      "ESCUCHANDO": "LISTENING", "ESTABLECIDO": "ESTABLISHED", "s\u{ED}": "Yes", "S\u{ED}": "Yes",
      "no": "No", "h\u{ED}brido": "Hybrid", "medios desconectados": "Media disconnected",
    ],
    fragments: [
      ("Direcci\u{F3}n local", "Local Address"), ("Direcci\u{A2}n local", "Local Address"),
      ("Direcci\u{F3}n remota", "Foreign Address"), ("Direcci\u{A2}n remota", "Foreign Address"),
      ("(Preferido)", "(Preferred)"),
    ],
    systemErrors: [("Error de sistema ", ".")])

  /// Brazilian Portuguese Windows: labels from the real `ipconfig /all` and netstat in the
  /// fixtures (`pt-aula03-all-no-header.paste`, `pt-aula08-netstat-names.paste`); `ESCUTANDO` and
  /// `ESTABELECIDA` as other projects' parsers of localized netstat record them (SOURCES.md).
  static let portuguese = OutputTranslation(
    language: "Portuguese",
    markers: [
      "Conex\u{F5}es ativas", "Endere\u{E7}o local", "Configura\u{E7}\u{E3}o de IP do Windows",
      "Adaptador Ethernet", "Adaptador de Rede sem Fio", "Gateway Padr\u{E3}o", "ESCUTANDO",
      "ESTABELECIDA", "Erro de sistema",
    ],
    lines: [
      "Conex\u{F5}es ativas": "Active Connections",
      "Configura\u{E7}\u{E3}o de IP do Windows": "Windows IP Configuration",
    ],
    labels: [
      ("Sufixo DNS espec\u{ED}fico de conex\u{E3}o", "Connection-specific DNS Suffix"),
      ("Endere\u{E7}o IPv6 de link local", "Link-local IPv6 Address"),
      ("Endere\u{E7}o IPv6 Tempor\u{E1}rio", "Temporary IPv6 Address"),
      ("Endere\u{E7}o IPv6", "IPv6 Address"), ("Endere\u{E7}o IPv4", "IPv4 Address"),
      ("Endere\u{E7}o IP", "IP Address"), ("Endere\u{E7}o F\u{ED}sico", "Physical Address"),
      ("Endere\u{E7}o f\u{ED}sico", "Physical Address"), ("Descri\u{E7}\u{E3}o", "Description"),
      ("DHCP Habilitado", "DHCP Enabled"), ("DHCP ativado", "DHCP Enabled"),
      ("Configura\u{E7}\u{E3}o Autom\u{E1}tica Habilitada", "Autoconfiguration Enabled"),
      ("M\u{E1}scara de Sub-rede", "Subnet Mask"), ("M\u{E1}scara de sub-rede", "Subnet Mask"),
      ("Concess\u{E3}o Obtida", "Lease Obtained"), ("Concess\u{E3}o Expira", "Lease Expires"),
      ("Gateway Padr\u{E3}o", "Default Gateway"), ("Gateway padr\u{E3}o", "Default Gateway"),
      ("Servidor DHCP", "DHCP Server"), ("IAID de DHCPv6", "DHCPv6 IAID"),
      ("DUID de Cliente DHCPv6", "DHCPv6 Client DUID"), ("Servidores DNS", "DNS Servers"),
      ("Servidor WINS Prim\u{E1}rio", "Primary WINS Server"),
      ("NetBIOS em Tcpip", "NetBIOS over Tcpip"), ("Estado da m\u{ED}dia", "Media State"),
      ("Nome do host", "Host Name"),
    ],
    adapters: [
      ("Adaptador Ethernet ", "Ethernet adapter "),
      ("Adaptador de Rede sem Fio ", "Wireless LAN adapter "),
      ("Adaptador de T\u{FA}nel ", "Tunnel adapter "),
    ],
    words: [
      "ESCUTANDO": "LISTENING", "ESTABELECIDA": "ESTABLISHED", "ESTABELECIDO": "ESTABLISHED",
      "Sim": "Yes", "N\u{E3}o": "No", "H\u{ED}brido": "Hybrid",
      "m\u{ED}dia desconectada": "Media disconnected",
    ],
    fragments: [
      ("Endere\u{E7}o local", "Local Address"), ("Endere\u{E7}o Local", "Local Address"),
      ("Endere\u{E7}o externo", "Foreign Address"), ("Endere\u{E7}o Externo", "Foreign Address"),
      ("(Preferencial)", "(Preferred)"),
    ],
    systemErrors: [("Erro de sistema ", "."), ("Ocorreu um erro de sistema ", ".")])

  /// Italian Windows: labels from the real Vista `ipconfig /all` in the fixtures
  /// (`it-ubuntuforums-vista-all-wrapped.paste`) and the netstat header of
  /// `it-wavelink-probe-ano.paste`; `IN ASCOLTO` and `STABILITA` as other projects' parsers of
  /// localized netstat record them (SOURCES.md).
  static let italian = OutputTranslation(
    language: "Italian",
    markers: [
      "Connessioni attive", "Indirizzo locale", "Configurazione IP di Windows",
      "Gateway predefinito", "Scheda Ethernet", "Scheda LAN wireless", "IN ASCOLTO",
      "Errore di sistema",
    ],
    lines: [
      "Connessioni attive": "Active Connections",
      "Configurazione IP di Windows": "Windows IP Configuration",
    ],
    labels: [
      ("Suffisso DNS specifico per connessione", "Connection-specific DNS Suffix"),
      ("Indirizzo IPv6 locale rispetto al collegamento", "Link-local IPv6 Address"),
      ("Indirizzo IPv6 temporaneo", "Temporary IPv6 Address"),
      ("Indirizzo IPv6", "IPv6 Address"), ("Indirizzo IPv4", "IPv4 Address"),
      ("Indirizzo fisico", "Physical Address"), ("Descrizione", "Description"),
      ("DHCP abilitato", "DHCP Enabled"),
      ("Configurazione automatica abilitata", "Autoconfiguration Enabled"),
      ("Subnet mask", "Subnet Mask"), ("Lease ottenuto", "Lease Obtained"),
      ("Scadenza lease", "Lease Expires"), ("Gateway predefinito", "Default Gateway"),
      ("Server DHCP", "DHCP Server"), ("Server DNS", "DNS Servers"),
      ("NetBIOS su TCP/IP", "NetBIOS over Tcpip"), ("Stato supporto", "Media State"),
      ("Nome host", "Host Name"), ("Suffisso DNS primario", "Primary Dns Suffix"),
      ("Tipo nodo", "Node Type"), ("Routing IP abilitato", "IP Routing Enabled"),
      ("Proxy WINS abilitato", "WINS Proxy Enabled"),
    ],
    adapters: [
      ("Scheda Ethernet ", "Ethernet adapter "), ("Scheda LAN wireless ", "Wireless LAN adapter "),
      ("Scheda Tunnel ", "Tunnel adapter "),
    ],
    words: [
      "IN ASCOLTO": "LISTENING", "STABILITA": "ESTABLISHED", "STABILITO": "ESTABLISHED",
      "S\u{EC}": "Yes", "No": "No", "Ibrido": "Hybrid",
      "Supporto disconnesso": "Media disconnected",
    ],
    fragments: [
      ("Indirizzo locale", "Local Address"), ("Indirizzo esterno", "Foreign Address"),
      ("(Preferenziale)", "(Preferred)"),
    ],
    systemErrors: [("Errore di sistema ", ".")])

  /// Russian Windows: labels from the real `ipconfig /all` of Windows Server 2008 in the fixtures
  /// (`ru-devops-2008-all-mixed-header.paste`, whose adapter headers stay English) and the netstat
  /// header of `ru-lab-report-netstat-names.paste` (Windows 10 prints the states in English);
  /// `ПРОСЛУШИВАНИЕ` and `УСТАНОВЛЕНО` as other projects' parsers of localized netstat record them
  /// (SOURCES.md).
  static let russian = OutputTranslation(
    language: "Russian",
    markers: [
      "\u{410}\u{43A}\u{442}\u{438}\u{432}\u{43D}\u{44B}\u{435} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{44F}",
      "\u{41D}\u{430}\u{441}\u{442}\u{440}\u{43E}\u{439}\u{43A}\u{430} \u{43F}\u{440}\u{43E}\u{442}\u{43E}\u{43A}\u{43E}\u{43B}\u{430} IP",
      "\u{41B}\u{43E}\u{43A}\u{430}\u{43B}\u{44C}\u{43D}\u{44B}\u{439} \u{430}\u{434}\u{440}\u{435}\u{441}",
      "\u{410}\u{434}\u{430}\u{43F}\u{442}\u{435}\u{440} Ethernet",
      "\u{41E}\u{441}\u{43D}\u{43E}\u{432}\u{43D}\u{43E}\u{439} \u{448}\u{43B}\u{44E}\u{437}",
      "IPv4-\u{430}\u{434}\u{440}\u{435}\u{441}",
      "\u{41F}\u{420}\u{41E}\u{421}\u{41B}\u{423}\u{428}\u{418}\u{412}\u{410}\u{41D}\u{418}\u{415}",
      "\u{423}\u{421}\u{422}\u{410}\u{41D}\u{41E}\u{412}\u{41B}\u{415}\u{41D}\u{41E}",
      "\u{421}\u{438}\u{441}\u{442}\u{435}\u{43C}\u{43D}\u{430}\u{44F} \u{43E}\u{448}\u{438}\u{431}\u{43A}\u{430}",
    ],
    lines: [
      "\u{410}\u{43A}\u{442}\u{438}\u{432}\u{43D}\u{44B}\u{435} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{44F}":
        "Active Connections",
      "\u{41D}\u{430}\u{441}\u{442}\u{440}\u{43E}\u{439}\u{43A}\u{430} \u{43F}\u{440}\u{43E}\u{442}\u{43E}\u{43A}\u{43E}\u{43B}\u{430} IP \u{434}\u{43B}\u{44F} Windows":
        "Windows IP Configuration",
      "\u{41D}\u{435} \u{43D}\u{430}\u{439}\u{434}\u{435}\u{43D} \u{441}\u{435}\u{442}\u{435}\u{432}\u{43E}\u{439} \u{43F}\u{443}\u{442}\u{44C}.":
        "The network path was not found.",
      "\u{41D}\u{435} \u{443}\u{434}\u{430}\u{43B}\u{43E}\u{441}\u{44C} \u{43D}\u{430}\u{439}\u{442}\u{438} \u{441}\u{435}\u{442}\u{435}\u{432}\u{43E}\u{435} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{435}.":
        "The network connection could not be found.",
    ],
    labels: russianLabels,
    adapters: [
      ("\u{410}\u{434}\u{430}\u{43F}\u{442}\u{435}\u{440} Ethernet ", "Ethernet adapter "),
      (
        "\u{410}\u{434}\u{430}\u{43F}\u{442}\u{435}\u{440} \u{431}\u{435}\u{441}\u{43F}\u{440}\u{43E}\u{432}\u{43E}\u{434}\u{43D}\u{43E}\u{439} \u{43B}\u{43E}\u{43A}\u{430}\u{43B}\u{44C}\u{43D}\u{43E}\u{439} \u{441}\u{435}\u{442}\u{438} ",
        "Wireless LAN adapter "
      ),
      (
        "\u{410}\u{434}\u{430}\u{43F}\u{442}\u{435}\u{440} \u{442}\u{443}\u{43D}\u{43D}\u{435}\u{43B}\u{44C}\u{43D}\u{43E}\u{433}\u{43E} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{44F} ",
        "Tunnel adapter "
      ),
    ],
    words: [
      "\u{41F}\u{420}\u{41E}\u{421}\u{41B}\u{423}\u{428}\u{418}\u{412}\u{410}\u{41D}\u{418}\u{415}":
        "LISTENING",
      "\u{423}\u{421}\u{422}\u{410}\u{41D}\u{41E}\u{412}\u{41B}\u{415}\u{41D}\u{41E}":
        "ESTABLISHED",
      "\u{414}\u{430}": "Yes", "\u{41D}\u{435}\u{442}": "No",
      "\u{413}\u{438}\u{431}\u{440}\u{438}\u{434}\u{43D}\u{44B}\u{439}": "Hybrid",
      "\u{421}\u{440}\u{435}\u{434}\u{430} \u{43F}\u{435}\u{440}\u{435}\u{434}\u{430}\u{447}\u{438} \u{43D}\u{435}\u{434}\u{43E}\u{441}\u{442}\u{443}\u{43F}\u{43D}\u{430}.":
        "Media disconnected",
    ],
    fragments: [
      (
        "\u{41B}\u{43E}\u{43A}\u{430}\u{43B}\u{44C}\u{43D}\u{44B}\u{439} \u{430}\u{434}\u{440}\u{435}\u{441}",
        "Local Address"
      ),
      (
        "\u{412}\u{43D}\u{435}\u{448}\u{43D}\u{438}\u{439} \u{430}\u{434}\u{440}\u{435}\u{441}",
        "Foreign Address"
      ),
      ("\u{418}\u{43C}\u{44F}    Local Address", "Proto  Local Address"),
      ("(\u{41E}\u{441}\u{43D}\u{43E}\u{432}\u{43D}\u{43E}\u{439})", "(Preferred)"),
      (
        "\u{414}\u{43B}\u{44F} \u{432}\u{44B}\u{437}\u{43E}\u{432}\u{430} \u{434}\u{43E}\u{43F}\u{43E}\u{43B}\u{43D}\u{438}\u{442}\u{435}\u{43B}\u{44C}\u{43D}\u{43E}\u{439} \u{441}\u{43F}\u{440}\u{430}\u{432}\u{43A}\u{438} \u{43D}\u{430}\u{431}\u{435}\u{440}\u{438}\u{442}\u{435} NET HELPMSG ",
        "More help is available by typing NET HELPMSG "
      ),
    ],
    systemErrors: [
      (
        "\u{421}\u{438}\u{441}\u{442}\u{435}\u{43C}\u{43D}\u{430}\u{44F} \u{43E}\u{448}\u{438}\u{431}\u{43A}\u{430} ",
        "."
      )
    ])

  /// Russian `ipconfig` labels, from the fixtures named at ``russian``.
  static let russianLabels: [(String, String)] = [
    (
      "DNS-\u{441}\u{443}\u{444}\u{444}\u{438}\u{43A}\u{441} \u{43F}\u{43E}\u{434}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{438}\u{44F}",
      "Connection-specific DNS Suffix"
    ),
    (
      "\u{41B}\u{43E}\u{43A}\u{430}\u{43B}\u{44C}\u{43D}\u{44B}\u{439} IPv6-\u{430}\u{434}\u{440}\u{435}\u{441} \u{43A}\u{430}\u{43D}\u{430}\u{43B}\u{430}",
      "Link-local IPv6 Address"
    ),
    (
      "\u{412}\u{440}\u{435}\u{43C}\u{435}\u{43D}\u{43D}\u{44B}\u{439} IPv6-\u{430}\u{434}\u{440}\u{435}\u{441}",
      "Temporary IPv6 Address"
    ),
    ("IPv6-\u{430}\u{434}\u{440}\u{435}\u{441}", "IPv6 Address"),
    ("IPv4-\u{430}\u{434}\u{440}\u{435}\u{441}", "IPv4 Address"),
    (
      "\u{424}\u{438}\u{437}\u{438}\u{447}\u{435}\u{441}\u{43A}\u{438}\u{439} \u{430}\u{434}\u{440}\u{435}\u{441}",
      "Physical Address"
    ),
    ("\u{41E}\u{43F}\u{438}\u{441}\u{430}\u{43D}\u{438}\u{435}", "Description"),
    ("DHCP \u{432}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}", "DHCP Enabled"),
    (
      "\u{410}\u{432}\u{442}\u{43E}\u{43D}\u{430}\u{441}\u{442}\u{440}\u{43E}\u{439}\u{43A}\u{430} \u{432}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{430}",
      "Autoconfiguration Enabled"
    ),
    (
      "\u{41C}\u{430}\u{441}\u{43A}\u{430} \u{43F}\u{43E}\u{434}\u{441}\u{435}\u{442}\u{438}",
      "Subnet Mask"
    ),
    (
      "\u{410}\u{440}\u{435}\u{43D}\u{434}\u{430} \u{43F}\u{43E}\u{43B}\u{443}\u{447}\u{435}\u{43D}\u{430}",
      "Lease Obtained"
    ),
    (
      "\u{421}\u{440}\u{43E}\u{43A} \u{430}\u{440}\u{435}\u{43D}\u{434}\u{44B} \u{438}\u{441}\u{442}\u{435}\u{43A}\u{430}\u{435}\u{442}",
      "Lease Expires"
    ),
    (
      "\u{41E}\u{441}\u{43D}\u{43E}\u{432}\u{43D}\u{43E}\u{439} \u{448}\u{43B}\u{44E}\u{437}",
      "Default Gateway"
    ),
    ("DHCP-\u{441}\u{435}\u{440}\u{432}\u{435}\u{440}", "DHCP Server"),
    ("IAID DHCPv6", "DHCPv6 IAID"),
    ("DUID \u{43A}\u{43B}\u{438}\u{435}\u{43D}\u{442}\u{430} DHCPv6", "DHCPv6 Client DUID"),
    ("DNS-\u{441}\u{435}\u{440}\u{432}\u{435}\u{440}\u{44B}", "DNS Servers"),
    ("NetBios \u{447}\u{435}\u{440}\u{435}\u{437} TCP/IP", "NetBIOS over Tcpip"),
    (
      "\u{421}\u{43E}\u{441}\u{442}\u{43E}\u{44F}\u{43D}\u{438}\u{435} \u{441}\u{440}\u{435}\u{434}\u{44B}",
      "Media State"
    ),
    (
      "\u{418}\u{43C}\u{44F} \u{43A}\u{43E}\u{43C}\u{43F}\u{44C}\u{44E}\u{442}\u{435}\u{440}\u{430}",
      "Host Name"
    ),
    (
      "\u{41E}\u{441}\u{43D}\u{43E}\u{432}\u{43D}\u{43E}\u{439} DNS-\u{441}\u{443}\u{444}\u{444}\u{438}\u{43A}\u{441}",
      "Primary Dns Suffix"
    ),
    ("\u{422}\u{438}\u{43F} \u{443}\u{437}\u{43B}\u{430}", "Node Type"),
    (
      "IP-\u{43C}\u{430}\u{440}\u{448}\u{440}\u{443}\u{442}\u{438}\u{437}\u{430}\u{446}\u{438}\u{44F} \u{432}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}\u{430}",
      "IP Routing Enabled"
    ),
    (
      "WINS-\u{43F}\u{440}\u{43E}\u{43A}\u{441}\u{438} \u{432}\u{43A}\u{43B}\u{44E}\u{447}\u{435}\u{43D}",
      "WINS Proxy Enabled"
    ),
  ]

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
