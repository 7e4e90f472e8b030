import Foundation
import TriageKit

/// `nettriage probe dns NAME`: asks the system resolver and, directly over UDP, every configured
/// DNS server (or `--server`) for NAME's A records, and classifies each answer — ok, nxdomain,
/// servfail, refused, timeout — with its latency.
///
/// Sends one small query (two at most) to each server and nothing else; changes nothing.
public struct DNSProbe: Probe {
  public static let name = "dns"
  /// The default wait for each server, as Windows nslookup's "timeout was 2 seconds".
  public static let defaultTimeout = 2.0

  /// The name to look up.
  public var lookupName: String
  /// Servers given on the command line (`10.0.0.53`, `[2001:db8::53]:5353`); empty: the ones in
  /// /etc/resolv.conf (and behind systemd-resolved's stub, its upstreams).
  public var servers: [String]
  /// Seconds to wait for each server and for the system resolver.
  public var timeout: Double
  /// Where resolv.conf is read from.
  public var files: SystemFiles
  /// The system resolver; `nil` skips it.
  var systemLookup: (@Sendable (String) -> SystemLookup)?
  /// The query ID of each server's query (random; a test may fix it).
  var queryID: @Sendable () -> UInt16

  /// A lookup of `name`, asking `servers` (or the configured ones) and the system resolver.
  public init(
    name: String, servers: [String] = [], timeout: Double = DNSProbe.defaultTimeout,
    files: SystemFiles = .live
  ) {
    self.init(
      name: name, servers: servers, timeout: timeout, files: files,
      systemLookup: SystemResolver.getaddrinfo)
  }

  init(
    name: String, servers: [String], timeout: Double, files: SystemFiles,
    systemLookup: (@Sendable (String) -> SystemLookup)?,
    queryID: @escaping @Sendable () -> UInt16 = { UInt16.random(in: .min ... .max) }
  ) {
    self.lookupName = name
    self.servers = servers
    self.timeout = timeout
    self.files = files
    self.systemLookup = systemLookup
    self.queryID = queryID
  }

  public var consentText: String {
    "look up '\(lookupName)' through the system resolver and send one DNS query (two at most) "
      + "to each DNS server; nothing is changed"
  }

  public func run() async -> ProbeResult {
    let clock = Stopwatch()
    do {
      _ = try DNSMessage.encodedName(lookupName)
    } catch {
      return ProbeResult(probe: Self.name, status: .failed("\(error)"), duration: clock.seconds)
    }
    guard timeout > 0, timeout <= 60 else {
      return ProbeResult(
        probe: Self.name, status: .failed("timeout '\(timeout)': expected 0 to 60 seconds"),
        duration: clock.seconds)
    }
    let targets: [DNSServer]
    do {
      targets = try self.targets()
    } catch {
      return ProbeResult(probe: Self.name, status: .failed("\(error)"), duration: clock.seconds)
    }

    async let system = systemAnswer()
    let answers = await withTaskGroup(of: (Int, DNSServerAnswer).self) { group in
      for (index, server) in targets.enumerated() {
        let id = queryID()
        group.addTask { [lookupName, timeout] in
          (
            index,
            await Self.blocking {
              DNSExchange.ask(server, name: lookupName, id: id, timeout: timeout)
            }
          )
        }
      }
      var answers: [(Int, DNSServerAnswer)] = []
      for await answer in group { answers.append(answer) }
      return answers.sorted { $0.0 < $1.0 }.map(\.1)
    }
    let systemResult = await system

    var facts: [String: FactValue] = [:]
    if let overall = Self.overallStatus(answers) { facts["nslookup.status"] = .string(overall) }
    let answering = answers.filter(\.status.answered).count
    let timingOut = answers.filter { $0.status == .timeout }.count
    facts["dns.servers-answering"] = .number(Double(answering))
    facts["dns.servers-timing-out"] = .number(Double(timingOut))

    var figures: [String] = []
    if let systemResult {
      figures.append(Self.figure(systemResult.lookup, systemResult.milliseconds))
    }
    figures += answers.map { Self.figure($0, timeout: timeout) }
    if !answers.isEmpty {
      figures.append(
        "\(answering) of \(answers.count) servers answered; \(timingOut) timed out")
    }

    let data: [(key: String, value: JSONValue)] = [
      ("name", .string(lookupName)),
      ("timeout_s", .double(timeout)),
      ("system", systemResult.map { Self.json($0.lookup, $0.milliseconds) } ?? .null),
      ("servers", .array(answers.map(Self.json))),
    ]
    var raw = answers.map { answer in
      "\(answer.server.display) (\(answer.server.role.rawValue)):\n"
        + answer.transcript.joined(separator: "\n")
    }
    if let systemResult {
      raw.insert("getaddrinfo('\(lookupName)'): \(Self.describe(systemResult.lookup))", at: 0)
    }
    let status: ProbeResult.Status =
      targets.isEmpty
      ? .failed(
        "no DNS server to ask: '\(ResolvConf.path)' names none and no --server was given")
      : .ok
    return ProbeResult(
      probe: Self.name, status: status, facts: targets.isEmpty ? [:] : facts, figures: figures,
      data: data, raw: raw.joined(separator: "\n"), duration: clock.seconds)
  }

  /// `--server` values, else resolv.conf's servers plus systemd-resolved's upstreams behind a stub.
  func targets() throws(ObservationError) -> [DNSServer] {
    if !servers.isEmpty {
      var given: [DNSServer] = []
      for server in servers { given.append(try DNSServer(parsing: server, role: .given)) }
      return given
    }
    let configuration = DNSConfiguration(files: files)
    var targets: [DNSServer] = []
    for (texts, role) in [
      (configuration.configured ?? [], DNSServer.Role.configured),
      (configuration.upstreams ?? [], .upstream),
    ] {
      for text in texts {
        // A server resolv.conf names that is not a plain address is skipped, not fatal.
        if let server = try? DNSServer(parsing: text, role: role), !targets.contains(server) {
          targets.append(server)
        }
      }
    }
    return targets
  }

  /// `ok` when any server answered ok; else `timeout` when all timed out; else the first server's
  /// status. `nil` without servers.
  static func overallStatus(_ answers: [DNSServerAnswer]) -> String? {
    guard let first = answers.first else { return nil }
    if answers.contains(where: { $0.status == .ok }) { return "ok" }
    if answers.allSatisfy({ $0.status == .timeout }) { return "timeout" }
    return first.status.name
  }

  private func systemAnswer() async -> (lookup: SystemLookup, milliseconds: Double)? {
    guard let systemLookup else { return nil }
    return await SystemResolver.resolve(lookupName, timeout: timeout, using: systemLookup)
  }

  /// Runs a blocking call on a global queue, off the concurrency pool's few threads.
  private static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: body()) }
    }
  }

  private static func figure(_ answer: DNSServerAnswer, timeout: Double) -> String {
    let server = "\(answer.server.display) (\(answer.server.role.rawValue))"
    let latency = answer.milliseconds.map { " in \(FactValue.format($0)) ms" } ?? ""
    switch answer.status {
    case .ok:
      return "\(server): ok\(latency), "
        + (answer.addresses.isEmpty
          ? "but no A record" : "A " + answer.addresses.joined(separator: ", "))
        + (answer.truncated ? " (truncated)" : "")
    case .nxdomain: return "\(server): nxdomain\(latency) — the name does not exist"
    case .servfail:
      return "\(server): servfail\(latency) — the server could not get an answer itself"
    case .refused: return "\(server): refused\(latency) — the server will not answer this client"
    case .timeout:
      return "\(server): timeout — no reply within \(FactValue.format(timeout)) s "
        + "(\(answer.attempts) queries sent)"
    case .noResponse:
      return "\(server): no-response — nothing listens for DNS there (port unreachable)"
    case .unreachable: return "\(server): unreachable — no route to the server"
    case .rcode: return "\(server): \(answer.status.name)\(latency)"
    case .error(let message): return "\(server): error — \(message)"
    }
  }

  private static func figure(_ lookup: SystemLookup, _ milliseconds: Double) -> String {
    "system resolver (getaddrinfo): \(describe(lookup))"
      + (lookup == .timedOut ? "" : " in \(FactValue.format(milliseconds)) ms")
  }

  private static func describe(_ lookup: SystemLookup) -> String {
    switch lookup {
    case .addresses(let list): return list.isEmpty ? "no address" : list.joined(separator: ", ")
    case .notFound(let message): return "not found ('\(message)')"
    case .temporaryFailure(let message): return "temporary failure ('\(message)')"
    case .failed(let message): return "failed ('\(message)')"
    case .timedOut: return "no answer before the timeout (" + SystemResolver.cancellationNote + ")"
    }
  }

  private static func json(_ lookup: SystemLookup, _ milliseconds: Double) -> JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [("status", .string(lookup.name))]
    switch lookup {
    case .addresses(let list): pairs.append(("addresses", .array(list.map(JSONValue.string))))
    case .notFound(let message), .temporaryFailure(let message), .failed(let message):
      pairs.append(("error", .string(message)))
    case .timedOut: break
    }
    pairs.append(("ms", .double(milliseconds)))
    pairs.append(("note", .string(SystemResolver.cancellationNote)))
    return .object(pairs)
  }

  private static func json(_ answer: DNSServerAnswer) -> JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [
      ("server", .string(answer.server.host)),
      ("port", .int(answer.server.port)),
      ("role", .string(answer.server.role.rawValue)),
      ("status", .string(answer.status.name)),
      ("latency_ms", answer.milliseconds.map(JSONValue.double) ?? .null),
      ("addresses", .array(answer.addresses.map(JSONValue.string))),
      ("attempts", .int(answer.attempts)),
      ("truncated", .bool(answer.truncated)),
    ]
    if case .error(let message) = answer.status { pairs.append(("error", .string(message))) }
    return .object(pairs)
  }
}

extension DNSProbe {
  /// `name` (required), `server`, `timeout`; gives `nslookup.status` and the `dns.*` facts.
  public static let declaration = ProbeDeclaration(
    name,
    arguments: [
      ProbeArgument("name", .text, required: true, "the name to look up"),
      ProbeArgument("server", .text, "a DNS server to ask instead of the configured ones"),
      ProbeArgument("timeout", .number, "seconds to wait for each server (2)"),
    ],
    facts: [
      SharedFacts.lookupStatus,
      FactDeclaration(
        "dns.servers-answering", .number, unit: "servers",
        "DNS servers that sent a reply (any RCODE)"),
      FactDeclaration(
        "dns.servers-timing-out", .number, unit: "servers",
        "DNS servers that sent nothing before the timeout"),
    ])

  /// The lookup a probe step asks for.
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    self.init(
      name: arguments["name"] ?? "", servers: arguments["server"].map { [$0] } ?? [],
      timeout: arguments["timeout"].flatMap(Double.init) ?? DNSProbe.defaultTimeout)
  }
}
