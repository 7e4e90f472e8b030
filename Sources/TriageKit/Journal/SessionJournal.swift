import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The append-only record of a session: a header line, then one JSON event per line.
///
/// Each event is written and flushed to the kernel before the next prompt, so `kill -9` at a prompt
/// loses nothing already answered. A torn last line (a crash mid-write) is skipped when reading.
public final class SessionJournal: @unchecked Sendable {
  /// The first line.
  public struct Header: Codable, Sendable, Equatable {
    /// The journal format: `nettriage.journal/1`.
    public var schema: String
    /// The session's ID.
    public var session: String
    /// The knowledge base the session ran on.
    public var kb: KnowledgeBase.Identity
    /// The `--kb` folder the session used; `nil` for the embedded knowledge base.
    public var kbPath: String?
    /// When the session started, ISO 8601 in UTC.
    public var started: String
    /// What the help desk calls it: a ticket, a station, a caller (`start --label`, `.label`).
    public var label: String?

    enum CodingKeys: String, CodingKey {
      case schema = "nettriage"
      case session, kb, started, label
      case kbPath = "kb_path"
    }

    /// The header of a session started at `started`, with an optional label.
    public init(
      session: String, kb: KnowledgeBase.Identity, kbPath: String?, started: Date,
      label: String? = nil
    ) {
      schema = SessionJournal.schema
      self.session = session
      self.kb = kb
      self.kbPath = kbPath
      self.started = started.iso8601
      self.label = label
    }
  }

  /// A session as `nettriage sessions` lists it.
  public struct Summary: Sendable {
    /// The journal's header.
    public var header: Header
    /// The journal file.
    public var url: URL
    /// Answers recorded so far.
    public var answers: Int
    /// When the last event was written, if any.
    public var lastActivity: Date?
    /// The outcome when the last thing that happened was reaching a conclusion.
    public var concluded: ConclusionNode.Outcome?
    /// The first damaged line (from 1), when a line before the last cannot be read: the session
    /// holds the events before it.
    public var damagedLine: Int?
  }

  /// The header's schema tag.
  public static let schema = "journal/1"

  /// The journal file.
  public let url: URL
  private var descriptor: Int32
  /// What ``open(_:)`` did about a damaged line, for the user: where, how many events the session
  /// kept, and the file the damaged lines were moved to.
  public private(set) var damage: String?
  private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// `$XDG_STATE_HOME/nettriage/sessions`, or `~/.local/state/nettriage/sessions`.
  public static func defaultDirectory(environment: [String: String]) -> URL {
    stateDirectory(environment: environment).appendingPathComponent("sessions")
  }

  /// `$XDG_STATE_HOME/nettriage` (history lives here too).
  public static func stateDirectory(environment: [String: String]) -> URL {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state).appendingPathComponent("nettriage")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return URL(fileURLWithPath: home).appendingPathComponent(".local/state/nettriage")
  }

  /// Creates a new journal in `directory` and writes its header.
  public static func create(in directory: URL, header: Header) throws(TriageError) -> SessionJournal
  {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(directory.path, reason(creating: directory, error))
    }
    let url = directory.appendingPathComponent("\(header.session).jsonl")
    let fd = SystemWrite.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotWrite(url.path, SystemWrite.reason(errno)) }
    try lock(fd, url: url)
    let journal = SessionJournal(url: url, descriptor: fd)
    guard let data = try? journal.encoder.encode(header) else {
      throw .cannotWrite(url.path, "cannot encode the header")
    }
    do {
      try journal.writeLine(data)
    } catch {
      // A journal without its header is no session: none is left behind.
      unlink(url.path)
      throw error
    }
    return journal
  }

  /// Opens an existing journal to append to it, with what it holds so far.
  public static func open(_ url: URL) throws(TriageError) -> (
    SessionJournal, Header, [SessionEvent]
  ) {
    let fd = openFile(url.path, O_WRONLY | O_APPEND | O_CLOEXEC, 0)
    guard fd >= 0 else { throw .cannotWrite(url.path, String(cString: strerror(errno))) }
    // Locked before reading, so what is read is what the next append follows.
    do {
      try lock(fd, url: url)
    } catch {
      close(fd)
      throw error
    }
    let journal = SessionJournal(url: url, descriptor: fd)
    let (header, events, damagedLine) = try readUpToDamage(url)
    if let damagedLine {
      journal.damage = try setAside(url, from: damagedLine, descriptor: fd, kept: events.count)
    }
    // A torn last line (a crash mid-write) was never a whole event: cut it off, or the next event
    // would follow it and turn it into damage in the middle of the file.
    if let data = FileManager.default.contents(atPath: url.path), let last = data.last,
      last != UInt8(ascii: "\n")
    {
      let keep = (data.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
      let decoder = JSONDecoder()
      let last = Data(data[keep...])
      if (try? decoder.decode(SessionEvent.self, from: last)) != nil
        || (try? decoder.decode(Header.self, from: last)) != nil
      {
        // Whole but for its line feed (the crash came between the two): it was read, so it stays.
        try journal.writeRaw([UInt8(ascii: "\n")])
      } else if ftruncate(fd, off_t(keep)) != 0 {
        throw .cannotWrite(url.path, String(cString: strerror(errno)))
      }
    }
    return (journal, header, events)
  }

  /// Reads a journal: its header and every complete event; a damaged line before the last is an
  /// error with its place.
  public static func read(_ url: URL) throws(TriageError) -> (Header, [SessionEvent]) {
    let (header, events, damagedLine) = try readUpToDamage(url)
    if let damagedLine { throw .invalidInput("\(url.path):\(damagedLine): damaged journal line") }
    return (header, events)
  }

  /// Reads a journal: its header, the events before the first damaged line, and that line's
  /// number (from 1) if one before the last is damaged. A torn last line is not damage.
  public static func readUpToDamage(_ url: URL) throws(TriageError) -> (
    Header, [SessionEvent], damagedLine: Int?
  ) {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .inputMissing(url.path)
    }
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    let decoder = JSONDecoder()
    guard let first = lines.first, let header = try? decoder.decode(Header.self, from: Data(first))
    else {
      throw .invalidInput("'\(url.path)' is not a NetTriage session journal")
    }
    guard header.schema == schema else {
      throw .invalidInput("'\(url.path)': unsupported journal schema '\(header.schema)'")
    }
    var events: [SessionEvent] = []
    for (index, line) in lines.dropFirst().enumerated() {
      do {
        events.append(try decoder.decode(SessionEvent.self, from: Data(line)))
      } catch {
        // Only the last line may be torn by a crash; anything else is damage worth reporting.
        if index == lines.count - 2 { break }
        return (header, events, lineNumber(of: line, in: data))
      }
    }
    return (header, events, nil)
  }

  /// The line number (from 1) of `line`, a slice of `data`.
  private static func lineNumber(of line: Data.SubSequence, in data: Data) -> Int {
    data[data.startIndex..<line.startIndex].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  }

  /// Moves the lines from `line` on to `<journal>.damaged` (appended, so nothing is lost) and cuts
  /// the journal before them, so the session can go on; returns what to tell the user.
  private static func setAside(_ url: URL, from line: Int, descriptor: Int32, kept: Int)
    throws(TriageError) -> String
  {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .inputMissing(url.path)
    }
    var offset = data.startIndex
    var current = 1
    while current < line, let newline = data[offset...].firstIndex(of: UInt8(ascii: "\n")) {
      offset = newline + 1
      current += 1
    }
    let aside = url.path + ".damaged"
    let fd = SystemWrite.open(aside, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotWrite(aside, SystemWrite.reason(errno)) }
    // The journal is cut only once its damaged lines are safely aside.
    if let code = SystemWrite.all(Array(data[offset...]), to: fd, path: aside)
      ?? SystemWrite.sync(fd, path: aside)
    {
      _ = SystemWrite.close(fd)
      throw .cannotWrite(aside, SystemWrite.reason(code))
    }
    if let code = SystemWrite.close(fd, path: aside) {
      throw .cannotWrite(aside, SystemWrite.reason(code))
    }
    guard ftruncate(descriptor, off_t(offset - data.startIndex)) == 0 else {
      throw .cannotWrite(url.path, String(cString: strerror(errno)))
    }
    return
      "\(url.path):\(line): damaged journal line; the session goes on from the \(kept) event\(kept == 1 ? "" : "s") before it (the damaged lines are kept in '\(aside)')"
  }

  /// An exclusive advisory lock for as long as the journal is open: two processes appending to
  /// one session would interleave their events.
  private static func lock(_ descriptor: Int32, url: URL) throws(TriageError) {
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      if errno == EWOULDBLOCK {
        throw .cannotWrite(url.path, "the session is open in another nettriage process")
      }
      throw .cannotWrite(url.path, String(cString: strerror(errno)))
    }
  }

  /// The journals in `directory` that cannot be read at all (no readable header), with why: listed
  /// by `sessions`, never hidden.
  public static func unreadable(in directory: URL) -> [(url: URL, reason: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.sorted().compactMap {
      name -> (url: URL, reason: String)? in
      let url = directory.appendingPathComponent(name)
      do throws(TriageError) {
        _ = try readUpToDamage(url)
        return nil
      } catch {
        return (url, error.description.replacingOccurrences(of: "error: ", with: ""))
      }
    }
  }

  /// Why a state folder could not be made, in words: Foundation's "NSCocoaErrorDomain error 512"
  /// hides the system's reason, so the folder and each parent are looked at.
  static func reason(creating directory: URL, _ error: any Error) -> String {
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    var path = directory.standardizedFileURL.path
    while !path.isEmpty, path != "/" {
      var status = stat()
      if lstat(path, &status) == 0 {
        if status.st_mode & S_IFMT != S_IFDIR { return "'\(path)' is not a folder" }
        if access(path, W_OK | X_OK) != 0 { return "no permission to write in '\(path)'" }
        break
      }
      path = (path as NSString).deletingLastPathComponent
    }
    return "cannot create the folder"
  }

  /// Every journal in `directory`, newest first.
  public static func list(in directory: URL) -> [Summary] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var summaries: [Summary] = []
    for name in names where name.hasSuffix(".jsonl") {
      let url = directory.appendingPathComponent(name)
      guard let (header, events, damagedLine) = try? readUpToDamage(url) else { continue }
      let session = events.reduce(
        into: (answers: Set<String>(), concluded: ConclusionNode.Outcome?.none)
      ) { state, event in
        switch event.kind {
        case .answered(let question, _, _): state.answers.insert(question)
        case .concluded(_, let outcome): state.concluded = outcome
        case .undone, .reopened, .restarted: state.concluded = nil
        default: break
        }
      }
      summaries.append(
        Summary(
          header: header, url: url, answers: session.answers.count, lastActivity: events.last?.time,
          concluded: session.concluded, damagedLine: damagedLine))
    }
    return summaries.sorted {
      ($0.lastActivity ?? .distantPast, $0.header.session) > (
        $1.lastActivity ?? .distantPast, $1.header.session
      )
    }
  }

  private init(url: URL, descriptor: Int32) {
    self.url = url
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// Replaces the header's label (the rest of the journal is kept byte for byte), atomically.
  public func relabel(_ label: String?) throws(TriageError) {
    guard let data = FileManager.default.contents(atPath: url.path),
      let newline = data.firstIndex(of: UInt8(ascii: "\n")),
      var header = try? JSONDecoder().decode(Header.self, from: data[..<newline])
    else {
      throw .cannotWrite(url.path, "cannot read the journal's header")
    }
    header.label = label
    guard let encoded = try? encoder.encode(header) else {
      throw .cannotWrite(url.path, "cannot encode the header")
    }
    let temporary = url.path + ".relabel"
    let fd = SystemWrite.open(
      temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotWrite(url.path, SystemWrite.reason(errno)) }
    // Until the rename, a failure leaves the journal as it was.
    let bytes = Array(encoded) + Array(data[newline...])
    var failure =
      SystemWrite.all(bytes, to: fd, path: temporary) ?? SystemWrite.sync(fd, path: temporary)
    let closed = SystemWrite.close(fd, path: temporary)
    failure = failure ?? closed ?? SystemWrite.rename(temporary, to: url.path)
    if let failure {
      unlink(temporary)
      throw .cannotWrite(url.path, SystemWrite.reason(failure))
    }
    let reopened = openFile(url.path, O_WRONLY | O_APPEND, 0)
    guard reopened >= 0 else { throw .cannotWrite(url.path, String(cString: strerror(errno))) }
    close(descriptor)
    descriptor = reopened
  }

  /// Appends one event and flushes it.
  public func append(_ event: SessionEvent) throws(TriageError) {
    guard let data = try? encoder.encode(event) else {
      throw .cannotWrite(url.path, "cannot encode an event")
    }
    try writeLine(data)
  }

  private func writeLine(_ data: Data) throws(TriageError) {
    try writeRaw(Array(data) + [UInt8(ascii: "\n")])
  }

  private func writeRaw(_ bytes: [UInt8]) throws(TriageError) {
    var status = stat()
    let before = fstat(descriptor, &status) == 0 ? status.st_size : nil
    // One write() per line: the kernel keeps it whole if the process dies right after.
    if let code = SystemWrite.all(bytes, to: descriptor, path: url.path)
      ?? SystemWrite.sync(descriptor, path: url.path)
    {
      // Part of the line may have reached the file (a short write, then ENOSPC): cut it off, so
      // the journal stays a list of whole events and the next append does not follow a torn line.
      if let before { _ = ftruncate(descriptor, before) }
      throw .cannotWrite(url.path, SystemWrite.reason(code))
    }
  }
}

private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
  #if canImport(Glibc)
    Glibc.open(path, flags, mode)
  #else
    Darwin.open(path, flags, mode)
  #endif
}
