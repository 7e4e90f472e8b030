import TriageKit

/// One connection attempt of a fan-out: when it started, how it ended, and what the station had
/// going at that moment: the numbers a per-source limit is judged by.
public struct FanoutAttempt: Sendable, Equatable {
  /// The target, as in the file.
  public var target: HostPort
  /// The file line it came from.
  public var line: Int
  /// The address tried (`nil` when the name did not resolve).
  public var address: SocketAddress?
  /// Seconds from the start of the fan-out.
  public var start: Double
  /// How it ended.
  public var outcome: ConnectOutcome
  /// Seconds from its start to its outcome.
  public var latency: Double
  /// Seconds from the start of the fan-out when a connected attempt was closed.
  public var closed: Double?
  /// Connections that were open (or opening, and connected later) when it started; filled in
  /// by ``annotate(_:)``.
  public var open: Int = 0
  /// For a connected attempt, connections open when its handshake completed (itself excluded).
  public var openAtConnect: Int?
  /// Connect requests the station had started in the 60 seconds before this one.
  public var recentConnects: Int = 0

  /// An attempt; the counts are filled in by ``annotate(_:)`` once every attempt is over.
  public init(
    target: HostPort, line: Int, address: SocketAddress?, start: Double, outcome: ConnectOutcome,
    latency: Double, closed: Double? = nil
  ) {
    self.target = target
    self.line = line
    self.address = address
    self.start = start
    self.outcome = outcome
    self.latency = latency
    self.closed = closed
  }

  /// When the outcome came, in seconds from the start of the fan-out.
  public var end: Double { start + latency }

  /// Whether a connection request (a SYN) left the station: not for a name that did not
  /// resolve, nor for a local error before the packet was sent.
  public var sentRequest: Bool {
    switch outcome {
    case .unresolved, .localError: return false
    default: return true
    }
  }

  /// Fills in ``open``, ``openAtConnect`` and ``recentConnects`` of attempts listed in start order.
  ///
  /// Counting afterwards, from every attempt's start, end and close, gives the number a
  /// firewall saw when the attempt's SYN arrived: connections from this source that were set up
  /// before it (including handshakes still completing) and not yet closed.
  public static func annotate(_ attempts: inout [FanoutAttempt]) {
    // Sorted start, end and close times and binary searches instead of a pass over every
    // connection for every attempt: 20,000 attempts took seconds that way.
    let connected = attempts.indices.filter { attempts[$0].outcome == .connected }
    let ends = connected.map { attempts[$0].end }.sorted()
    let closes = connected.map { attempts[$0].closed ?? .infinity }.sorted()
    let requestStarts = attempts.filter(\.sentRequest).map(\.start)
    var windowStart = 0
    var requestsBefore = 0
    var connectedBefore = 0
    for index in attempts.indices {
      let start = attempts[index].start
      // Connected attempts before this one, less those closed by its start: a connection that
      // closed by then started no later, so it is among those before (attempts are in start
      // order), except one of no duration started at the same instant.
      attempts[index].open = max(0, connectedBefore - countUpTo(start, in: closes))
      if attempts[index].outcome == .connected {
        connectedBefore += 1
        let end = attempts[index].end
        // Handshakes completed by its own, less those closed by then; itself only when it stays
        // open past that moment.
        let itself = (attempts[index].closed ?? .infinity) > end ? 1 : 0
        attempts[index].openAtConnect =
          countUpTo(end, in: ends) - countUpTo(end, in: closes) - itself
      }
      // Requests that started in [start - 60, start), excluding this one.
      while requestsBefore < requestStarts.count, requestStarts[requestsBefore] < start {
        requestsBefore += 1
      }
      while windowStart < requestsBefore, requestStarts[windowStart] < start - 60 {
        windowStart += 1
      }
      attempts[index].recentConnects = requestsBefore - windowStart
    }
  }

  /// How many of the ascending `values` are at most `limit`.
  private static func countUpTo(_ limit: Double, in values: [Double]) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] <= limit { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The attempt as JSON: target, line, start_s, outcome, errno?, latency_ms, open,
  /// recent_connects, held_s?.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [
      ("target", .string(target.description)), ("line", .int(line)),
      ("start_s", .double(FanoutAttempt.rounded(start, 3))),
      ("outcome", .string(outcome.kind)),
    ]
    if let code = outcome.errno, outcome != .refused {
      pairs.append(("errno", .string(ErrorNumber.name(code))))
    }
    pairs.append(("latency_ms", .double(FanoutAttempt.rounded(latency * 1000, 1))))
    pairs.append(("open", .int(open)))
    pairs.append(("recent_connects", .int(recentConnects)))
    if let closed { pairs.append(("held_s", .double(FanoutAttempt.rounded(closed - end, 3)))) }
    return .object(pairs)
  }

  static func rounded(_ value: Double, _ places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
  }
}
