import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes whole files atomically: a temporary file beside the target, flushed, then renamed over it,
/// so a reader never sees half a report and a crash never leaves one.
///
/// Only a regular file is ever replaced. A character device or a FIFO (`/dev/stdout`, `/dev/null`,
/// `>(command)`) is written to directly and stays what it is; a symbolic link, a directory, a
/// block device or a socket is refused, `--force` or not. The temporary file is created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` under a random name, so nothing planted beside the target can
/// redirect the write; every `write`, `fsync` and `close` is checked, and the folder is flushed
/// after the rename.
public enum AtomicFile {
  /// Writes `contents` to `url`.
  ///
  /// - Parameter overwrite: when false, an existing file is an error (``TriageError/outputExists(_:)``).
  public static func write(_ contents: String, to url: URL, overwrite: Bool) throws(TriageError) {
    let path = url.path
    var status = stat()
    if lstat(path, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFREG:
        if !overwrite { throw .outputExists(path) }
      case S_IFCHR, S_IFIFO:
        try writeInPlace(contents, to: path)
        return
      case S_IFLNK:
        // `/dev/stdout` is a link to a terminal or a pipe: written to. A link to anything else
        // is never replaced, nor followed to replace what it points to.
        var target = stat()
        if stat(path, &target) == 0, [S_IFCHR, S_IFIFO].contains(target.st_mode & S_IFMT) {
          try writeInPlace(contents, to: path)
          return
        }
        throw .cannotWrite(
          path,
          "is a symbolic link; it is never replaced (name the file it points to, or '-' for standard output)"
        )
      case S_IFDIR:
        throw .cannotWrite(path, "is a directory")
      case S_IFBLK:
        throw .cannotWrite(path, "is a block device; it is never written to")
      default:
        throw .cannotWrite(path, "is not a regular file; it is never replaced")
      }
    } else if errno != ENOENT {
      throw .cannotWrite(path, SystemWrite.reason(errno))
    }
    let directory = url.deletingLastPathComponent().path
    let folder = directory.isEmpty ? "." : directory
    let (fd, temporary) = try createTemporary(in: folder, for: url.lastPathComponent, path: path)
    // Until the rename, a failure leaves the target as it was and removes the temporary file.
    if let code = SystemWrite.all(Array(contents.utf8), to: fd, path: temporary)
      ?? SystemWrite.sync(fd, path: temporary)
    {
      _ = SystemWrite.close(fd)
      unlink(temporary)
      throw .cannotWrite(path, SystemWrite.reason(code))
    }
    if let code = SystemWrite.close(fd, path: temporary) {
      unlink(temporary)
      throw .cannotWrite(path, SystemWrite.reason(code))
    }
    if overwrite {
      if let code = SystemWrite.rename(temporary, to: path) {
        unlink(temporary)
        throw .cannotWrite(path, SystemWrite.reason(code))
      }
    } else {
      // A hard link fails if the name appeared meanwhile: never a silent replacement.
      var linked = link(temporary, path)
      var code = errno
      if linked != 0, code != EEXIST, code != ENOENT {
        // A file system without hard links (FAT, some network mounts): rename instead.
        var existing = stat()
        if lstat(path, &existing) != 0 {
          let failed = SystemWrite.rename(temporary, to: path)
          linked = failed == nil ? 0 : -1
          code = failed ?? 0
        } else {
          code = EEXIST
        }
      }
      unlink(temporary)
      if linked != 0 {
        if code == EEXIST { throw .outputExists(path) }
        throw .cannotWrite(path, SystemWrite.reason(code))
      }
    }
    syncFolder(folder)
  }

  /// Appends `line` (a line feed is added) to `url`, creating the file if needed: the whole line
  /// or nothing, so a file of recorded results stays one whole JSON object a line.
  ///
  /// A symbolic link is not followed. When the write or its flush fails (a full disk), what part of
  /// the line reached the file is cut off again and the error says why.
  public static func appendLine(_ line: String, to url: URL) throws(TriageError) {
    let path = url.path
    let fd = SystemWrite.open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      if errno == ELOOP {
        throw .cannotWrite(path, "is a symbolic link; it is never followed")
      }
      throw .cannotWrite(path, SystemWrite.reason(errno))
    }
    var status = stat()
    let isFile = fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    let before = status.st_size
    let failure =
      SystemWrite.all(Array((line + "\n").utf8), to: fd, path: path)
      ?? (isFile ? SystemWrite.sync(fd, path: path) : nil)
    if let failure {
      if isFile { _ = ftruncate(fd, before) }
      _ = SystemWrite.close(fd)
      throw .cannotWrite(path, SystemWrite.reason(failure))
    }
    if let code = SystemWrite.close(fd, path: path) {
      throw .cannotWrite(path, SystemWrite.reason(code))
    }
  }

  /// A new temporary file in `folder`, created exclusively and never through a symbolic link.
  private static func createTemporary(in folder: String, for name: String, path: String)
    throws(TriageError) -> (Int32, String)
  {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<16 {
      let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 36)
      let temporary = "\(folder)/.\(name).\(suffix).tmp"
      let fd = SystemWrite.open(
        temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if fd >= 0 { return (fd, temporary) }
      if errno != EEXIST { throw .cannotWrite(path, SystemWrite.reason(errno)) }
    }
    throw .cannotWrite(path, "cannot create a temporary file beside it")
  }

  /// Writes to a character device or FIFO as it is: opening it never creates, truncates or
  /// replaces anything. A FIFO nobody reads is an error, not a wait.
  private static func writeInPlace(_ contents: String, to path: String) throws(TriageError) {
    let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENXIO { throw .cannotWrite(path, "is a FIFO that nobody reads") }
      throw .cannotWrite(path, SystemWrite.reason(errno))
    }
    // What was opened must still be a device or a FIFO: never write into a file swapped in.
    var status = stat()
    guard fstat(fd, &status) == 0, [S_IFCHR, S_IFIFO].contains(status.st_mode & S_IFMT) else {
      close(fd)
      throw .cannotWrite(path, "changed while it was opened; not written")
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    if let code = SystemWrite.all(Array(contents.utf8), to: fd, path: path) {
      _ = SystemWrite.close(fd)
      throw .cannotWrite(path, SystemWrite.reason(code))
    }
    if let code = SystemWrite.close(fd, path: path) {
      throw .cannotWrite(path, SystemWrite.reason(code))
    }
  }

  /// Flushes the folder's entry for the renamed file, so the new name survives a power cut.
  private static func syncFolder(_ folder: String) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}
