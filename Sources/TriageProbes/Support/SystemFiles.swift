import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text files a probe reads (`/proc/net/tcp`, `/proc/sys/…`, `/etc/resolv.conf`), or a test's
/// stand-ins for them.
///
/// Probes only ever read through this, so a test can feed fixture files and a run on another
/// machine's copy of `/proc` (`rooted(at:)`) reads that copy.
public struct SystemFiles: Sendable {
  /// The text of the file at an absolute path, or `nil` when it is absent or unreadable.
  public var read: @Sendable (String) -> String?

  /// Files read by `read`.
  public init(read: @escaping @Sendable (String) -> String?) {
    self.read = read
  }

  /// This machine's files.
  public static let live = SystemFiles { path in SystemFiles.contents(of: path) }

  /// The files under `root`: `/proc/net/tcp` is read from `root + "/proc/net/tcp"`.
  public static func rooted(at root: String) -> SystemFiles {
    let prefix = root.hasSuffix("/") ? String(root.dropLast()) : root
    return SystemFiles { path in SystemFiles.contents(of: prefix + path) }
  }

  /// Exactly these files (path → text); every other path is absent.
  public static func fixed(_ files: [String: String]) -> SystemFiles {
    SystemFiles { path in files[path] }
  }

  /// Reads to the end with plain `read(2)`: files under /proc report a size of 0, so anything that
  /// trusts `stat` would read nothing.
  static func contents(of path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress, buffer.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// `read(2)`, named apart from ``SystemFiles/read``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}
