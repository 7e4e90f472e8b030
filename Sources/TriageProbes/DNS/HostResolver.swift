import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns a host name into addresses, with a timeout.
///
/// `getaddrinfo` has no timeout of its own, so each lookup runs on a background thread and the
/// caller stops waiting when the time is up; a lookup still running then finishes on its own (the
/// resolver's own retries bound it) and its answer is dropped. Numeric addresses never touch the
/// resolver.
public enum HostResolver {
  /// The addresses of `host` for `port`, IPv4 and IPv6 in the resolver's order, or why not.
  public static func resolve(
    _ host: String, port: UInt16, timeout: Double
  ) -> Result<[SocketAddress], ResolveFailure> {
    if let numeric = SocketAddress(numeric: host, port: port) { return .success([numeric]) }
    let result = resolveAll([host], timeout: timeout)[host]
    return (result ?? .failure(ResolveFailure(reason: "no answer"))).map { addresses in
      addresses.map { $0.with(port: port) }
    }
  }

  /// Resolves every name at once (in parallel) and waits at most `timeout` seconds overall; the
  /// addresses carry port 0 (see ``SocketAddress/with(port:)``).
  public static func resolveAll(
    _ hosts: [String], timeout: Double
  ) -> [String: Result<[SocketAddress], ResolveFailure>] {
    var results: [String: Result<[SocketAddress], ResolveFailure>] = [:]
    var names: [String] = []
    for host in Set(hosts) {
      if let numeric = SocketAddress(numeric: host, port: 0) {
        results[host] = .success([numeric])
      } else {
        names.append(host)
      }
    }
    for (host, answer) in waitAtMost(timeout, for: names, lookup) {
      results[host] =
        answer
        ?? .failure(ResolveFailure(reason: "no answer within \(ConnectProbe.seconds(timeout)) s"))
    }
    return results
  }

  /// Runs `lookup` for every name at once, each on a background thread, and waits at most
  /// `timeout` seconds overall: `nil` for a lookup still running then, which finishes on its own
  /// (the resolver's own retries bound it) and whose answer is dropped. The one timeout around the
  /// system resolver, which cannot be cancelled.
  static func waitAtMost<Answer: Sendable>(
    _ timeout: Double, for names: [String], _ lookup: @escaping @Sendable (String) -> Answer
  ) -> [String: Answer?] {
    let boxes = names.map { name in
      let box = AnswerBox<Answer>()
      DispatchQueue.global().async { box.finish(lookup(name)) }
      return (name, box)
    }
    let deadline = DispatchTime.now() + timeout
    var answers: [String: Answer?] = [:]
    for (name, box) in boxes {
      answers[name] = box.done.wait(timeout: deadline) == .success ? box.answer : nil
    }
    return answers
  }

  private static func lookup(_ host: String) -> Result<[SocketAddress], ResolveFailure> {
    switch systemAddresses(host) {
    case .success(let addresses) where addresses.isEmpty:
      return .failure(ResolveFailure(reason: "no IPv4 or IPv6 address"))
    case .success(let addresses): return .success(addresses)
    case .failure(let error): return .failure(ResolveFailure(reason: error.message.lowercased()))
    }
  }

  /// `getaddrinfo(host)`, blocking: the distinct addresses in the resolver's order (port 0), or its
  /// error code and message. The one call of `getaddrinfo`.
  static func systemAddresses(_ host: String) -> Result<[SocketAddress], SystemResolverError> {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &list)
    guard status == 0 else {
      let message = gai_strerror(status).map { String(cString: $0) } ?? "failed"
      return .failure(SystemResolverError(code: status, message: message))
    }
    defer { freeaddrinfo(list) }
    var addresses: [SocketAddress] = []
    var node = list
    while let current = node {
      if let address = current.pointee.ai_addr, let value = SocketAddress(address, port: 0),
        !addresses.contains(value)
      {
        addresses.append(value)
      }
      node = current.pointee.ai_next
    }
    return .success(addresses)
  }
}

/// One lookup's answer, handed from the background thread to the waiting caller.
private final class AnswerBox<Answer: Sendable>: @unchecked Sendable {
  // Written once before `done` is signalled and read only after it, under `lock`.
  private let lock = NSLock()
  private var value: Answer?
  let done = DispatchSemaphore(value: 0)

  var answer: Answer? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func finish(_ answer: Answer) {
    lock.lock()
    value = answer
    lock.unlock()
    done.signal()
  }
}
