import FuzzDriver
import TriageEvidence
import TriageKit

/// Every evidence importer through detection, and each one by name, on the same bytes.
private func fuzzImporters(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(FuzzDriver.bytes(data, size))
  guard let text = try? EvidenceText(bytes: bytes, source: "fuzz") else { return 0 }
  _ = try? EvidenceImporters.read(text, as: nil)
  for kind in EvidenceKind.allCases {
    _ = try? EvidenceImporters.read(text, as: kind)
  }
  return 0
}

@main
enum FuzzImportersMain {
  static func main() {
    FuzzDriver.run { data, size in fuzzImporters(data, size) }
  }
}
