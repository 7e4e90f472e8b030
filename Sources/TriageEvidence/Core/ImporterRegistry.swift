extension EvidenceImporters {
  /// Every importer. A new importer is one file in Importers/ and one line here; a test checks that
  /// every kind has at least one.
  static let registered: [any EvidenceImporter.Type] = [
    WindowsNetstatImporter.self,
    LinuxNetstatImporter.self,
    BSDNetstatImporter.self,
    SSImporter.self,
    GetNetTCPConnectionImporter.self,
  ]
}
