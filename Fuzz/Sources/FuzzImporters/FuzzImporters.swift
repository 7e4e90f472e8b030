import TriageEvidence
import TriageKit

/// Every evidence importer through detection, and each one by name, on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let text = try? EvidenceText(bytes: bytes, source: "fuzz") else { return 0 }
  _ = try? EvidenceImporters.read(text, as: nil)
  for kind in EvidenceKind.allCases {
    _ = try? EvidenceImporters.read(text, as: kind)
  }
  return 0
}
