import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system calls that put NetTriage's files on disk: journals, atomic files, saved probe
/// results and the terminal write through these, and every result is checked.
///
/// They are also the seam where tests make the disk fail: with ``injection`` set for a task, the
/// calls it names fail with its `errno` (ENOSPC, EIO…), as a full or failing disk would, so every
/// write site can be shown to report the error, keep the previous file and lose nothing.
public enum SystemWrite {
  /// One kind of call a fault can be injected into.
  public enum Call: Sendable, Hashable, CaseIterable {
    /// Creating a file (`open` with `O_CREAT`).
    case create
    /// `write`.
    case write
    /// `fsync`.
    case sync
    /// `close`.
    case close
    /// `rename`.
    case rename
  }

  /// A disk that fails from some call on: each call of the kind it names, on a path that
  /// contains its fragment, fails with its `errno` once `after` such calls have succeeded.
  ///
  /// A full disk stays full: every later matching call fails too, until the task that set the
  /// injection ends. A failing `write` first writes half of what it was given, as a short write
  /// before ENOSPC does, so the callers' clean-up of a torn write is exercised too.
  public final class Injection: @unchecked Sendable {
    /// The kind of call that fails.
    public let call: Call
    /// The `errno` it fails with.
    public let code: Int32
    /// Only paths containing this fail; empty for every path.
    public let pathFragment: String
    private let after: Int
    private let lock = NSLock()
    private var seen = 0
    private var failedCount = 0

    /// Fails `call` with `code` on paths containing `pathFragment`, after `after` successes.
    public init(
      _ call: Call, errno code: Int32, onPathsContaining pathFragment: String = "", after: Int = 0
    ) {
      self.call = call
      self.code = code
      self.pathFragment = pathFragment
      self.after = after
    }

    /// How many calls it has made fail.
    public var failures: Int { lock.withLock { failedCount } }

    /// The `errno` for this call, or `nil` when it goes ahead.
    func failure(of call: Call, path: String?) -> Int32? {
      // Writes without a path are the terminal's, never a file's.
      guard call == self.call, let path else { return nil }
      if !pathFragment.isEmpty, !path.contains(pathFragment) { return nil }
      return lock.withLock {
        seen += 1
        guard seen > after else { return nil }
        failedCount += 1
        return code
      }
    }
  }

  /// The failure injected into this task's writes, if any (tests only).
  @TaskLocal public static var injection: Injection?

  private static func injected(_ call: Call, _ path: String?) -> Int32? {
    injection?.failure(of: call, path: path)
  }

  /// Writes all of `bytes` to `descriptor`, again after a short write or `EINTR`; returns `nil`
  /// when everything was written, else the `errno` of the failed `write`.
  ///
  /// - Parameter path: the file behind `descriptor`, for injected faults.
  @discardableResult
  public static func all(_ bytes: [UInt8], to descriptor: Int32, path: String? = nil) -> Int32? {
    var total = bytes.count
    let fault = injected(.write, path)
    if fault != nil { total = bytes.count / 2 }
    var written = 0
    while written < total {
      let result = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress! + written, total - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        return errno
      }
      written += result
    }
    return fault
  }

  /// `fsync`: `nil`, or the `errno` of the failure.
  public static func sync(_ descriptor: Int32, path: String? = nil) -> Int32? {
    if let fault = injected(.sync, path) { return fault }
    return fsync(descriptor) == 0 ? nil : errno
  }

  /// `close` (the descriptor is closed either way): `nil`, or the `errno` of the failure.
  public static func close(_ descriptor: Int32, path: String? = nil) -> Int32? {
    let fault = injected(.close, path)
    #if canImport(Glibc)
      let result = Glibc.close(descriptor)
    #else
      let result = Darwin.close(descriptor)
    #endif
    if let fault { return fault }
    return result == 0 || errno == EINTR ? nil : errno
  }

  /// `rename`: `nil`, or the `errno` of the failure.
  public static func rename(_ source: String, to destination: String) -> Int32? {
    if let fault = injected(.rename, destination) { return fault }
    #if canImport(Glibc)
      return Glibc.rename(source, destination) == 0 ? nil : errno
    #else
      return Darwin.rename(source, destination) == 0 ? nil : errno
    #endif
  }

  /// `open` for a file that may be created: the descriptor, or `-1` with `errno` set.
  public static func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    if flags & O_CREAT != 0, let fault = injected(.create, path) {
      errno = fault
      return -1
    }
    #if canImport(Glibc)
      return Glibc.open(path, flags, mode)
    #else
      return Darwin.open(path, flags, mode)
    #endif
  }

  /// The system's words for `code`, lowercased as NetTriage's messages are
  /// ("no space left on device", "input/output error").
  public static func reason(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}
