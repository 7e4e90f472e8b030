/// The fan-out's event loop: starts connects as the budget allows, waits for them with one
/// `poll`, holds the ones that connect, closes them when their hold is over, and records every
/// attempt.
struct FanoutRun {
  let entries: [TargetList.Entry]
  let budget: FanoutProbe.Budget
  /// Connections in flight or held at once (the budget, lowered if descriptors are short).
  let cap: Int
  let connector: TCPConnector
  let progress: (@Sendable (FanoutProgress) -> Void)?
  /// The address of each entry, or why it has none.
  var addresses: [Result<SocketAddress, ResolveFailure>] = []

  /// Every attempt, in start order.
  private(set) var attempts: [FanoutAttempt] = []
  /// Most connections in flight or held at one time.
  private(set) var peakInFlight = 0
  /// Most connections held open at one time.
  private(set) var peakHeld = 0

  private var pending: [(descriptor: Int32, index: Int)] = []
  private var held: [(descriptor: Int32, index: Int, closeAt: Double)] = []
  private var heldHead = 0
  private var next = 0
  private var pacer: ConnectPacer
  private var connectedCount = 0
  private var failedCount = 0
  private var origin = 0.0
  private var lastProgress = -1.0

  init(
    entries: [TargetList.Entry], budget: FanoutProbe.Budget, cap: Int, connector: TCPConnector,
    progress: (@Sendable (FanoutProgress) -> Void)?
  ) {
    self.entries = entries
    self.budget = budget
    self.cap = cap
    self.connector = connector
    self.progress = progress
    pacer = ConnectPacer(perMinute: budget.perMinute)
  }

  private var now: Double { MonotonicClock.now - origin }
  private var heldCount: Int { held.count - heldHead }
  private var inFlight: Int { pending.count + heldCount }

  /// Runs until every target was tried and every held connection closed.
  mutating func loop() {
    origin = MonotonicClock.now
    while true {
      closeDueConnections()
      expirePending()
      startConnects()
      if next >= entries.count, pending.isEmpty, heldCount == 0 { break }
      let ready = TCPConnector.wait(for: pending.map(\.descriptor), timeout: waitTime())
      if ready.contains(true) { finishReady(ready) }
      report(finished: false)
    }
    report(finished: true)
  }

  private mutating func closeDueConnections() {
    let time = now
    while heldHead < held.count, held[heldHead].closeAt <= time {
      TCPConnector.close(held[heldHead].descriptor)
      attempts[held[heldHead].index].closed = now
      heldHead += 1
    }
    if heldHead > 1024, heldHead * 2 > held.count {
      held.removeFirst(heldHead)
      heldHead = 0
    }
  }

  private mutating func expirePending() {
    let time = now
    // Pending connects are in start order, so the expired ones are at the front.
    var expired = 0
    while expired < pending.count, attempts[pending[expired].index].start + budget.timeout <= time {
      TCPConnector.close(pending[expired].descriptor)
      fail(pending[expired].index, .timedOut, at: time)
      expired += 1
    }
    if expired > 0 { pending.removeFirst(expired) }
  }

  private mutating func startConnects() {
    var time = now
    while next < entries.count, inFlight < cap, pacer.allows(at: time) {
      let entry = entries[next]
      let address = addresses[next]
      next += 1
      let index = attempts.count
      switch address {
      case .failure(let failure):
        attempts.append(
          FanoutAttempt(
            target: entry.target, line: entry.line, address: nil, start: time,
            outcome: .unresolved(failure.reason), latency: 0))
        failedCount += 1
        continue
      case .success(let target):
        pacer.take(at: time)
        attempts.append(
          FanoutAttempt(
            target: entry.target, line: entry.line, address: target, start: time,
            outcome: .timedOut, latency: 0))
        switch connector.start(target) {
        case .pending(let descriptor):
          pending.append((descriptor, index))
        case .finished(.connected, let descriptor?):
          connected(index, descriptor, at: now)
        case .finished(let outcome, let descriptor):
          if let descriptor { TCPConnector.close(descriptor) }
          fail(index, outcome, at: now)
        }
      }
      peakInFlight = max(peakInFlight, inFlight)
      time = now
    }
  }

  private func waitTime() -> Double {
    let time = now
    var wait = 1.0
    if heldHead < held.count { wait = min(wait, held[heldHead].closeAt - time) }
    if let first = pending.first {
      wait = min(wait, attempts[first.index].start + budget.timeout - time)
    }
    if next < entries.count, inFlight < cap { wait = min(wait, pacer.wait(at: time)) }
    return max(0, wait)
  }

  private mutating func finishReady(_ ready: [Bool]) {
    let time = now
    var still: [(descriptor: Int32, index: Int)] = []
    still.reserveCapacity(pending.count)
    for (position, entry) in pending.enumerated() {
      guard ready[position] else {
        still.append(entry)
        continue
      }
      let outcome = TCPConnector.outcome(of: entry.descriptor)
      if outcome == .connected {
        connected(entry.index, entry.descriptor, at: time)
      } else {
        TCPConnector.close(entry.descriptor)
        fail(entry.index, outcome, at: time)
      }
    }
    pending = still
  }

  private mutating func connected(_ index: Int, _ descriptor: Int32, at time: Double) {
    attempts[index].outcome = .connected
    attempts[index].latency = time - attempts[index].start
    connectedCount += 1
    if budget.hold <= 0 {
      TCPConnector.close(descriptor)
      attempts[index].closed = time
    } else {
      held.append((descriptor, index, time + budget.hold))
      peakHeld = max(peakHeld, heldCount)
    }
  }

  private mutating func fail(_ index: Int, _ outcome: ConnectOutcome, at time: Double) {
    attempts[index].outcome = outcome
    attempts[index].latency = time - attempts[index].start
    failedCount += 1
  }

  private mutating func report(finished: Bool) {
    guard let progress else { return }
    let time = now
    guard finished || time - lastProgress >= 0.1 else { return }
    lastProgress = time
    progress(
      FanoutProgress(
        total: entries.count, attempted: attempts.count, connected: connectedCount,
        failed: failedCount, open: heldCount, finished: finished))
  }
}
