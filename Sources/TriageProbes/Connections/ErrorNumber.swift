#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Names and plain meanings of the errno values a connection attempt can meet, so a report says
/// `EADDRNOTAVAIL: address not available: out of local ports` rather than `99`.
public enum ErrorNumber {
  private static let table: [(code: Int32, name: String, meaning: String)] = [
    (ECONNREFUSED, "ECONNREFUSED", "connection refused"),
    (ECONNRESET, "ECONNRESET", "connection reset by the peer"),
    (ETIMEDOUT, "ETIMEDOUT", "timed out"),
    (EHOSTUNREACH, "EHOSTUNREACH", "no route to host"),
    (ENETUNREACH, "ENETUNREACH", "network unreachable"),
    (EHOSTDOWN, "EHOSTDOWN", "host is down"),
    (ENETDOWN, "ENETDOWN", "network is down"),
    (EADDRNOTAVAIL, "EADDRNOTAVAIL", "address not available: out of local ports"),
    (EADDRINUSE, "EADDRINUSE", "address already in use"),
    (EMFILE, "EMFILE", "too many open files"),
    (ENFILE, "ENFILE", "too many open files in the system"),
    (ENOBUFS, "ENOBUFS", "no buffer space available"),
    (ENOMEM, "ENOMEM", "out of memory"),
    (EPERM, "EPERM", "operation not permitted (a local firewall rule?)"),
    (EACCES, "EACCES", "permission denied"),
    (EAFNOSUPPORT, "EAFNOSUPPORT", "address family not supported"),
    (EINVAL, "EINVAL", "invalid argument"),
    (EAGAIN, "EAGAIN", "resource temporarily unavailable"),
    (EALREADY, "EALREADY", "operation already in progress"),
    (EISCONN, "EISCONN", "already connected"),
    (EINTR, "EINTR", "interrupted"),
    (EPROTO, "EPROTO", "protocol error"),
  ]

  /// `ECONNREFUSED`, or `errno 123` for one not in the table.
  public static func name(_ code: Int32) -> String {
    table.first { $0.code == code }?.name ?? "errno \(code)"
  }

  /// What it means here, lowercase; the C library's text for one not in the table.
  public static func meaning(_ code: Int32) -> String {
    if let entry = table.first(where: { $0.code == code }) { return entry.meaning }
    guard let text = strerror(code) else { return "unknown error" }
    return String(cString: text).lowercased()
  }
}
