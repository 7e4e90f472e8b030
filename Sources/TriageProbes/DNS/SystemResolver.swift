import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the system resolver (`getaddrinfo`: /etc/hosts, nsswitch, resolv.conf, systemd-resolved…)
/// said about a name.
public enum SystemLookup: Sendable, Equatable {
  /// It resolved to these addresses.
  case addresses([String])
  /// The name does not exist (EAI_NONAME), with the library's message.
  case notFound(String)
  /// A temporary failure (EAI_AGAIN: usually no DNS server answered in time).
  case temporaryFailure(String)
  /// Another error, with the library's message.
  case failed(String)
  /// No result before the timeout; the lookup was left running.
  case timedOut

  /// `ok`, `not-found`, `temporary-failure`, `failed`, `timeout`.
  public var name: String {
    switch self {
    case .addresses: return "ok"
    case .notFound: return "not-found"
    case .temporaryFailure: return "temporary-failure"
    case .failed: return "failed"
    case .timedOut: return "timeout"
    }
  }
}

/// The system resolver with a timeout. `getaddrinfo` cannot be cancelled, so it runs on a thread of
/// its own and the probe stops waiting when the time is up; the thread finishes (or not) on its own.
enum SystemResolver {
  /// Why the timeout is only a wait: `getaddrinfo` has no way to be stopped.
  static let cancellationNote =
    "getaddrinfo cannot be cancelled: after the timeout the probe stops waiting and leaves the "
    + "lookup running in the background"

  /// `getaddrinfo(name)`, blocking: distinct addresses in the order given.
  @Sendable static func getaddrinfo(_ name: String) -> SystemLookup {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    #if canImport(Glibc)
      let status = Glibc.getaddrinfo(name, nil, &hints, &list)
    #else
      let status = Darwin.getaddrinfo(name, nil, &hints, &list)
    #endif
    guard status == 0 else {
      let message = String(cString: gai_strerror(status))
      switch status {
      case EAI_NONAME: return .notFound(message)
      case EAI_AGAIN: return .temporaryFailure(message)
      default: return .failed(message)
      }
    }
    defer { freeaddrinfo(list) }
    var addresses: [String] = []
    var entry = list
    while let current = entry {
      entry = current.pointee.ai_next
      guard let address = current.pointee.ai_addr else { continue }
      let bytes: [UInt8]?
      switch current.pointee.ai_family {
      case AF_INET:
        bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
        }
      case AF_INET6:
        bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
        }
      default:
        bytes = nil
      }
      if let text = bytes.flatMap(IPAddressText.format), !addresses.contains(text) {
        addresses.append(text)
      }
    }
    return .addresses(addresses)
  }

  /// `lookup(name)` on its own thread; `.timedOut` when it has not returned after `timeout`
  /// seconds. The milliseconds are how long it took, or the timeout.
  static func resolve(
    _ name: String, timeout: Double, using lookup: @escaping @Sendable (String) -> SystemLookup
  ) async -> (lookup: SystemLookup, milliseconds: Double) {
    let clock = Stopwatch()
    return await withCheckedContinuation { continuation in
      let once = ResumeOnce(continuation)
      let thread = Thread {
        let result = lookup(name)
        once.resume((result, clock.milliseconds))
      }
      thread.name = "nettriage getaddrinfo"
      thread.start()
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
        once.resume((.timedOut, clock.milliseconds))
      }
    }
  }
}

/// Resumes a continuation with the first value given and ignores the rest, so a lookup that ends
/// and a timeout that fires can race safely.
final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<Value, Never>?

  init(_ continuation: CheckedContinuation<Value, Never>) {
    self.continuation = continuation
  }

  func resume(_ value: Value) {
    lock.lock()
    let waiting = continuation
    continuation = nil
    lock.unlock()
    waiting?.resume(returning: value)
  }
}
