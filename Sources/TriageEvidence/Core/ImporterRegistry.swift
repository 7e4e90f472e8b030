extension EvidenceImporters {
  /// Every importer. A new importer is one file in Importers/ and one line here; a test checks that
  /// every kind has at least one.
  static let registered: [any EvidenceImporter.Type] = [
    EventViewerTextImporter.self,
    WevtutilTextImporter.self,
    GetWinEventListImporter.self,
    GetWinEventTableImporter.self,
    EventCSVImporter.self,
    EventXMLImporter.self,
    ISAW3CLogImporter.self,
    ISATextLogImporter.self,
  ]
}
