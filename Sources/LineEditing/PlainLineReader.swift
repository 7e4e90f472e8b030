import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines without a line editor, for pipes, files and dumb terminals.
///
/// Nothing here waits for or talks to a terminal, so scripts and tests that pipe input never hang.
/// Lines may end in LF or CRLF; a last line without a terminator is still returned. History and
/// completion are accepted and ignored, so the REPL does not need to know which reader it has.
public final class PlainLineReader: LineEditor {
  /// When the prompt is written.
  public enum PromptVisibility: Sendable {
    /// Only when the output is a terminal, so a script that pipes the output gets no prompts in it.
    case whenOutputIsTerminal
    /// Always, such as for a terminal whose `TERM` is `dumb`.
    case always
    /// Never.
    case never
  }

  /// Ignored: a plain reader has no Tab key to complete on.
  public var completer: LineCompleter?

  private let streams: StdioStreams
  private let showsPrompt: Bool
  private let pasteLimit: Int

  /// Reads from `inputDescriptor` and writes prompts to `outputDescriptor`.
  ///
  /// Descriptors other than standard input and output are duplicated, so the caller keeps its own
  /// and closes it when it likes; both must be open. On standard input the reader shares the C
  /// library's `stdin` buffer, so it can be mixed with Swift's `readLine()`. A verbatim read
  /// longer than `pasteLimit` bytes is read to its end and dropped (``LineInput/oversizedPaste(_:)``).
  public init(
    inputDescriptor: Int32 = STDIN_FILENO,
    outputDescriptor: Int32 = STDOUT_FILENO,
    promptVisibility: PromptVisibility = .whenOutputIsTerminal,
    pasteLimit: Int = LineInput.pasteLimit
  ) {
    self.pasteLimit = pasteLimit
    guard
      let streams = StdioStreams(
        inputDescriptor: inputDescriptor, outputDescriptor: outputDescriptor)
    else {
      preconditionFailure("descriptor \(inputDescriptor) or \(outputDescriptor) is not open")
    }
    self.streams = streams
    switch promptVisibility {
    case .whenOutputIsTerminal: showsPrompt = isatty(outputDescriptor) != 0
    case .always: showsPrompt = true
    case .never: showsPrompt = false
    }
  }

  /// Reads one line (LF or CRLF), writing `prompt` first if prompts are shown.
  public func readLine(prompt: String) -> LineInput {
    if showsPrompt {
      fputs(prompt, streams.output)
    }
    // Also pushes out whatever the caller printed before asking.
    fflush(nil)

    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(buffer) }
    var length = getline(&buffer, &capacity, streams.input)
    while length < 0, ferror(streams.input) != 0, errno == EINTR {
      // A signal handler interrupted the read; that is not the end of input.
      clearerr(streams.input)
      length = getline(&buffer, &capacity, streams.input)
    }
    guard length > 0, let buffer else {
      if showsPrompt {
        fputs("\n", streams.output)
        fflush(streams.output)
      }
      return .endOfFile
    }
    // Trimmed as bytes: Swift treats "\r\n" as one Character, so `hasSuffix("\n")` misses CRLF.
    var count = length
    if count > 0, buffer[count - 1] == 0x0A {
      count -= 1
    }
    if count > 0, buffer[count - 1] == 0x0D {
      count -= 1
    }
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)
    return .line(line)
  }

  /// Reads lines up to one holding only `terminator`, or the end of input.
  public func readVerbatim(terminator: String) -> LineInput {
    var lines: [String] = []
    var size = 0
    while case .line(let line) = readLine(prompt: "") {
      if VerbatimText.isTerminator(line, terminator) { break }
      // Past the limit the rest is still read, to find the paste's end, and dropped.
      size += line.utf8.count + 1
      if size <= pasteLimit {
        lines.append(line)
      } else {
        lines = []
      }
    }
    return size > pasteLimit ? .oversizedPaste(size) : .pasted(lines.joined(separator: "\n"))
  }

  /// Ignored: piped input has no history to recall.
  public func addHistory(_ line: String) {}
}
