extension EvidenceImporters {
  /// Every importer. A new importer is one file in Importers/ and one line here; tests check that
  /// every file in Importers/ is listed and every kind has at least one.
  static let registered: [any EvidenceImporter.Type] = [
    IpconfigImporter.self,
    NslookupImporter.self,
    NetUseImporter.self,
    ProgramErrorImporter.self,
    TestNetConnectionImporter.self,
    RoutePrintImporter.self,
    WindowsNetstatImporter.self,
    LinuxNetstatImporter.self,
    BSDNetstatImporter.self,
    MeterpreterNetstatImporter.self,
    SSImporter.self,
    GetNetTCPConnectionImporter.self,
    EventViewerTextImporter.self,
    WevtutilTextImporter.self,
    GetWinEventListImporter.self,
    GetWinEventTableImporter.self,
    EventCSVImporter.self,
    EventXMLImporter.self,
    EventLineImporter.self,
    ISAW3CLogImporter.self,
    ISATextLogImporter.self,
    KernelLogImporter.self,
    SysctlImporter.self,
    UlimitImporter.self,
    DynamicPortImporter.self,
    GetNetTCPSettingImporter.self,
  ]
}
