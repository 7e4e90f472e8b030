import Foundation

/// Long output on a terminal goes through a pager (`$PAGER`, `less -R` by default), as git does;
/// short output, pipes and files get it directly.
enum Pager {
  /// Writes `lines` to `terminal`, through the pager when they do not fit on one screen.
  static func show(_ lines: [String], on terminal: Terminal, environment: [String: String]) {
    guard terminal.isTerminal, terminal.descriptor >= 0, let rows = terminalRows(terminal),
      lines.count > rows - 2,
      let command = pagerCommand(environment)
    else {
      for line in lines { terminal.line(line) }
      return
    }
    // popen, not Process: the pager must stay in the terminal's foreground process group to read
    // keys from it, and Foundation starts children in a group of their own.
    let less = environment["LESS"] == nil ? "LESS=FRX " : ""
    guard let pipe = popen(less + command, "w") else {
      for line in lines { terminal.line(line) }
      return
    }
    // A pager that quits early closes the pipe; that is the person's choice, not an error. Ctrl-C
    // in the pager is the pager's: it must not end the session.
    let previous = signal(SIGPIPE, SIG_IGN)
    InterruptHandler.cancellable {
      fputs(lines.joined(separator: "\n") + "\n", pipe)
      pclose(pipe)
    }
    signal(SIGPIPE, previous)
  }

  /// The pager to run: `$PAGER` unless empty or `cat`, otherwise `less -R` when it exists.
  static func pagerCommand(_ environment: [String: String]) -> String? {
    if let pager = environment["PAGER"] {
      let trimmed = pager.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    let hasLess = path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") }
    return hasLess ? "less -R" : nil
  }

  private static func terminalRows(_ terminal: Terminal) -> Int? {
    var size = winsize()
    guard ioctl(terminal.descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else {
      return nil
    }
    return Int(size.ws_row)
  }
}
