/// The file names of an evidence bundle and the kind each holds: one table for the collectors
/// (`nettriage collect`, `contrib/windows/collect.cmd`) and the bundle reader, so a bundle is read
/// by name even when its manifest is lost.
public enum BundleLayout {
  /// A file a collector writes.
  public struct File: Sendable, Equatable {
    /// The file name.
    public var name: String
    /// What it holds (see ``BundleManifest/File/kind``).
    public var kind: String
    /// The command or probe that writes it.
    public var command: String

    /// Creates one from its parts.
    public init(_ name: String, kind: String, command: String) {
      self.name = name
      self.kind = kind
      self.command = command
    }
  }

  /// What the Windows collector writes (besides one `nslookup-HOST.txt` a target).
  public static let windows: [File] = [
    File("netstat-ano.txt", kind: "netstat", command: "netstat -ano"),
    File("ipconfig-all.txt", kind: "ipconfig", command: "ipconfig /all"),
    File("route-print.txt", kind: "route-print", command: "route print"),
    File(
      "dynamicport-tcp.txt", kind: "dynamicport", command: "netsh int ipv4 show dynamicport tcp"),
    File(
      "events-tcpip.txt", kind: "eventlog",
      command:
        "wevtutil qe System /q:\"*[System[Provider[@Name='Tcpip'] and (EventID=4226 or EventID=4227 or EventID=4231)]]\" /rd:true /c:200 /f:text"
    ),
    File(
      "get-nettcpconnection.txt", kind: "get-nettcpconnection",
      command: "Get-NetTCPConnection | Format-Table -AutoSize"),
  ]

  /// What `nettriage collect` writes on Linux and macOS (besides one `dns-HOST.json` a named
  /// target).
  public static let unix: [File] = [
    File("census.json", kind: "probe", command: "probe census"),
    File("limits.json", kind: "probe", command: "probe limits"),
    File("interfaces.json", kind: "probe", command: "probe interfaces"),
    File("kernel-log.txt", kind: "kernel-log", command: "kernel log (/dev/kmsg or journalctl -k)"),
    File("fanout.json", kind: "probe", command: "probe fanout"),
  ]

  /// The nslookup output for `host` (Windows).
  public static func nslookupFile(for host: String) -> String { "nslookup-\(safeName(host)).txt" }

  /// The dns probe result for `host` (Linux, macOS).
  public static func dnsFile(for host: String) -> String { "dns-\(safeName(host)).json" }

  /// `host` with every character but letters, digits, `.` and `-` replaced by `_`, as
  /// collect.cmd does, so a name is a safe file name everywhere.
  public static func safeName(_ host: String) -> String {
    String(
      host.map { character in
        character.isASCII
          && (character.isLetter || character.isNumber || character == "."
            || character == "-")
          ? character : "_"
      })
  }

  /// The kind a file holds, by its name; `nil` when the name says nothing (detect it).
  public static func kind(ofFileNamed name: String) -> String? {
    if let file = (windows + unix).first(where: { $0.name == name }) { return file.kind }
    let lower = name.lowercased()
    if lower.hasPrefix("nslookup-") && lower.hasSuffix(".txt") { return "nslookup" }
    if lower.hasPrefix("dns-") && lower.hasSuffix(".json") { return "probe" }
    if lower.hasSuffix(".json") && lower != BundleManifest.fileName { return "probe" }
    return nil
  }
}
