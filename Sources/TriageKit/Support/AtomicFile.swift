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
    let bytes = Array(contents.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        systemWrite(fd, buffer.baseAddress! + written, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(temporary)
        throw .cannotWrite(path, reason)
      }
      written += result
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

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
  #else
    Darwin.write(fd, buffer, count)
  #endif
}
