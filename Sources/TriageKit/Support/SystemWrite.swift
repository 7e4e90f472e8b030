#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one write-everything loop: journals, atomic files and the terminal write through it.
public enum SystemWrite {
  /// Writes all of `bytes` to `descriptor`, again after a short write or `EINTR`; returns `nil`
  /// when everything was written, else the `errno` of the failed `write`.
  @discardableResult
  public static func all(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress! + written, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        return errno
      }
      written += result
    }
    return nil
  }
}
