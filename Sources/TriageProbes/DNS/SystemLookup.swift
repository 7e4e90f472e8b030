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
