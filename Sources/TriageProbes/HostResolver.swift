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
    var lookups: [(host: String, box: LookupBox)] = []
    for host in Set(hosts) {
      if let numeric = SocketAddress(numeric: host, port: 0) {
        results[host] = .success([numeric])
        continue
      }
      let box = LookupBox()
      lookups.append((host, box))
      DispatchQueue.global().async {
        box.finish(lookup(host))
      }
    }
    let deadline = DispatchTime.now() + timeout
    for (host, box) in lookups {
      if box.done.wait(timeout: deadline) == .success, let result = box.result {
        results[host] = result
      } else {
        results[host] = .failure(
          ResolveFailure(reason: "no answer within \(ConnectProbe.seconds(timeout)) s"))
      }
    }
    return results
  }

  private static func lookup(_ host: String) -> Result<[SocketAddress], ResolveFailure> {
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
      let text = gai_strerror(status).map { String(cString: $0).lowercased() } ?? "failed"
      return .failure(ResolveFailure(reason: text))
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
    return addresses.isEmpty
      ? .failure(ResolveFailure(reason: "no IPv4 or IPv6 address")) : .success(addresses)
  }
}

/// Why a name did not resolve.
public struct ResolveFailure: Error, Sendable, Equatable {
  /// Lowercase: `name or service not known`, `no answer within 3 s`.
  public var reason: String
}

/// One lookup's answer, handed from the background thread to the waiting caller.
private final class LookupBox: @unchecked Sendable {
  // Written once before `done` is signalled and read only after it, under `lock`.
  private let lock = NSLock()
  private var value: Result<[SocketAddress], ResolveFailure>?
  let done = DispatchSemaphore(value: 0)

  var result: Result<[SocketAddress], ResolveFailure>? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func finish(_ result: Result<[SocketAddress], ResolveFailure>) {
    lock.lock()
    value = result
    lock.unlock()
    done.signal()
  }
}
