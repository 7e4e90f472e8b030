import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// C stdio streams for the descriptors a reader was given.
///
/// For standard input and output these are the C library's own `stdin` and `stdout`, so what the
/// program prints with `print` and what the reader draws go through one buffer in order, and Swift's
/// `readLine()` shares the input buffer. Any other descriptor is duplicated and opened, so the caller
/// keeps its own, and the copy is closed when this object goes away.
final class StdioStreams {
  let input: UnsafeMutablePointer<FILE>
  let output: UnsafeMutablePointer<FILE>
  /// Where libedit reports problems such as a bad `~/.editrc` line: stderr next to stdout.
  let errors: UnsafeMutablePointer<FILE>
  private let opened: [UnsafeMutablePointer<FILE>]

  /// Opens the streams, or returns `nil` when a descriptor is not open.
  init?(inputDescriptor: Int32, outputDescriptor: Int32) {
    var opened: [UnsafeMutablePointer<FILE>] = []
    func stream(_ descriptor: Int32, mode: String, standard: UnsafeMutablePointer<FILE>)
      -> UnsafeMutablePointer<FILE>?
    {
      if fileno(standard) == descriptor { return standard }
      let copy = dup(descriptor)
      guard copy >= 0 else { return nil }
      guard let file = fdopen(copy, mode) else {
        close(copy)
        return nil
      }
      opened.append(file)
      return file
    }
    guard
      let input = stream(inputDescriptor, mode: "r", standard: cel_stdin()),
      let output = stream(outputDescriptor, mode: "w", standard: cel_stdout())
    else {
      Self.closeAll(opened)
      return nil
    }
    self.input = input
    self.output = output
    self.errors = output == cel_stdout() ? cel_stderr() : output
    self.opened = opened
  }

  deinit {
    Self.closeAll(opened)
  }

  private static func closeAll(_ streams: [UnsafeMutablePointer<FILE>]) {
    for stream in streams {
      fclose(stream)
    }
  }
}
