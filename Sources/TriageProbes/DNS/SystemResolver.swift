import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system resolver with a timeout. `getaddrinfo` cannot be cancelled, so it runs on a thread of
/// its own and the probe stops waiting when the time is up; the thread finishes (or not) on its own.
enum SystemResolver {
  /// Why the timeout is only a wait: `getaddrinfo` has no way to be stopped.
  static let cancellationNote =
    "getaddrinfo cannot be cancelled: after the timeout the probe stops waiting and leaves the "
    + "lookup running in the background"

  /// `getaddrinfo(name)`, blocking: distinct addresses in the order given.
  @Sendable static func getaddrinfo(_ name: String) -> SystemLookup {
    switch HostResolver.systemAddresses(name) {
    case .success(let addresses):
      var texts: [String] = []
      for address in addresses where !texts.contains(address.host) { texts.append(address.host) }
      return .addresses(texts)
    case .failure(let error) where error.code == EAI_NONAME: return .notFound(error.message)
    case .failure(let error) where error.code == EAI_AGAIN: return .temporaryFailure(error.message)
    case .failure(let error): return .failed(error.message)
    }
  }

  /// `lookup(name)` on a thread of its own; `.timedOut` when it has not returned after `timeout`
  /// seconds. The milliseconds are how long it took, or the timeout.
  static func resolve(
    _ name: String, timeout: Double, using lookup: @escaping @Sendable (String) -> SystemLookup
  ) async -> (lookup: SystemLookup, milliseconds: Double) {
    let clock = Stopwatch()
    return await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        let answer = HostResolver.waitAtMost(timeout, for: [name], lookup)[name] ?? nil
        continuation.resume(returning: (answer ?? .timedOut, clock.milliseconds))
      }
    }
  }
}
