import Foundation

/// What every fuzz target shares: libFuzzer's driver, started from the target's own `main`
/// (SwiftPM gives every executable its entry point, so libFuzzer's `main` cannot be used), and the
/// input as text.
public enum FuzzDriver {
  /// The function libFuzzer calls with each input; it returns 0 (any other value is reserved).
  public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  /// Runs libFuzzer over `test` with the process's own arguments (`-max_total_time=10`, a
  /// corpus folder…) and exits with its status.
  public static func run(_ test: TestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv, test))
  }

  /// The input's bytes as text, invalid UTF-8 repaired as the loaders would.
  public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: bytes(data, size), as: UTF8.self)
  }

  /// The input's bytes.
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8>
  {
    UnsafeBufferPointer(start: data, count: size)
  }
}

/// libFuzzer's driver entry point, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ test: FuzzDriver.TestOneInput
) -> CInt
