/// The title over a netstat's TCP/IP table, "Active Internet connections …", whose parenthesis
/// tells which netstat printed it; the Linux and BSD importers recognise their own by it.
enum NetstatTitle {
  /// Linux net-tools: `(servers and established)`, `(only servers)`, `(w/o servers)`.
  case linux
  /// macOS and FreeBSD `netstat -a`: `(including servers)`.
  case bsd
  /// Another parenthesis, or none (BSD without `-a`).
  case unmarked

  /// The title `line` is, or `nil` when it is no such title.
  init?(_ line: RowLine) {
    guard line.hasPrefix("Active Internet connections") else { return nil }
    if line.contains("(servers and established)") || line.contains("(only servers)")
      || line.contains("(w/o servers)")
    {
      self = .linux
    } else if line.contains("(including servers)") {
      self = .bsd
    } else {
      self = .unmarked
    }
  }
}
