import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes whole files atomically: a temporary file beside the target, flushed, then renamed over it,
/// so a reader never sees half a report and a crash never leaves one.
public enum AtomicFile {
  /// Writes `contents` to `url`.
  ///
  /// - Parameter overwrite: when false, an existing file is an error (``TriageError/outputExists(_:)``).
  public static func write(_ contents: String, to url: URL, overwrite: Bool) throws(TriageError) {
    let path = url.path
    if !overwrite, FileManager.default.fileExists(atPath: path) {
      throw .outputExists(path)
    }
    let directory = url.deletingLastPathComponent().path
    let temporary =
      "\(directory.isEmpty ? "." : directory)/.\(url.lastPathComponent).\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    if let code = SystemWrite.all(Array(contents.utf8), to: fd) {
      close(fd)
      unlink(temporary)
      throw .cannotWrite(path, String(cString: strerror(code)))
    }
    fsync(fd)
    close(fd)
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .cannotWrite(path, reason)
    }
  }
}
