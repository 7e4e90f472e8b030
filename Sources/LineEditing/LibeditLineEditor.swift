import CEditLine
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A line editor on libedit: emacs keys, history search, Tab completion and a history file.
///
/// Ctrl-C abandons the line instead of killing the process: the terminal's ISIG flag is off while
/// editing and Ctrl-C is an editor command, so nothing unsaved is lost and ``readLine(prompt:)``
/// returns ``LineInput/interrupted``. Ctrl-Z still suspends, Ctrl-R searches history backwards and
/// Ctrl-D on an empty line ends input. Settings in `~/.editrc` apply, except for the keys above.
///
/// Use it only when standard input and output are terminals; ``LineEditorFactory`` decides.
public final class LibeditLineEditor: LineEditor {
  /// Called on Tab with the line up to the cursor; `nil` turns completion off.
  public var completer: LineCompleter?

  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  /// Outlives `editLine`, which reads and draws through these streams.
  private let streams: StdioStreams
  /// libedit keeps the pointer the prompt callback returns and calls it again on every redraw, so
  /// the string lives here until the next prompt replaces it.
  private var promptCString = strdup("")
  /// Set by the Ctrl-C command so that `readLine` can tell an abandoned line from an entered one.
  private var interruptRequested = false
  /// Set by the bracketed-paste command: what was pasted, verbatim.
  private var pastedText: [UInt8]?
  /// Set by the bracketed-paste command when the paste was over ``pasteLimit``: its size.
  private var oversizedPasteSize: Int?
  private let pasteLimit: Int
  /// The history lines, oldest first, for Ctrl-R's search (libedit's own list is walked only
  /// through a cursor that its other commands move too).
  private var historyEntries: [String] = []

  /// Opens the editor on the standard streams, or on the given terminal descriptors.
  ///
  /// - Parameters:
  ///   - historyFile: where history is loaded from and saved to after every line; its directory is
  ///     created (mode 0700) if missing. `nil` keeps history in memory only. History problems never
  ///     stop editing: an unreadable or unwritable file just means no saved history.
  ///   - inputDescriptor: the terminal to read keys from; it stays open after the editor ends.
  ///   - outputDescriptor: the terminal to draw on; it stays open after the editor ends.
  ///   - terminalType: the terminfo name; `nil` uses `$TERM`.
  ///   - handlesSignals: lets libedit restore the terminal on SIGTSTP, SIGCONT and SIGTERM and follow
  ///     window size changes (SIGWINCH) while a line is edited. Only a test running the editor inside
  ///     its own process should turn this off.
  ///   - pasteLimit: the largest paste kept, in bytes; a longer one is read to its end and dropped
  ///     (``LineInput/oversizedPaste(_:)``).
  /// - Returns: `nil` when libedit cannot start.
  public init?(
    historyFile: URL?,
    inputDescriptor: Int32 = STDIN_FILENO,
    outputDescriptor: Int32 = STDOUT_FILENO,
    terminalType: String? = nil,
    handlesSignals: Bool = true,
    pasteLimit: Int = LineInput.pasteLimit
  ) {
    self.pasteLimit = pasteLimit
    Self.selectUTF8Locale()
    guard
      let streams = StdioStreams(
        inputDescriptor: inputDescriptor, outputDescriptor: outputDescriptor),
      let editLine = el_init(Self.programName, streams.input, streams.output, streams.errors)
    else {
      return nil
    }
    guard let history = history_init() else {
      el_end(editLine)
      return nil
    }
    self.editLine = editLine
    self.history = history
    self.streams = streams
    self.historyPath = historyFile.flatMap(Self.prepareHistoryFile)

    cel_history_set_size(history, Self.historySize)
    cel_history_set_unique(history, 1)
    if let historyPath {
      cel_history_load(history, historyPath)
    }
    historyEntries = Self.entries(of: history)
    configureEditor(terminalType: terminalType, handlesSignals: handlesSignals)
  }

  deinit {
    el_end(editLine)
    history_end(history)
    free(promptCString)
  }

  /// Edits one line after `prompt`; a bracketed or fast multi-line paste comes back whole.
  public func readLine(prompt: String) -> LineInput {
    free(promptCString)
    promptCString = strdup(PromptMarkup.markingInvisibleSequences(in: prompt))
    interruptRequested = false
    pastedText = nil
    oversizedPasteSize = nil
    // Output printed by the caller since the last prompt may still sit in a stdio buffer; it has to
    // reach the terminal before libedit draws the prompt after it.
    fflush(nil)
    // Bracketed paste: a paste arrives marked, and the paste command takes it whole.
    fputs("\u{1B}[?2004h", streams.output)

    var count: Int32 = 0
    let text = el_gets(editLine, &count)
    fputs("\u{1B}[?2004l", streams.output)
    fflush(streams.output)
    if interruptRequested {
      return .interrupted
    }
    if let oversizedPasteSize {
      return .oversizedPaste(oversizedPasteSize)
    }
    if let pastedText {
      return .pasted(VerbatimText.lines(of: pastedText).joined(separator: "\n"))
    }
    guard let text, count > 0 else {
      // Ctrl-D leaves the cursor after "^D" on the prompt line; what follows starts on its own line.
      fputs("\n", streams.output)
      fflush(streams.output)
      return .endOfFile
    }
    var line = String(cString: text)
    if line.hasSuffix("\n") {
      line.removeLast()
    }
    // More lines already waiting after Enter: a paste on a terminal that does not bracket pastes.
    // The rest is taken verbatim, so the lines after the first keep their Tabs.
    if PendingInput.isWaiting(on: inputDescriptor, milliseconds: 30) {
      let typed = line.utf8.count + 1
      let (rest, received) = PendingInput.drain(inputDescriptor, limit: pasteLimit - typed)
      if typed + received > pasteLimit { return .oversizedPaste(typed + received) }
      let lines = VerbatimText.lines(of: Array(line.utf8) + [0x0A] + rest)
      return .pasted(lines.joined(separator: "\n"))
    }
    return .line(line)
  }

  /// Reads pasted text outside libedit (Tabs kept), up to `terminator` or the paste's end.
  public func readVerbatim(terminator: String) -> LineInput {
    fflush(nil)
    return TerminalVerbatimReader(
      input: inputDescriptor, output: fileno(streams.output), limit: pasteLimit
    ).readText(terminator: terminator)
  }

  private var inputDescriptor: Int32 { fileno(streams.input) }

  /// Remembers `line` for Up and Ctrl-R and saves the history file at once.
  public func addHistory(_ line: String) {
    guard line.contains(where: { !$0.isWhitespace }) else { return }
    cel_history_enter(history, line)
    // As libedit's list: consecutive duplicates once, the newest `historySize` lines.
    if historyEntries.last != line {
      historyEntries.append(line)
      if historyEntries.count > Int(Self.historySize) {
        historyEntries.removeFirst(historyEntries.count - Int(Self.historySize))
      }
    }
    if let historyPath {
      cel_history_save(history, historyPath)
    }
  }

  // MARK: - Set-up

  /// How many lines the history keeps, in memory and in the file.
  private static let historySize: Int32 = 1000

  /// The name `~/.editrc` lines can be scoped to, as in `nettriage:bind ...`.
  private static let programName = "nettriage"

  private func configureEditor(terminalType: String?, handlesSignals: Bool) {
    if let terminalType {
      cel_set_terminal(editLine, terminalType)
    }
    cel_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
    cel_set_prompt_esc(editLine, promptCallback, CChar(PromptMarkup.ignoreMarker.value))
    cel_set_editor(editLine, "emacs")
    cel_set_signal(editLine, handlesSignals ? 1 : 0)
    cel_set_history(editLine, history)

    // Defaults a person's ~/.editrc may change.
    for (key, command) in Self.navigationKeys {
      cel_bind(editLine, key, command)
    }
    // ~/.editrc next: the bindings below are the ones the REPL relies on, so they win.
    el_source(editLine, nil)

    // A command must exist before a key is bound to it; binding to an unknown name can corrupt
    // libedit's heap.
    cel_add_function(editLine, "nettriage-complete", "complete the current word", completeCallback)
    cel_add_function(editLine, "nettriage-interrupt", "abandon the line", interruptCallback)
    cel_add_function(editLine, "nettriage-suspend", "suspend the program", suspendCallback)
    cel_add_function(editLine, "nettriage-paste", "take a bracketed paste whole", pasteCallback)
    cel_add_function(
      editLine, "nettriage-search-history", "search history backwards", searchHistoryCallback)
    cel_bind(editLine, "^I", "nettriage-complete")
    cel_bind(editLine, "^C", "nettriage-interrupt")
    cel_bind(editLine, "^Z", "nettriage-suspend")
    cel_bind(editLine, "^R", "nettriage-search-history")
    cel_bind(editLine, "\u{1B}[200~", "nettriage-paste")

    // With ISIG on, the kernel turns Ctrl-C into SIGINT, which libedit re-sends to the process
    // group after restoring the terminal: the program dies and unsaved history is lost. Off only
    // while editing ("-d"), so Ctrl-C still interrupts a running command.
    parse(["setty", "-d", "-isig"])
  }

  /// Home, End, Delete and Ctrl-arrows in the spellings terminals and multiplexers send.
  ///
  /// libedit binds only the sequences terminfo lists for `$TERM`; tmux, for one, sends ESC [1~ for
  /// Home even with TERM=xterm-256color, which libedit would otherwise insert as "~".
  private static let navigationKeys = [
    ("\u{1B}[1~", "ed-move-to-beg"), ("\u{1B}[7~", "ed-move-to-beg"),
    ("\u{1B}[H", "ed-move-to-beg"), ("\u{1B}OH", "ed-move-to-beg"),
    ("\u{1B}[4~", "ed-move-to-end"), ("\u{1B}[8~", "ed-move-to-end"),
    ("\u{1B}[F", "ed-move-to-end"), ("\u{1B}OF", "ed-move-to-end"),
    ("\u{1B}[3~", "ed-delete-next-char"),
    ("\u{1B}[1;5D", "ed-prev-word"), ("\u{1B}[1;5C", "em-next-word"),
  ]

  private func parse(_ arguments: [String]) {
    var cStrings = arguments.map { UnsafePointer(strdup($0)) }
    defer {
      for cString in cStrings {
        free(UnsafeMutablePointer(mutating: cString))
      }
    }
    el_parse(editLine, Int32(cStrings.count), &cStrings)
  }

  /// A Swift program starts in the "C" locale, in which libedit silently drops non-ASCII input.
  private static func selectUTF8Locale() {
    setlocale(LC_CTYPE, "")
    if cel_codeset_is_utf8() == 0 {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
  }

  /// The lines of `history`, oldest first.
  private static func entries(of history: OpaquePointer) -> [String] {
    var newestFirst: [String] = []
    var entry = cel_history_first(history)
    while let text = entry {
      newestFirst.append(String(cString: text))
      entry = cel_history_next(history)
    }
    return newestFirst.reversed()
  }

  /// The path of `file` once its directory exists, or `nil` when it cannot be created.
  private static func prepareHistoryFile(_ file: URL) -> String? {
    let directory = file.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(
        at: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      return nil
    }
    return file.path
  }

  // MARK: - Editor commands

  /// The editor that owns `editLine`, found through libedit's client data.
  fileprivate static func owning(_ editLine: OpaquePointer?) -> LibeditLineEditor? {
    guard let editLine, let data = cel_get_client_data(editLine) else { return nil }
    return Unmanaged<LibeditLineEditor>.fromOpaque(data).takeUnretainedValue()
  }

  fileprivate var prompt: UnsafeMutablePointer<CChar>? { promptCString }

  fileprivate func complete() -> Int32 {
    // A Tab with more input already waiting is part of a paste, not a key a person pressed.
    if PendingInput.isWaiting(on: inputDescriptor, milliseconds: 0) {
      el_insertstr(editLine, "\t")
      return CC_REFRESH
    }
    guard let completer, let info = el_wline(editLine)?.pointee else { return CC_REFRESH_BEEP }
    let beforeCursor = Self.string(from: info.buffer, to: info.cursor)
    guard
      let edit = WordCompletion(lineBeforeCursor: beforeCursor, candidates: completer(beforeCursor))
    else {
      return CC_REFRESH_BEEP
    }
    if edit.changesLine {
      el_deletestr(editLine, Int32(edit.word.unicodeScalars.count))
      var wide = edit.replacement.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
      wide.append(0)
      el_winsertstr(editLine, wide)
    }
    guard !edit.alternatives.isEmpty else { return CC_REFRESH }
    let width = Int(cel_terminal_columns(editLine))
    let lines = CandidateColumns.lines(for: edit.alternatives, width: width > 0 ? width : 80)
    fputs("\n" + lines.joined(separator: "\n") + "\n", streams.output)
    fflush(streams.output)
    // Redraws the prompt and the line below the list.
    return CC_REDISPLAY
  }

  /// After the bracketed-paste start marker: reads to the end marker (libedit's raw mode, one
  /// byte at a time, so nothing of it sits in libedit's buffers), keeps it, and ends the line.
  fileprivate func takePaste() -> Int32 {
    var pasted: [UInt8] = []
    if let info = el_line(editLine)?.pointee {
      let typed = UnsafeRawBufferPointer(
        start: info.buffer, count: info.lastchar - info.buffer)
      pasted += typed
    }
    // Past the limit only the last bytes stay, to see the end marker; the size is counted.
    var received = pasted.count
    let marker = VerbatimText.pasteEnd
    while let byte = readByte() {
      pasted.append(byte)
      received += 1
      if pasted.count >= marker.count, pasted.suffix(marker.count).elementsEqual(marker) {
        pasted.removeLast(marker.count)
        received -= marker.count
        break
      }
      if received > pasteLimit, pasted.count > marker.count {
        pasted.removeFirst(pasted.count - marker.count)
      }
    }
    if received > pasteLimit {
      oversizedPasteSize = received
    } else {
      pastedText = pasted
    }
    el_push(editLine, "\n")
    return CC_REFRESH
  }

  /// Ctrl-R: an incremental search backwards through history, shown as
  /// `(reverse-i-search)'query': match` in place of the prompt.
  ///
  /// Keys as in bash: typing narrows, Ctrl-R finds the next older match, Backspace widens, Enter
  /// runs the match, Ctrl-G gives the line back as it was, Escape or any other key (arrows, Ctrl-A,
  /// Ctrl-E) takes the match into the line to edit, and that key then acts on it; Ctrl-C abandons
  /// the line. Keys are read here, byte by byte in libedit's raw mode, like a paste.
  fileprivate func searchHistory() -> Int32 {
    let original = currentLine()
    var search = HistorySearch(entries: historyEntries)
    let columns = Int(cel_terminal_columns(editLine))
    let width = columns > 0 ? columns : 80
    var character: [UInt8] = []
    showSearch(search.statusLine(width: width))
    while let byte = readByte() {
      switch byte {
      case 0x12:
        search.older()
      case 0x7F, 0x08:
        search.erase()
      case 0x0D, 0x0A:
        return endSearch(line: search.match ?? original, pushing: "\n")
      case 0x07:
        return endSearch(line: original, pushing: nil)
      case 0x03:
        endSearchDisplay()
        return interrupt()
      case 0x1B:
        // A key sequence (an arrow, Home) goes on to libedit; Escape alone just ends the search.
        let sequence = PendingInput.isWaiting(on: inputDescriptor, milliseconds: 20)
        return endSearch(line: search.match ?? original, pushing: sequence ? "\u{1B}" : nil)
      case 0x00..<0x20:
        return endSearch(
          line: search.match ?? original, pushing: String(UnicodeScalar(byte)))
      default:
        character.append(byte)
        // Multibyte characters arrive a byte at a time: search once one is whole.
        if let text = String(validating: character, as: UTF8.self) {
          search.type(text)
          character = []
        } else if character.count >= 4 {
          character = []
        }
      }
      showSearch(search.statusLine(width: width))
    }
    // The terminal went away: leave the line as it was.
    return endSearch(line: original, pushing: nil)
  }

  private func readByte() -> UInt8? {
    var byte: UInt8 = 0
    while true {
      let count = read(inputDescriptor, &byte, 1)
      if count < 0, errno == EINTR { continue }
      return count == 1 ? byte : nil
    }
  }

  /// Draws the search line over the prompt's row.
  private func showSearch(_ status: String) {
    fputs("\r\u{1B}[K" + status, streams.output)
    fflush(streams.output)
  }

  /// Clears the search line; the cursor is left at the row's start, where libedit's redisplay
  /// expects to draw the prompt again.
  private func endSearchDisplay() {
    fputs("\r\u{1B}[K", streams.output)
    fflush(streams.output)
  }

  /// Puts `line` in the editor, hands `key` (if any) to libedit as if typed, and has the prompt
  /// and line redrawn.
  private func endSearch(line: String, pushing key: String?) -> Int32 {
    endSearchDisplay()
    replaceLine(with: line)
    if let key { el_push(editLine, key) }
    return CC_REDISPLAY
  }

  private func currentLine() -> String {
    guard let info = el_wline(editLine)?.pointee else { return "" }
    return Self.string(from: info.buffer, to: info.lastchar)
  }

  private func replaceLine(with text: String) {
    guard let info = el_wline(editLine)?.pointee else { return }
    el_cursor(editLine, Int32(info.lastchar - info.cursor))
    el_deletestr(editLine, Int32(info.lastchar - info.buffer))
    guard !text.isEmpty else { return }
    var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    wide.append(0)
    el_winsertstr(editLine, wide)
  }

  fileprivate func interrupt() -> Int32 {
    interruptRequested = true
    guard let info = el_wline(editLine)?.pointee else { return CC_EOF }
    // Show "^C" after the whole line, as a shell does, then let libedit's own newline command end
    // the line so the display is left tidy whatever its length; readLine discards the text.
    el_cursor(editLine, Int32(info.lastchar - info.cursor))
    el_insertstr(editLine, "^C")
    el_push(editLine, "\n")
    return CC_REFRESH
  }

  private static func string(
    from start: UnsafePointer<wchar_t>, to end: UnsafePointer<wchar_t>
  ) -> String {
    let wide = UnsafeBufferPointer(start: start, count: end - start)
    var scalars = String.UnicodeScalarView()
    for character in wide {
      scalars.append(Unicode.Scalar(UInt32(bitPattern: character)) ?? "\u{FFFD}")
    }
    return String(scalars)
  }
}

// libedit calls plain C function pointers. They capture nothing and find the editor through the
// client data: a capturing @convention(c) closure crashes the Swift 6.3 compiler.

private func promptCallback(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  LibeditLineEditor.owning(editLine)?.prompt
}

private func completeCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
  UInt8(LibeditLineEditor.owning(editLine)?.complete() ?? CC_ERROR)
}

private func interruptCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
  UInt8(LibeditLineEditor.owning(editLine)?.interrupt() ?? CC_EOF)
}

private func pasteCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
  UInt8(LibeditLineEditor.owning(editLine)?.takePaste() ?? CC_ERROR)
}

private func searchHistoryCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
  UInt8(LibeditLineEditor.owning(editLine)?.searchHistory() ?? CC_ERROR)
}

private func suspendCallback(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
  // With signal handling on, libedit restores the terminal before stopping and raw mode after
  // SIGCONT; the redisplay then redraws the prompt on the resumed terminal.
  raise(SIGTSTP)
  return UInt8(CC_REDISPLAY)
}
