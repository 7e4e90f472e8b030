/// Event levels in one spelling, whatever the export printed.
enum EventLevel {
  /// The canonical level for a printed one: `Warning`, `Error`, `Information`, `Critical`,
  /// `Verbose`, `Audit Success`, `Audit Failure`; a number (XML, `Get-WinEvent`'s `Level`) is
  /// translated; anything else comes back as printed (trimmed).
  static func name(_ raw: String) -> String {
    let text = LogBytes.trim(raw)
    if let number = Int(text) { return name(number: number) }
    switch text.lowercased() {
    case "critical": return "Critical"
    case "error": return "Error"
    case "warning": return "Warning"
    case "information", "informational", "info": return "Information"
    case "verbose": return "Verbose"
    case "success audit", "successaudit", "audit success": return "Audit Success"
    case "failure audit", "failureaudit", "audit failure": return "Audit Failure"
    default: return text
    }
  }

  /// The level for the numbers of the event schema: 1 Critical, 2 Error, 3 Warning,
  /// 0 (LogAlways, the Security log's) and 4 Information, 5 Verbose.
  static func name(number: Int) -> String {
    switch number {
    case 1: return "Critical"
    case 2: return "Error"
    case 3: return "Warning"
    case 0, 4: return "Information"
    case 5: return "Verbose"
    default: return String(number)
    }
  }
}
