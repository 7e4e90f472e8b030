import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads an input file or standard input in chunks, stopping at a size limit, so no input (a huge
/// file, `/dev/zero`, an endless pipe) can take more memory than the limit; and says precisely why a
/// path cannot be read: missing, a directory, a device, a socket, permission denied.
public enum InputFile {
  /// The bytes of the file at `path`, at most `limit` of them.
  ///
  /// A FIFO (or `<(command)`) is read like a file, without waiting for a writer that never comes.
  /// Throws ``TriageError/inputMissing(_:)`` when nothing is there, ``TriageError/unreadable(_:_:)``
  /// when it is not a file that can be read, and ``TriageError/invalidInput(_:)`` past `limit`;
  /// `what` names the kind of input in that message ("evidence", "an answer file").
  public static func read(_ path: String, limit: Int, what: String) throws(TriageError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw .inputMissing(path) }
      throw .unreadable(path, reason(code))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .unreadable(path, reason(errno)) }
    let type = status.st_mode & S_IFMT
    switch type {
    case S_IFDIR: throw .unreadable(path, "is a directory")
    case S_IFCHR, S_IFBLK:
      throw .unreadable(path, "is a device (give a file, or '-' for standard input)")
    case S_IFSOCK: throw .unreadable(path, "is a socket")
    case S_IFREG where Int(status.st_size) > limit:
      throw tooLarge(path, what: what, limit: limit)
    default: break
    }
    // Non-blocking only for the open (a FIFO without a writer would block it); reads block.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    let bytes = try read(
      descriptor: descriptor, name: path, limit: limit, what: what,
      expectedSize: type == S_IFREG ? Int(status.st_size) : 0)
    if bytes.isEmpty, type == S_IFIFO {
      throw .unreadable(path, "is a FIFO and nothing was written to it")
    }
    return bytes
  }

  /// Standard input, at most `limit` bytes; `stdin` in messages.
  ///
  /// A file redirected to standard input (`< file`) is sized first: one past `limit` is refused
  /// before anything is read, one within it is read once into an array of its size.
  public static func readStandardInput(limit: Int, what: String) throws(TriageError) -> [UInt8] {
    var status = stat()
    var expectedSize = 0
    if fstat(STDIN_FILENO, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
      let remaining = Int(status.st_size) - Int(lseek(STDIN_FILENO, 0, SEEK_CUR))
      guard remaining <= limit else { throw tooLarge("stdin", what: what, limit: limit) }
      expectedSize = max(0, remaining)
    }
    return try read(
      descriptor: STDIN_FILENO, name: "stdin", limit: limit, what: what,
      expectedSize: expectedSize)
  }

  /// Reads `descriptor` to its end, failing as soon as it passes `limit`.
  ///
  /// With `expectedSize` (a regular file's size) the bytes are read straight into an array of that
  /// size plus one byte, which tells whether the file grew meanwhile, so the input is in memory
  /// once; otherwise, and for what a growing file adds, in chunks.
  static func read(
    descriptor: Int32, name: String, limit: Int, what: String, expectedSize: Int = 0
  ) throws(TriageError) -> [UInt8] {
    var bytes: [UInt8] = []
    if expectedSize > 0 {
      var failure: Int32 = 0
      bytes = [UInt8](unsafeUninitializedCapacity: expectedSize + 1) { buffer, count in
        count = 0
        while count < buffer.count {
          let read = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
          if read < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          if read == 0 { return }
          count += read
        }
      }
      if failure != 0 { throw .unreadable(name, reason(failure)) }
      guard bytes.count <= limit else { throw tooLarge(name, what: what, limit: limit) }
      if bytes.count <= expectedSize { return bytes }
    }
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, chunk) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(name, reason(errno))
      }
      if count == 0 { return bytes }
      guard bytes.count + count <= limit else { throw tooLarge(name, what: what, limit: limit) }
      // Doubling, as `append` grows: the pages of a new buffer are resident only once written,
      // so a pipe past the limit is refused holding about the limit (docs/limits.md).
      bytes.append(contentsOf: buffer[0..<count])
    }
  }

  private static func tooLarge(_ name: String, what: String, limit: Int) -> TriageError {
    .invalidInput("'\(name)' is larger than \(size(limit)), the limit for \(what)")
  }

  /// `256 MiB`, `64 KiB`, `100 bytes`.
  public static func size(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  /// The system's words for an error, lowercased as our messages are.
  static func reason(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a directory"
    case ELOOP: return "too many levels of symbolic links"
    case EIO: return "input/output error"
    default:
      let text = String(cString: strerror(code))
      return text.prefix(1).lowercased() + text.dropFirst()
    }
  }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int)
  -> Int
{
  #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
  #else
    Darwin.read(descriptor, buffer, count)
  #endif
}
