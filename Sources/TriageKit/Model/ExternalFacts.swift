/// Facts that evidence importers and probes give, which no question sets: namespaced names
/// (`tcp.syn-sent`, `event.4226`, `isa.0xc0040037`). Their vocabulary is docs/evidence.md.
public enum ExternalFacts {
  /// The namespaces, each the part before the first dot.
  public static let namespaces: Set<String> = [
    "tcp", "ipconfig", "nslookup", "net", "event", "isa", "tnc", "route", "limits", "dns", "probe",
    "kernel",
  ]

  /// Whether `name` is in one of the namespaces.
  public static func isExternal(_ name: String) -> Bool {
    guard let dot = name.firstIndex(of: ".") else { return false }
    return namespaces.contains(String(name[..<dot]))
  }
}
