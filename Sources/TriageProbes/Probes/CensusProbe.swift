import TriageKit

/// `nettriage probe census`: this machine's TCP connections by canonical state, by remote port, and
/// the distinct remote hosts — the same `tcp.*` facts a pasted netstat gives.
///
/// Reads the kernel's socket table through netlink sock_diag, as `ss` does, and falls back to
/// `/proc/net/tcp` and `/proc/net/tcp6` when netlink fails; `source` in the data says which. Reads
/// only: opens no connection and changes nothing. Linux only; elsewhere it does not run.
public struct CensusProbe: Probe {
  public static let name = "census"

  /// Where the socket table comes from.
  public enum Source: String, Sendable, CaseIterable {
    /// Netlink, then /proc when netlink fails.
    case automatic
    /// Netlink sock_diag only.
    case netlink
    /// `/proc/net/tcp` and `/proc/net/tcp6` only.
    case proc
  }

  /// Which source to use.
  public var source: Source
  /// Where `/proc/net/tcp*` is read from.
  public var files: SystemFiles

  /// Reads the table through netlink (a test may stand in a failing one).
  var readNetlink: @Sendable () -> Result<[TCPSocketRecord], ObservationError>

  /// A census from `source`, reading /proc through `files`.
  public init(source: Source = .automatic, files: SystemFiles = .live) {
    self.init(source: source, files: files, readNetlink: Self.netlinkSockets)
  }

  init(
    source: Source, files: SystemFiles,
    readNetlink: @escaping @Sendable () -> Result<[TCPSocketRecord], ObservationError>
  ) {
    self.source = source
    self.files = files
    self.readNetlink = readNetlink
  }

  /// The sockets through netlink sock_diag; on other systems than Linux a failure.
  @Sendable static func netlinkSockets() -> Result<[TCPSocketRecord], ObservationError> {
    #if os(Linux)
      do {
        return .success(try SockDiag.sockets())
      } catch {
        return .failure(error)
      }
    #else
      return .failure(.invalidRequest("netlink exists only on Linux"))
    #endif
  }

  public var consentText: String {
    "read this machine's TCP connection table (netlink sock_diag or /proc/net/tcp); nothing is "
      + "sent and nothing is changed"
  }

  public func run() async -> ProbeResult {
    let clock = Stopwatch()
    #if os(Linux)
      var notes: [String] = []
      let records: [TCPSocketRecord]
      let used: Source
      switch source {
      case .netlink, .automatic:
        switch readNetlink() {
        case .success(let list):
          records = list
          used = .netlink
        case .failure(let error):
          guard source == .automatic else {
            return failed("netlink sock_diag: \(error)", clock: clock)
          }
          notes.append("netlink sock_diag failed (\(error)); read /proc/net/tcp instead")
          do {
            records = try Self.procSockets(files: files)
            used = .proc
          } catch {
            return failed("netlink sock_diag and /proc both failed: \(error)", clock: clock)
          }
        }
      case .proc:
        do {
          records = try Self.procSockets(files: files)
          used = .proc
        } catch {
          return failed("\(error)", clock: clock)
        }
      }
      let census = TCPCensus(records)
      var data = census.data
      data.append(("source", .string(used.rawValue)))
      if !notes.isEmpty { data.append(("notes", .array(notes.map(JSONValue.string)))) }
      var figures = census.figures
      figures.append(
        used == .netlink
          ? "read through netlink sock_diag" : "read from /proc/net/tcp and /proc/net/tcp6")
      figures += notes
      return ProbeResult(
        probe: Self.name, status: .ok, facts: census.facts, figures: figures, data: data,
        raw: TCPCensus.raw(records), duration: clock.seconds)
    #else
      return ProbeResult(
        probe: Self.name,
        status: .notRun(
          "the census reads Linux's socket table (netlink, /proc/net/tcp); on this system run "
            + "'netstat -an -p tcp' and give its output to 'nettriage parse'"),
        duration: clock.seconds)
    #endif
  }

  /// The sockets in `/proc/net/tcp` and `/proc/net/tcp6`; a machine without IPv6 has no tcp6,
  /// which is fine, but tcp must be there.
  static func procSockets(files: SystemFiles) throws(ObservationError) -> [TCPSocketRecord] {
    guard let tcp = files.read("/proc/net/tcp") else {
      throw .unreadable(file: "/proc/net/tcp")
    }
    var records = try ProcNetTCP.parse(tcp, file: "/proc/net/tcp")
    if let tcp6 = files.read("/proc/net/tcp6") {
      records += try ProcNetTCP.parse(tcp6, file: "/proc/net/tcp6")
    }
    return records
  }

  private func failed(_ reason: String, clock: Stopwatch) -> ProbeResult {
    ProbeResult(probe: Self.name, status: .failed(reason), duration: clock.seconds)
  }
}

extension CensusProbe {
  /// Takes no argument; gives the `tcp.*` facts of a pasted netstat.
  public static let declaration = ProbeDeclaration(name, facts: SharedFacts.connections)

  /// The census of this machine (a probe step gives no argument).
  public init(arguments: [String: String]) throws(ProbeSetupError) {
    self.init()
  }
}
