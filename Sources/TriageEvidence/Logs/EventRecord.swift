/// One event read from an event-log export (Event Viewer, wevtutil, PowerShell, CSV, XML), before
/// the events are counted into evidence.
struct EventRecord: Sendable, Equatable {
  /// The event ID.
  var id: Int
  /// The source (provider) as printed: `Tcpip`, `Microsoft Firewall`.
  var source: String
  /// The level, canonical when recognised (``EventLevel``), else as printed.
  var level: String
  /// The time as printed, or `nil` when the export has none.
  var time: String?
  /// The description.
  var message: String
  /// The line where the event starts.
  var line: Int
}
