import TriageKit

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
