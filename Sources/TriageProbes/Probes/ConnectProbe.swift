import Dispatch
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One TCP connect to one target, classified: connected, refused, timed out, unreachable, or a
/// local error with the errno's name, and how long it took.
///
/// It tells a silent drop (a firewall's DROP, a flood limit) from a reset (nothing listens, or a
/// REJECT) from this machine's own limits (out of ports, out of descriptors). The connection, if
/// made, is closed at once.
public struct ConnectProbe: Probe {
  public static let name = "connect"

  /// What to connect to.
  public var target: HostPort
  /// Seconds for the name lookup and, separately, for the handshake.
  public var timeout: Double
  /// The local address to connect from (numeric), or `nil`.
  public var source: String?

  /// A probe of `target`.
  public init(target: HostPort, timeout: Double = 3, source: String? = nil) {
    self.target = target
    self.timeout = timeout
    self.source = source
  }

  public var consentText: String {
    let from = source.map { " from '\($0)'" } ?? ""
    return
      "open one TCP connection to '\(target)'\(from) (timeout \(ConnectProbe.seconds(timeout)) s) and close it at once"
  }

  public func run() async -> ProbeResult {
    // The connect blocks in poll(), so it runs on its own thread, not on the cooperative pool.
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: runNow()) }
    }
  }

  /// Runs the probe on the calling thread.
  public func runNow() -> ProbeResult {
    let started = MonotonicClock.now
    func finish(_ status: ProbeResult.Status) -> ProbeResult {
      ProbeResult(
        probe: Self.name, status: status, duration: MonotonicClock.now - started)
    }
    var sourceAddress: SocketAddress?
    if let source {
      guard let address = SocketAddress(numeric: source, port: 0) else {
        return finish(.failed("the source '\(source)' is not a numeric IPv4 or IPv6 address"))
      }
      sourceAddress = address
    }
    let resolveStarted = MonotonicClock.now
    let addresses: [SocketAddress]
    switch HostResolver.resolve(target.host, port: target.port, timeout: timeout) {
    case .success(let found): addresses = found
    case .failure(let failure):
      var result = finish(.failed("cannot resolve '\(target.host)': \(failure.reason)"))
      result.facts = ["probe.connect.outcome": .string("unresolved")]
      result.data = [
        ("target", .string(target.description)), ("outcome", .string("unresolved")),
        ("message", .string(failure.reason)),
      ]
      return result
    }
    let resolveSeconds = MonotonicClock.now - resolveStarted
    // Prefer an address of the source's family; otherwise the resolver's first.
    let address =
      addresses.first { $0.family == sourceAddress?.family } ?? addresses[0]
    let connector = TCPConnector(source: sourceAddress)
    let attempt = connector.connect(address, timeout: timeout)
    var local = ""
    if let descriptor = attempt.descriptor {
      local = Self.localAddress(of: descriptor)
      TCPConnector.close(descriptor)
    }
    let milliseconds = (attempt.elapsed * 1000 * 10).rounded() / 10
    var result = finish(.ok)
    result.facts = [
      "probe.connect.outcome": .string(attempt.outcome.kind),
      "probe.connect.connected": .bool(attempt.outcome == .connected),
      "probe.connect.elapsed-ms": .number(milliseconds),
    ]
    var data: [(key: String, value: JSONValue)] = [
      ("target", .string(target.description)), ("address", .string(address.description)),
    ]
    if let source { data.append(("source", .string(source))) }
    if !local.isEmpty { data.append(("local", .string(local))) }
    data.append(("outcome", .string(attempt.outcome.kind)))
    if let code = attempt.outcome.errno {
      data.append(("errno", .string(ErrorNumber.name(code))))
    }
    data.append(("message", .string(attempt.outcome.message)))
    data.append(("elapsed_ms", .double(milliseconds)))
    data.append(("resolve_ms", .double((resolveSeconds * 1000 * 10).rounded() / 10)))
    data.append(("timeout_s", .double(timeout)))
    result.data = data
    result.figures = [
      "\(target) (\(address.host)): \(attempt.outcome.message) after \(FactValue.format(milliseconds)) ms"
    ]
    result.raw =
      "connect \(address)\(source.map { " from \($0)" } ?? ""): \(attempt.outcome.message), "
      + "\(FactValue.format(milliseconds)) ms (timeout \(ConnectProbe.seconds(timeout)) s)\n"
    return result
  }

  /// `3`, `0.5`: seconds without a trailing `.0`.
  static func seconds(_ value: Double) -> String { FactValue.format(value) }

  private static func localAddress(of descriptor: Int32) -> String {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let status = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard status == 0 else { return "" }
    return withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        let port = UInt16(
          bigEndian: address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
            $0.pointee.sin_port
          })
        return SocketAddress(address, port: port)?.description ?? ""
      }
    }
  }
}

extension ConnectProbe {
  /// `target` (required), `timeout`, `source`; gives the `probe.connect.*` facts.
  public static let declaration = ProbeDeclaration(
    name,
    arguments: [
      ProbeArgument("target", .hostPort, required: true, "the host:port to connect to"),
      ProbeArgument("timeout", .number, "seconds the attempt may take (3)"),
      ProbeArgument("source", .text, "the local address to connect from"),
    ],
    facts: [
      FactDeclaration(
        "probe.connect.outcome", .text,
        "`connected`, `refused`, `timed-out`, `unreachable`, `local-error`, `unresolved`"),
      FactDeclaration("probe.connect.connected", .yesNo, "it connected"),
      FactDeclaration(
        "probe.connect.elapsed-ms", .number, unit: "ms", "milliseconds until the outcome"),
    ])

  /// The connection a probe step asks for.
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    let text = arguments["target"] ?? ""
    do {
      self.init(
        target: try HostPort.parse(text),
        timeout: arguments["timeout"].flatMap(Double.init) ?? 3, source: arguments["source"])
    } catch {
      throw ProbeSetupError(message: "target '\(text)': \(error.message)")
    }
  }
}
