import Foundation
import TriageEvidence
import TriageKit

/// Every evidence importer through detection, and each one by name, on the same bytes.
private func fuzzImporters(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let text = try? EvidenceText(bytes: bytes, source: "fuzz") else { return 0 }
  _ = try? EvidenceImporters.read(text, as: nil)
  for kind in EvidenceKind.allCases {
    _ = try? EvidenceImporters.read(text, as: kind)
  }
  return 0
}

/// libFuzzer's driver, called from our own `main` (SwiftPM names every executable's entry point).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum FuzzImportersMain {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in fuzzImporters(data, size) })
  }
}
