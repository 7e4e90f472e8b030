import TriageKit

/// Reads the error reports of programs other than `net`: Python (`OSError: [WinError 10055] …`,
/// `[Errno 105] No buffer space available`), Rust and Go (`(os error 10055)`), curl, Java and .NET
/// texts that carry a Winsock code or name, a Winsock message without its code (`operation on a
/// socket could not be performed because …`), and POSIX errors by name (`EMFILE`) or in their
/// usual wording (`Too many open files`, `Cannot assign requested address`, also in lower case after
/// a colon as Go prints it: `connect: cannot assign requested address`).
///
/// Windows codes give `net.error` and `net.errors` like `net use`; POSIX errors give
/// `net.posix-error` (the name seen most) and `net.posix-errors`. The message after a code may be
/// in any language; the code decides.
public enum ProgramErrorImporter: EvidenceImporter {
  public static let kind = EvidenceKind.netUse
  public static let summary =
    "program error reports: [WinError 10055], [Errno 24], os error 10048, EMFILE, 'Too many open files'"
  static let format = "program-error"

  /// A POSIX error: its name, Linux number and the wording of glibc's strerror.
  struct PosixError {
    let name: String
    let number: Int
    let wording: String
  }

  /// The POSIX errors of a station out of connections, ports, descriptors or buffers.
  static let posix: [PosixError] = [
    PosixError(name: "ENFILE", number: 23, wording: "Too many open files in system"),
    PosixError(name: "EMFILE", number: 24, wording: "Too many open files"),
    PosixError(name: "EADDRINUSE", number: 98, wording: "Address already in use"),
    PosixError(name: "EADDRNOTAVAIL", number: 99, wording: "Cannot assign requested address"),
    PosixError(name: "ENETUNREACH", number: 101, wording: "Network is unreachable"),
    PosixError(name: "ECONNRESET", number: 104, wording: "Connection reset by peer"),
    PosixError(name: "ENOBUFS", number: 105, wording: "No buffer space available"),
    PosixError(name: "ETIMEDOUT", number: 110, wording: "Connection timed out"),
    PosixError(name: "ECONNREFUSED", number: 111, wording: "Connection refused"),
    PosixError(name: "EHOSTUNREACH", number: 113, wording: "No route to host"),
  ]

  /// One error found.
  struct Found {
    var windows: Int?
    var posix: PosixError?
    var message: String
    var line: Int
  }

  public static func recognition(of text: EvidenceText) -> Int {
    for line in ConnectionRows.head(of: text, limit: 60) where find(in: line) != nil { return 45 }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var found: [Found] = []
    var lines = 0
    for line in text.lines {
      lines = line.number
      if let error = find(in: line) { found.append(error) }
    }
    guard !found.isEmpty else {
      throw EvidenceError(
        source: text.source, line: text.lines.first { !$0.isBlank }?.number,
        message:
          "no error report found; expected '[WinError 10055]', '[Errno 24]', 'os error 10048', a Winsock message or a POSIX error such as 'Too many open files'"
      )
    }
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    let windows = found.compactMap(\.windows)
    if let top = mostSeen(windows) {
      facts["net.error"] = .number(Double(top))
      facts["net.errors"] = .number(Double(windows.count))
      let name = WindowsSystemError.code(top)?.name
      figures.append(
        "\(FactValue.grouped(windows.filter { $0 == top }.count)) × error \(top)"
          + (name.map { " \($0)" } ?? ""))
    }
    let posixNames = found.compactMap(\.posix?.name)
    if let top = mostSeen(posixNames) {
      facts["net.posix-error"] = .string(top)
      facts["net.posix-errors"] = .number(Double(posixNames.count))
      figures.append("\(FactValue.grouped(posixNames.filter { $0 == top }.count)) × \(top)")
    }
    let errors: [JSONValue] = found.map { error in
      .object([
        ("code", error.windows.map { .int($0) } ?? error.posix.map { .int($0.number) } ?? .null),
        (
          "name",
          .string(
            error.windows.flatMap { WindowsSystemError.code($0)?.name } ?? error.posix?.name ?? "")
        ),
        ("message", .string(error.message)), ("target", .null), ("line", .int(error.line)),
      ])
    }
    return Evidence(
      kind: kind, format: format, fields: [("errors", .array(errors))], facts: facts,
      figures: figures, lines: lines)
  }

  /// The first error report on `line`, or `nil`.
  static func find(in line: EvidenceLine) -> Found? {
    let bytes = line.bytes
    let message = LogBytes.text(Bytes.trim(bytes))
    // A code after a marker: `[WinError 10055]`, `[Errno 105]`, `os error 10048`, `error 10055`.
    for marker in codeMarkers {
      guard let at = Bytes.find(marker, in: bytes) else { continue }
      var index = at + marker.count
      let start = index
      while index < bytes.endIndex, (48...57).contains(bytes[index]) { index += 1 }
      guard index > start, let code = Bytes.int(bytes[start..<index]) else { continue }
      let windowsOnly =
        marker == winError || marker.starts(with: "System ".utf8) || code >= 10000
        || WindowsSystemError.code(code) != nil
      if marker == errno, code < 10000, let error = posix.first(where: { $0.number == code }) {
        return Found(windows: nil, posix: error, message: message, line: line.number)
      }
      if windowsOnly {
        return Found(windows: code, posix: nil, message: message, line: line.number)
      }
    }
    // A Winsock or Win32 name (`WSAENOBUFS`), or its message, also without its first word.
    for error in WindowsSystemError.known where error.code >= 10000 {
      if Bytes.find(Array(error.name.utf8), in: bytes) != nil {
        return Found(windows: error.code, posix: nil, message: message, line: line.number)
      }
      for text in error.messages {
        let body = text.drop { $0 != " " }.dropFirst()
        if body.count >= 24, Bytes.find(Array(body.utf8.prefix(34)), in: bytes) != nil {
          return Found(windows: error.code, posix: nil, message: message, line: line.number)
        }
      }
    }
    // POSIX by name, then by wording (the longer wording first: ENFILE before EMFILE).
    for error in posix {
      if let at = Bytes.find(Array(error.name.utf8), in: bytes),
        isWordEnd(bytes, at + error.name.count)
      {
        return Found(windows: nil, posix: error, message: message, line: line.number)
      }
    }
    for error in posix where Bytes.find(Array(error.wording.utf8), in: bytes) != nil {
      return Found(windows: nil, posix: error, message: message, line: line.number)
    }
    // Go and C libraries that chain their messages print the wording in lower case after a colon
    // (`dial tcp …: connect: cannot assign requested address`, libgfarm's `…: cannot assign
    // requested address`); only there, so a sentence that merely says "connection refused" is not
    // read as an error report.
    for (error, chained) in chainedWordings where Bytes.find(chained, in: bytes) != nil {
      return Found(windows: nil, posix: error, message: message, line: line.number)
    }
    return nil
  }

  /// Each POSIX error's wording with a lower-case first letter after `: `.
  private static let chainedWordings: [(PosixError, [UInt8])] = posix.map { error in
    (error, Array((": " + error.wording.prefix(1).lowercased() + error.wording.dropFirst()).utf8))
  }

  private static func isWordEnd(_ bytes: ArraySlice<UInt8>, _ index: Int) -> Bool {
    guard index < bytes.endIndex else { return true }
    let byte = bytes[index]
    return !((65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte))
  }

  private static func mostSeen<T: Hashable>(_ values: [T]) -> T? {
    var counts: [T: Int] = [:]
    for value in values { counts[value, default: 0] += 1 }
    return values.first { counts[$0] == counts.values.max() }
  }

  private static let winError = Array("[WinError ".utf8)
  private static let errno = Array("[Errno ".utf8)
  private static let codeMarkers: [[UInt8]] = [
    winError, errno, Array("os error ".utf8), Array("OS error ".utf8), Array("WSA error ".utf8),
    Array("socket error ".utf8), Array("Socket error ".utf8), Array("error code ".utf8),
    Array("System Error ".utf8), Array("System error ".utf8), Array("System Error: ".utf8),
  ]

  public static let facts = [
    FactDeclaration("net.error", .number, "the Windows or Winsock error code seen most"),
    FactDeclaration("net.errors", .number, unit: "reports", "error reports with a Windows code"),
    FactDeclaration(
      "net.posix-error", .text,
      "the POSIX error seen most: `EMFILE`, `ENFILE`, `EADDRINUSE`, `EADDRNOTAVAIL`, `ENOBUFS`, `ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, `ENETUNREACH`, `EHOSTUNREACH`"
    ),
    FactDeclaration("net.posix-errors", .number, unit: "reports", "POSIX error reports found"),
  ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Python on Windows out of socket buffers",
      input:
        "OSError: [WinError 10055] An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full\n",
      facts: ["net.error": .number(10055), "net.errors": .number(1)]),
    ImporterExample(
      "Rust's io::Error of a port already in use",
      input: "Error: Os { code: 10048, kind: AddrInUse } (os error 10048)\n",
      facts: ["net.error": .number(10048)]),
    ImporterExample(
      "a Linux program out of descriptors",
      input: """
        accept4(): Too many open files
        2024/05/01 10:00:01 http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms
        socket: Too many open files
        """,
      // Go's line too: its wording in lower case after a colon.
      facts: ["net.posix-error": .string("EMFILE"), "net.posix-errors": .number(3)]),
    ImporterExample(
      "Python's errno on Linux",
      input: "WARNING  [Errno 99] Cannot assign requested address\n",
      facts: ["net.posix-error": .string("EADDRNOTAVAIL")]),
    ImporterExample(
      "Go's chained message, in lower case",
      input: """
        2024/03/01 10:42:13 dial tcp 10.1.2.3:443: connect: cannot assign requested address
        2024/03/01 10:42:14 dial tcp 10.1.2.4:443: connect: cannot assign requested address
        """,
      facts: ["net.posix-error": .string("EADDRNOTAVAIL"), "net.posix-errors": .number(2)]),
  ]
}
