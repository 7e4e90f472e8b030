import TriageKit

/// Reads Windows `nslookup` output: the server asked, the name, the outcome and the addresses.
///
/// Outcomes: an answer (`ok`, also when `DNS request timed out.` came first or when the name has
/// no address records), `*** server can't find name: Non-existent domain` (`nxdomain`),
/// `Server failed` (`servfail`), `Query refused` (`refused`), `No response from server` or
/// `*** Default servers are not available` (`no-response`), `DNS request timed out.` /
/// `*** Request to server timed-out` without an answer (`timeout`).
/// `*** Can't find server name for address …` with `Server:  UnKnown` only says that the server has
/// no PTR record: it sets `nslookup.server-unknown`, never the status.
///
/// `-debug` packet dumps are read for their response code only (`rcode = NXDOMAIN` after the
/// `Server:` line, when no answer follows). BusyBox's `Address 1: …` lines and its cosmetic
/// `nslookup: can't resolve '(null)'` (no name for the server) are read too.
///
/// Several lookups in one paste (prompt lines `C:\>nslookup name`, interactive `> name` lines, or
/// one run after another) are listed in `queries`; the top-level fields are those of the first
/// lookup that failed, else of the last one. Error lines that Windows wrote to stderr before the
/// `Server:` lines (a redirected run) belong to the lookup that follows.
public enum NslookupImporter: EvidenceImporter {
  public static let kind = EvidenceKind.nslookup
  public static let summary = "nslookup (Windows), one or several lookups, interactive or not"

  public static func recognition(of text: EvidenceText) -> Int {
    if let command = text.command, command.lowercased().hasPrefix("nslookup") { return 100 }
    var score = 0
    var previousWasServer = false
    var previousWasName = false
    for line in text.lines.prefix(30) {
      let trimmed = line.trimmed
      if trimmed.starts(with: "Default Server:".utf8)
        || trimmed.elementsEqual("*** Default servers are not available".utf8)
        || trimmed.starts(with: "*** Can't find server name for address".utf8)
      {
        return 95
      }
      if previousWasServer, trimmed.starts(with: "Address:".utf8) { score = max(score, 90) }
      if previousWasName, Reader.numberedAddress(trimmed) != nil { score = max(score, 90) }
      if trimmed.starts(with: "nslookup: can't resolve '".utf8) { score = max(score, 90) }
      previousWasServer = trimmed.starts(with: "Server:".utf8)
      previousWasName = trimmed.starts(with: "Name:".utf8)
      if trimmed.elementsEqual("Non-authoritative answer:".utf8)
        || (trimmed.starts(with: "*** ".utf8) && line.contains(" can't find "))
      {
        score = max(score, 90)
      }
      if trimmed.elementsEqual("DNS request timed out.".utf8) { score = max(score, 85) }
    }
    return score
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var reader = Reader(source: text.source)
    var skipping = false
    for item in text.linesWithPrompts {
      switch item {
      case .prompt(let number, let command):
        if command.isEmpty { continue }
        // Output of another command pasted along is passed over.
        skipping = !PromptAwareLine.command(command, runs: ["nslookup"])
        if !skipping { reader.prompt(command, line: number) }
      case .line(let line):
        if let command = PromptAwareLine.foreignPrompt(line.trimmed) {
          if !command.isEmpty { skipping = !PromptAwareLine.command(command, runs: ["nslookup"]) }
          if !skipping { reader.prompt(command, line: line.number) }
        } else if !skipping {
          try reader.read(line)
        }
      }
    }
    return try reader.finish()
  }

  /// The facts it gives.
  public static let facts = [
    SharedFacts.lookupStatus,
    FactDeclaration(
      "nslookup.server-unknown", .yesNo,
      "the cosmetic \"Can't find server name for address\" / `Server: UnKnown`"),
  ]

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "a plain answer",
      input: """
        Server:  dns01.corp.example
        Address:  10.0.0.10

        Non-authoritative answer:
        Name:    www.example.com
        Addresses:  2606:2800:220:1:248:1893:25c8:1946
                  93.184.216.34
        """,
      facts: ["nslookup.status": .string("ok"), "nslookup.server-unknown": .bool(false)]),
    ImporterExample(
      "the cosmetic missing PTR record, then a non-existent name",
      input: """
        C:\\>nslookup filesrv99
        *** Can't find server name for address 10.0.1.100: Non-existent domain
        Server:  UnKnown
        Address:  10.0.1.100

        *** UnKnown can't find filesrv99: Non-existent domain
        """,
      facts: ["nslookup.status": .string("nxdomain"), "nslookup.server-unknown": .bool(true)]),
    ImporterExample(
      "the server does not answer at all",
      input: """
        DNS request timed out.
            timeout was 2 seconds.
        *** Can't find server name for address 192.168.20.1: Timed out
        *** Default servers are not available
        """,
      facts: ["nslookup.status": .string("no-response"), "nslookup.server-unknown": .bool(true)]),
    ImporterExample(
      "a timeout, then the answer anyway",
      input: """
        Server:  dns01.corp.example
        Address:  10.0.0.10

        DNS request timed out.
            timeout was 2 seconds.
        Non-authoritative answer:
        Name:    fileserver.corp.example
        Address:  10.0.5.20
        """,
      facts: ["nslookup.status": .string("ok")]),
    ImporterExample(
      "two lookups: the refused one is reported",
      input: """
        C:\\>nslookup intranet.corp.example
        Server:  dns01.corp.example
        Address:  10.0.0.10

        Name:    intranet.corp.example
        Address:  10.0.5.21

        C:\\>nslookup www.example.org 10.9.9.9
        Server:  edge.example.net
        Address:  10.9.9.9

        *** edge.example.net can't find www.example.org: Query refused
        """,
      facts: ["nslookup.status": .string("refused")]),
    ImporterExample(
      "-debug: the packet dumps' response code counts, not their records",
      input: """
        C:\\>nslookup -debug nosuch.example.com
        ------------
        Got answer:
            HEADER:
                opcode = QUERY, id = 1, rcode = NOERROR
            QUESTIONS:
                10.0.0.10.in-addr.arpa, type = PTR, class = IN
            ANSWERS:
            ->  10.0.0.10.in-addr.arpa
                name = dns01.corp.example

        ------------
        Server:  dns01.corp.example
        Address:  10.0.0.10

        ------------
        Got answer:
            HEADER:
                opcode = QUERY, id = 2, rcode = NXDOMAIN
                header flags:  response, want recursion, recursion avail.
        """,
      facts: ["nslookup.status": .string("nxdomain")]),
    ImporterExample(
      "BusyBox: numbered addresses, and no name for the server",
      input: """
        nslookup: can't resolve '(null)': Name does not resolve

        Name:      www.example.com
        Address 1: 93.184.216.34 www.example.com
        """,
      facts: ["nslookup.status": .string("ok"), "nslookup.server-unknown": .bool(true)]),
  ]

  /// The outcome of one lookup, as the evidence JSON names it.
  enum Status: String {
    case ok, nxdomain, timeout, servfail, refused
    case noResponse = "no-response"
  }

  /// One lookup as read.
  struct Query {
    var line: Int
    var lastLine: Int
    var explicitName: String?
    var server: String?
    var serverAddress: String?
    var hasServerLine = false
    var answerName: String?
    var aliases: [String] = []
    var addresses: [String] = []
    var records = 0
    var failure: Status?
    /// The response code of the last `-debug` packet dump after the `Server:` line, when it says
    /// the lookup failed (`rcode = NXDOMAIN`).
    var debugFailure: Status?
    var failedName: String?
    var noRecords = false
    var timeouts = 0
    var requestTimedOut = false
    var defaultServersUnavailable = false
    var unnamedServerAddress: String?

    init(line: Int) {
      self.line = line
      self.lastLine = line
    }

    /// Whether the lookup has an outcome, so a further error line belongs to the next one.
    var hasOutcome: Bool {
      !addresses.isEmpty || records > 0 || failure != nil || requestTimedOut || noRecords
    }

    /// Whether both its stdout part (`Server:`) and an outcome were read: a further error or
    /// timeout line then starts the next lookup. Without the `Server:` line it may still come, after
    /// the stderr lines that a redirected run writes first.
    var isComplete: Bool { hasServerLine && hasOutcome }

    /// An outcome that is not a timeout: timeouts after it belong to the next lookup, while
    /// timeouts after `*** Request to … timed-out` may still be this one's (stderr comes first).
    var hasAnswerOrError: Bool {
      !addresses.isEmpty || records > 0 || failure != nil || noRecords
    }

    /// Whether anything was read into it.
    var isEmpty: Bool {
      !hasServerLine && !hasOutcome && timeouts == 0 && !defaultServersUnavailable
        && answerName == nil && unnamedServerAddress == nil
    }

    var status: Status? {
      if !addresses.isEmpty || records > 0 || noRecords { return .ok }
      if let failure { return failure }
      if let debugFailure { return debugFailure }
      if requestTimedOut { return .timeout }
      if defaultServersUnavailable { return .noResponse }
      if timeouts > 0 { return .timeout }
      return nil
    }

    var name: String? { explicitName ?? failedName ?? aliases.first ?? answerName }
  }

  /// What an `Address:` line or an indented line continues (`debug`: a `-debug` packet dump).
  enum Context { case none, defaultServer, server, answer, addresses, aliases, debug }

  struct Reader {
    let source: String
    var queries: [Query] = []
    var current = Query(line: 1)
    var context = Context.none
    var defaultServer: String?
    var defaultServerAddress: String?
    var serverUnknown = false
    var lineCount = 0

    init(source: String) { self.source = source }

    /// A prompt line: `nslookup name [server]` starts a lookup of that name.
    mutating func prompt(_ command: String, line: Int) {
      lineCount = line
      startQuery(at: line)
      context = .none
      let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard let first = words.first, first.lowercased().hasPrefix("nslookup") else { return }
      let arguments = words.dropFirst().filter { !$0.hasPrefix("-") }
      if let name = arguments.first { current.explicitName = String(name) }
    }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lineCount = line.number
      let trimmed = line.trimmed
      guard !trimmed.isEmpty else {
        if context != .defaultServer, context != .server, context != .debug { context = .none }
        return
      }
      current.lastLine = line.number
      if trimmed.first == UInt8(ascii: ">") {
        interactive(Bytes.trim(trimmed.dropFirst()), line: line.number)
      } else if let first = Bytes.fields(trimmed).first,
        Bytes.equalsIgnoringCase(first, "nslookup")
          || Bytes.equalsIgnoringCase(first, "nslookup.exe")
      {
        // The command pasted without its prompt.
        prompt(String(decoding: trimmed, as: UTF8.self), line: line.number)
      } else if let value = Self.value(after: "Default Server:", in: trimmed) {
        defaultServer = String(decoding: value, as: UTF8.self)
        if Bytes.equalsIgnoringCase(value, "unknown") { serverUnknown = true }
        context = .defaultServer
      } else if let value = Self.value(after: "Server:", in: trimmed) {
        if current.hasServerLine { startQuery(at: line.number) }
        current.hasServerLine = true
        current.server = String(decoding: value, as: UTF8.self)
        if Bytes.equalsIgnoringCase(value, "unknown") { serverUnknown = true }
        context = .server
      } else if let value = Self.value(after: "Address:", in: trimmed) {
        try address(value, line: line, list: false)
      } else if let value = Self.value(after: "Addresses:", in: trimmed) {
        try address(value, line: line, list: true)
      } else if let value = Self.numberedAddress(trimmed) {
        try address(value, line: line, list: false)
      } else if trimmed.starts(with: "nslookup: can't resolve '(null)'".utf8) {
        // BusyBox found no name for the server's address: the cosmetic 'Server: UnKnown'.
        serverUnknown = true
      } else if trimmed.elementsEqual("Non-authoritative answer:".utf8) {
        if current.isComplete { startQuery(at: line.number) }
        context = .answer
      } else if let value = Self.value(after: "Name:", in: trimmed) {
        if current.isComplete, current.failure != nil || current.requestTimedOut {
          startQuery(at: line.number)
        }
        if current.answerName == nil { current.answerName = String(decoding: value, as: UTF8.self) }
        context = .answer
      } else if let value = Self.value(after: "Aliases:", in: trimmed) {
        current.aliases.append(String(decoding: value, as: UTF8.self))
        context = .aliases
      } else if isContinuation(line, trimmed) {
        try continuation(trimmed, line: line)
      } else if trimmed.elementsEqual("DNS request timed out.".utf8) {
        if current.hasServerLine, current.hasAnswerOrError { startQuery(at: line.number) }
        current.timeouts += 1
      } else if trimmed.starts(with: "timeout was ".utf8) {
        return
      } else if trimmed.starts(with: "**".utf8) {
        try failure(trimmed, line: line)
      } else if Self.isDebugHeading(trimmed) {
        context = .debug
      } else if context == .debug {
        debug(trimmed)
      } else if Bytes.find(Array(" = ".utf8), in: trimmed) != nil {
        // Other record types: 'mail exchanger = …', 'internet address = …', 'nameserver = …'.
        current.records += 1
      } else {
        throw EvidenceError(
          source: source, line: line.number, column: line.column(of: trimmed),
          message:
            "expected an nslookup line ('Server:', 'Address:', 'Name:', 'Addresses:', 'Non-authoritative answer:', 'DNS request timed out.' or a '***' message), found '\(String(decoding: trimmed.prefix(60), as: UTF8.self))'"
        )
      }
    }

    /// The lines that open the parts of a `-debug` packet dump: `------------`, `Got answer:`,
    /// `HEADER:`, `QUESTIONS:`, `ANSWERS:`, `AUTHORITY RECORDS:`, `ADDITIONAL RECORDS:`.
    static func isDebugHeading(_ trimmed: ArraySlice<UInt8>) -> Bool {
      if trimmed.count >= 4, trimmed.allSatisfy({ $0 == UInt8(ascii: "-") }) { return true }
      return [
        "Got answer:", "HEADER:", "QUESTIONS:", "ANSWERS:", "AUTHORITY RECORDS:",
        "ADDITIONAL RECORDS:",
      ].contains { trimmed.elementsEqual($0.utf8) }
    }

    /// A line of a `-debug` packet dump: only the response code matters (its records are the
    /// packet's, printed again as the answer after it), and only once the `Server:` line was read
    /// (before it, the dump is the look-up of the server's own name).
    private mutating func debug(_ trimmed: ArraySlice<UInt8>) {
      guard current.hasServerLine, let found = Bytes.find(Array("rcode = ".utf8), in: trimmed)
      else { return }
      let code = String(
        decoding: trimmed[(found + 8)...].prefix { $0 != 32 && $0 != 44 }, as: UTF8.self)
      switch code.uppercased() {
      case "NXDOMAIN": current.debugFailure = .nxdomain
      case "SERVFAIL": current.debugFailure = .servfail
      case "REFUSED": current.debugFailure = .refused
      default: current.debugFailure = nil
      }
    }

    /// The address of BusyBox's `Address 1: 93.184.216.34 host.example` (the name after it is
    /// the address's PTR name), or `nil`.
    static func numberedAddress(_ trimmed: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
      guard trimmed.starts(with: "Address ".utf8) else { return nil }
      let rest = trimmed.dropFirst(8)
      let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
      guard !digits.isEmpty, rest.dropFirst(digits.count).first == UInt8(ascii: ":") else {
        return nil
      }
      let value = Bytes.trim(rest.dropFirst(digits.count + 1))
      return value.prefix { $0 != 32 && $0 != 9 }
    }

    /// `> name` in an interactive session looks a name up; `> set …`, `> server …`, `> exit` do not.
    private mutating func interactive(_ rest: ArraySlice<UInt8>, line: Int) {
      context = .none
      let words = Bytes.fields(rest)
      guard let first = words.first else { return }
      let command = String(decoding: first, as: UTF8.self).lowercased()
      guard
        !["set", "server", "lserver", "exit", "help", "?", "ls", "finger", "root"].contains(command)
      else { return }
      startQuery(at: line)
      current.explicitName = String(decoding: first, as: UTF8.self)
    }

    private func isContinuation(_ line: EvidenceLine, _ trimmed: ArraySlice<UInt8>) -> Bool {
      guard context == .addresses || context == .aliases else { return false }
      let indented = line.bytes.first == 32 || line.bytes.first == 9
      if context == .aliases { return indented && Bytes.fields(trimmed).count == 1 }
      return indented || Self.isAddress(trimmed)
    }

    private mutating func continuation(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      if context == .aliases {
        current.aliases.append(String(decoding: trimmed, as: UTF8.self))
      } else {
        try addAddresses(trimmed, line: line)
      }
    }

    private mutating func address(_ value: ArraySlice<UInt8>, line: EvidenceLine, list: Bool)
      throws(EvidenceError)
    {
      switch context {
      case .defaultServer:
        defaultServerAddress = Self.serverAddress(value)
        context = .none
      case .server:
        current.serverAddress = Self.serverAddress(value)
        context = .none
      case .answer, .addresses, .aliases:
        try addAddresses(value, line: line)
        context = .addresses
      case .none, .debug:
        if !list, !current.hasOutcome, current.answerName == nil, current.serverAddress == nil {
          // A paste that starts below the 'Server:' line.
          current.serverAddress = Self.serverAddress(value)
        } else {
          try addAddresses(value, line: line)
          context = .addresses
        }
      }
    }

    private mutating func addAddresses(_ value: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      for token in value.split(whereSeparator: { $0 == 32 || $0 == 9 || $0 == UInt8(ascii: ",") }) {
        guard Self.isAddress(token) else {
          throw EvidenceError(
            source: source, line: line.number, column: line.column(of: token),
            message:
              "expected an IPv4 or IPv6 address, found '\(String(decoding: token.prefix(60), as: UTF8.self))'"
          )
        }
        current.addresses.append(String(decoding: token, as: UTF8.self))
      }
    }

    /// `*** …` lines: the per-lookup errors and the start-up messages about the server.
    private mutating func failure(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine)
      throws(EvidenceError)
    {
      let body = Bytes.trim(trimmed.drop { $0 == UInt8(ascii: "*") })
      if current.isComplete { startQuery(at: line.number) }
      let serverNameLabel = "Can't find server name for address"
      if body.starts(with: serverNameLabel.utf8) {
        serverUnknown = true
        let rest = Bytes.trim(body.dropFirst(serverNameLabel.utf8.count))
        let address = Self.lastSeparator(in: rest).map { rest[rest.startIndex..<$0] } ?? rest
        if !address.isEmpty {
          current.unnamedServerAddress = String(decoding: address, as: UTF8.self)
        }
      } else if body.elementsEqual("Default servers are not available".utf8) {
        current.defaultServersUnavailable = true
      } else if body.starts(with: "Request to ".utf8),
        body.suffix(9).elementsEqual("timed-out".utf8)
      {
        current.requestTimedOut = true
      } else if body.starts(with: "No internal type for both IPv4 and IPv6 Addresses".utf8) {
        current.noRecords = true
        if let name = Bytes.fields(body).last {
          current.failedName = String(decoding: name, as: UTF8.self)
        }
      } else if let found = Bytes.find(Array(" can't find ".utf8), in: body) {
        let rest = body[(found + 12)...]
        guard let colon = Self.lastSeparator(in: rest) else {
          throw garbled(trimmed, line: line, expected: "'*** server can't find name: reason'")
        }
        let reason = String(decoding: Bytes.trim(rest[(colon + 2)...]), as: UTF8.self).lowercased()
        current.failedName = String(decoding: rest[rest.startIndex..<colon], as: UTF8.self)
        if Bytes.equalsIgnoringCase(body[body.startIndex..<found], "unknown") {
          serverUnknown = true
        }
        switch reason {
        case "non-existent domain", "nonexistent domain", "nxdomain": current.failure = .nxdomain
        case "server failed", "server failure", "servfail", "format error", "not implemented",
          "unknown error":
          current.failure = .servfail
        case "query refused", "refused": current.failure = .refused
        case "no response from server", "connection refused", "network is unreachable":
          current.failure = .noResponse
        case "timed out": current.failure = .timeout
        case "no records", "no data", "no answer": current.noRecords = true
        default:
          throw garbled(
            trimmed, line: line,
            expected:
              "a known reason ('Non-existent domain', 'Server failed', 'Query refused', 'No response from server', 'Timed out', 'No records')"
          )
        }
      } else {
        throw garbled(
          trimmed, line: line,
          expected:
            "'*** server can't find name: reason', '*** Can't find server name for address …', '*** Request to server timed-out' or '*** Default servers are not available'"
        )
      }
    }

    /// The index of the last ': ' (IPv6 addresses before it have colons, never a colon and a space).
    private static func lastSeparator(in bytes: ArraySlice<UInt8>) -> Int? {
      var index = bytes.endIndex - 1
      while index > bytes.startIndex {
        if bytes[index - 1] == UInt8(ascii: ":"), bytes[index] == 32 { return index - 1 }
        index -= 1
      }
      return nil
    }

    private func garbled(_ trimmed: ArraySlice<UInt8>, line: EvidenceLine, expected: String)
      -> EvidenceError
    {
      EvidenceError(
        source: source, line: line.number, column: line.column(of: trimmed),
        message:
          "expected \(expected), found '\(String(decoding: trimmed.prefix(80), as: UTF8.self))'")
    }

    private mutating func startQuery(at line: Int) {
      if !current.isEmpty { queries.append(current) }
      current = Query(line: line)
    }

    /// The text after `label` and spaces, when the line starts with `label`.
    private static func value(after label: String, in trimmed: ArraySlice<UInt8>) -> ArraySlice<
      UInt8
    >? {
      guard trimmed.starts(with: label.utf8) else { return nil }
      return Bytes.trim(trimmed.dropFirst(label.utf8.count))
    }

    /// `10.0.0.1` from `10.0.0.1` or BIND's `10.0.0.1#53`.
    private static func serverAddress(_ value: ArraySlice<UInt8>) -> String {
      let first = Bytes.fields(value).first ?? value
      let address = first.split(separator: UInt8(ascii: "#"), maxSplits: 1).first ?? first
      return String(decoding: address, as: UTF8.self)
    }

    static func isAddress(_ token: ArraySlice<UInt8>) -> Bool {
      if Bytes.ipv4(token) != nil || isMaskedIPv4(token) { return true }
      guard token.count >= 2, token.contains(UInt8(ascii: ":")) else { return false }
      return token.allSatisfy { byte in
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
          || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "%")
      }
    }

    /// An IPv4 address a reporter masked in part (`172.*.*.132`, `192.168.25.###`, `10.x.x.5`):
    /// four parts, each digits or a mask, at least one of them digits.
    static func isMaskedIPv4(_ token: ArraySlice<UInt8>) -> Bool {
      let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
      guard parts.count == 4, token.count <= 24 else { return false }
      var digits = 0
      for part in parts {
        if !part.isEmpty, part.count <= 3, part.allSatisfy({ (48...57).contains($0) }) {
          digits += 1
        } else if part.isEmpty
          || !part.allSatisfy({
            $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "#") || $0 | 0x20 == UInt8(ascii: "x")
          })
        {
          return false
        }
      }
      return digits >= 1 && digits < 4
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      startQuery(at: lineCount + 1)
      guard !queries.isEmpty else {
        throw EvidenceError(
          source: source, line: nil,
          message:
            "no lookup found (expected 'Server:' and 'Address:' lines followed by an answer or a '***' message)",
          reason: defaultServer == nil ? .unrecognised : .truncated)
      }
      var rows: [(query: Query, status: Status)] = []
      for query in queries {
        guard let status = query.status else {
          throw EvidenceError(
            source: source, line: query.lastLine,
            message:
              "the lookup that starts at line \(query.line) has no outcome (expected an answer, 'DNS request timed out.' or a '***' message after it)",
            reason: .truncated)
        }
        rows.append((query, status))
      }
      let top = rows.first { $0.status != .ok } ?? rows[rows.count - 1]
      var fields = fields(of: top.query, status: top.status)
      fields.append(
        ("queries", .array(rows.map { .object(self.fields(of: $0.query, status: $0.status)) })))
      var figures: [String] = []
      if rows.count > 1 {
        var counts: [(Status, Int)] = []
        for row in rows {
          if let index = counts.firstIndex(where: { $0.0 == row.status }) {
            counts[index].1 += 1
          } else {
            counts.append((row.status, 1))
          }
        }
        figures.append(
          "\(rows.count) lookups: "
            + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
      }
      figures.append(figure(top.query, status: top.status))
      if serverUnknown {
        if rows.contains(where: { $0.status != .timeout && $0.status != .noResponse }) {
          figures.append(
            "the server shows as 'UnKnown': it has no PTR record, which is cosmetic and not a failure"
          )
        } else {
          figures.append(
            "the server shows as 'UnKnown' because it did not answer the lookup of its own name either"
          )
        }
      }
      return Evidence(
        kind: .nslookup, format: "windows-nslookup", fields: fields,
        facts: [
          "nslookup.status": .string(top.status.rawValue),
          "nslookup.server-unknown": .bool(serverUnknown),
        ],
        figures: figures, lines: lineCount)
    }

    private func server(of query: Query) -> String? {
      query.server ?? (query.defaultServersUnavailable ? "UnKnown" : defaultServer)
    }

    private func fields(of query: Query, status: Status) -> [(key: String, value: JSONValue)] {
      let address = query.serverAddress ?? query.unnamedServerAddress ?? defaultServerAddress
      return [
        ("server", server(of: query).map(JSONValue.string) ?? .null),
        ("server_address", address.map(JSONValue.string) ?? .null),
        ("query", query.name.map(JSONValue.string) ?? .null),
        ("status", .string(status.rawValue)),
        ("addresses", .array(query.addresses.map(JSONValue.string))),
      ]
    }

    private func figure(_ query: Query, status: Status) -> String {
      var text = (query.name.map { "'\($0)'" } ?? "the lookup") + ": \(status.rawValue)"
      if !query.addresses.isEmpty { text += " (\(query.addresses.joined(separator: ", ")))" }
      if let server = server(of: query) { text += " from \(server)" }
      if let address = query.serverAddress ?? query.unnamedServerAddress ?? defaultServerAddress {
        text += " (\(address))"
      }
      return text
    }
  }
}
