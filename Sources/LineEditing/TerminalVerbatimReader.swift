#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads pasted text from a terminal byte for byte, outside libedit, where a Tab would complete.
///
/// The terminal stays in its cooked mode, so the kernel echoes and a person typing still has
/// Backspace; Ctrl-C ends the read at once (it is made a line end, with signals off) and cancels.
/// Bracketed paste is asked for, so a paste ends by itself; a line holding only the terminator, or
/// Ctrl-D, ends it too. The kernel holds at most 4095 characters of one line in this mode.
struct TerminalVerbatimReader {
  let input: Int32
  let output: Int32
  /// The most bytes kept; a longer paste is read to its end and dropped.
  var limit = LineInput.pasteLimit

  private static let interrupt: UInt8 = 0x03

  func readText(terminator: String) -> LineInput {
    var saved = termios()
    let isTerminal = tcgetattr(input, &saved) == 0
    if isTerminal {
      var settings = saved
      settings.c_lflag |= tcflag_t(ICANON | ECHO)
      settings.c_lflag &= ~tcflag_t(ISIG | ECHOCTL)
      withUnsafeMutableBytes(of: &settings.c_cc) { cc in
        cc[Int(VEOL)] = Self.interrupt
        // The end-of-paste marker ends with "~": a read returns there, so a paste whose last line
        // has no line end is complete without another key.
        cc[Int(VEOL2)] = UInt8(ascii: "~")
      }
      tcsetattr(input, TCSANOW, &settings)
      send("\u{1B}[?2004h")
    }
    defer {
      if isTerminal {
        send("\u{1B}[?2004l")
        tcsetattr(input, TCSANOW, &saved)
      }
    }
    var text: [UInt8] = []
    var line: [UInt8] = []
    // Bytes of the paste so far, kept or not.
    var received = 0
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        received += line.count
        if received <= limit { text += line }
        break
      }
      line += buffer[0..<count]
      if line.contains(Self.interrupt) { return .interrupted }
      line = VerbatimText.removing(VerbatimText.pasteStart, from: line).bytes
      let (rest, pasteEnded) = VerbatimText.removing(VerbatimText.pasteEnd, from: line)
      line = rest
      guard pasteEnded || line.last == 0x0A else {
        // A paste without line ends is bounded too: its tail stays, where the end marker may
        // be arriving in parts.
        if received + line.count > limit {
          let kept = min(line.count, VerbatimText.pasteEnd.count - 1)
          received += line.count - kept
          line = Array(line.suffix(kept))
          text = []
        }
        continue
      }
      let shown = String(decoding: line, as: UTF8.self)
      if VerbatimText.isTerminator(shown.replacingNewlines(), terminator) { break }
      received += line.count
      if received <= limit {
        text += line
      } else {
        text = []
      }
      line = []
      if pasteEnded { break }
    }
    if received > limit { return .oversizedPaste(received) }
    return .pasted(VerbatimText.lines(of: text).joined(separator: "\n"))
  }

  private func send(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(output, &bytes, bytes.count)
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(self.filter { $0 != "\n" && $0 != "\r\n" })
  }
}
