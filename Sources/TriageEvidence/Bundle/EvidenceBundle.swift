import Foundation
import TriageKit

/// An evidence bundle read from its folder: the manifest, then every file as an observation, each
/// labelled `BUNDLE/FILE`. A file that cannot be read is reported and left aside; the rest is
/// read. See docs/fleet.md for the layout.
public struct EvidenceBundle: Sendable {
  /// One file of the bundle and what became of it.
  public struct Entry: Sendable {
    /// The file name.
    public var file: String
    /// The kind it was read as (`netstat`, `probe`…), or `nil` when detection found none.
    public var kind: String?
    /// What it gave, when it could be read.
    public var observation: Observation?
    /// Why it was not read, when it was not: `events-tcpip.txt: line 3: …`.
    public var problem: String?
  }

  /// The bundle's name: its folder's (or archive's) name.
  public var name: String
  /// The manifest, when present and readable.
  public var manifest: BundleManifest?
  /// Every file, manifest order first, then the others by name.
  public var entries: [Entry]
  /// Problems with the bundle as a whole (a missing or unreadable manifest).
  public var notes: [String]
  /// The station's default gateway: the manifest's, else the ipconfig or route print one.
  public var gateway: String?

  /// What a session records: the station (from the manifest) first, then each file read.
  public var observations: [Observation] {
    [stationObservation] + entries.compactMap(\.observation)
  }

  /// Every file that was not read, with why.
  public var problems: [String] { notes + entries.compactMap(\.problem) }

  /// Whether `url` is a folder (a bundle is a folder; an archive is unpacked first).
  public static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Reads the bundle in `folder` (or in its only subfolder, as an unpacked archive holds it).
  /// `name` overrides the folder's name in labels. Throws only when nothing in it can be read.
  public static func read(folder: URL, name: String? = nil) throws(EvidenceError)
    -> EvidenceBundle
  {
    let manager = FileManager.default
    var root = folder
    var names = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
    if !names.contains(BundleManifest.fileName) {
      let folders = names.filter { isFolder(root.appendingPathComponent($0)) && !$0.hasPrefix(".") }
      if folders.count == 1, names.count == 1 {
        root = root.appendingPathComponent(folders[0])
        names = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
      }
    }
    guard isFolder(root) else {
      throw EvidenceError(
        source: folder.path, line: nil, message: "not a folder", reason: .unrecognised)
    }
    let bundleName = name ?? root.lastPathComponent
    var bundle = EvidenceBundle(
      name: bundleName, manifest: nil, entries: [], notes: [], gateway: nil)

    let manifestURL = root.appendingPathComponent(BundleManifest.fileName)
    var manifestText = ""
    if let data = manager.contents(atPath: manifestURL.path) {
      manifestText = String(decoding: data, as: UTF8.self)
      do {
        bundle.manifest = try BundleManifest.parse(
          data, path: "\(bundleName)/\(BundleManifest.fileName)")
      } catch {
        let text = error.description
        bundle.notes.append(text.hasPrefix("error: ") ? String(text.dropFirst(7)) : text)
      }
    } else {
      bundle.notes.append(
        "\(bundleName): no \(BundleManifest.fileName); files are read by name and detection")
    }
    bundle.manifestText = manifestText

    var order: [(name: String, declared: BundleManifest.File?)] =
      bundle.manifest?.files.map { ($0.name, $0) } ?? []
    let declared = Set(order.map(\.name))
    for file in names.sorted()
    where file != BundleManifest.fileName && !file.hasPrefix(".") && !declared.contains(file) {
      if isFolder(root.appendingPathComponent(file)) {
        bundle.notes.append("\(bundleName)/\(file): a folder inside the bundle; left aside")
        continue
      }
      order.append((file, nil))
    }
    for (file, declaredFile) in order {
      bundle.entries.append(
        readFile(file, declared: declaredFile, in: root, bundleName: bundleName, into: &bundle))
    }
    if let gateway = bundle.manifest?.gateway { bundle.gateway = gateway }
    guard bundle.manifest != nil || bundle.entries.contains(where: { $0.observation != nil })
    else {
      throw EvidenceError(
        source: folder.path, line: nil,
        message:
          "nothing in this folder can be read as evidence (\(bundle.problems.first ?? "it is empty"))",
        reason: .empty)
    }
    return bundle
  }

  /// The raw manifest text, for the station observation.
  private var manifestText = ""

  private init(
    name: String, manifest: BundleManifest?, entries: [Entry], notes: [String], gateway: String?
  ) {
    self.name = name
    self.manifest = manifest
    self.entries = entries
    self.notes = notes
    self.gateway = gateway
  }

  private static func readFile(
    _ file: String, declared: BundleManifest.File?, in root: URL, bundleName: String,
    into bundle: inout EvidenceBundle
  ) -> Entry {
    let label = "\(bundleName)/\(file)"
    let kind = declared?.kind ?? BundleLayout.kind(ofFileNamed: file)
    var entry = Entry(file: file, kind: kind, observation: nil, problem: nil)
    let url = root.appendingPathComponent(file)
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    // A bundle from elsewhere must not make this machine read its own files.
    if attributes?[.type] as? FileAttributeType == .typeSymbolicLink {
      entry.problem = "\(label): a symbolic link; a bundle holds plain files only"
      return entry
    }
    let size = attributes?[.size] as? Int
    if let size, size > EvidenceText.maximumSize {
      entry.problem =
        "\(label): \(size >> 20) MiB; evidence is read up to \(EvidenceText.maximumSize >> 20) MiB"
      return entry
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      entry.problem =
        declared?.status == "ok" || declared == nil
        ? "\(label): listed in the manifest but missing"
        : "\(label): not collected (\(declared?.status ?? "missing")\(declared?.note.map { ": \($0)" } ?? ""))"
      return entry
    }
    do {
      let text = try EvidenceText(bytes: Array(data), source: label)
      if text.isBlank, let declared, declared.status != "ok" {
        entry.problem =
          "\(label): not collected (\(declared.status)\(declared.note.map { ": \($0)" } ?? ""))"
        return entry
      }
      switch kind {
      case "probe":
        entry.observation = try recordedProbe(data, label: label)
      case DynamicPortRangeReader.kind:
        entry.observation = try DynamicPortRangeReader.read(text)
      case KernelLogReader.kind:
        entry.observation = KernelLogReader.read(text)
      case "eventlog" where text.isBlank:
        // wevtutil prints nothing when the query matches no event: that is a finding.
        entry.observation = Observation(
          origin: .evidence, kind: "eventlog", format: "wevtutil-text", label: label,
          facts: ["event.4226": .number(0), "event.4227": .number(0), "event.4231": .number(0)],
          figures: ["no Tcpip 4226, 4227 or 4231 event in the System log"], raw: "")
      default:
        let evidenceKind = kind.flatMap(EvidenceKind.init(name:))
        let evidence = try EvidenceImporters.read(text, as: evidenceKind)
        if evidence.kind == .ipconfig, bundle.gateway == nil {
          bundle.gateway = Self.gateway(inIpconfig: evidence)
        } else if evidence.kind == .routePrint, bundle.gateway == nil {
          bundle.gateway =
            evidence.fields.first { $0.key == "default_gateways" }?.value
            .arrayValue?.first?.stringValue
        }
        entry.kind = evidence.kind.rawValue
        entry.observation = Observation(
          origin: .evidence, kind: evidence.kind.rawValue, format: evidence.format, label: label,
          facts: evidence.facts, figures: evidence.figures,
          raw: String(decoding: text.bytes, as: UTF8.self))
      }
    } catch {
      entry.problem = error.description.replacingOccurrences(of: ": error: ", with: ": ")
    }
    return entry
  }

  /// A probe result recorded by `nettriage collect` (the observation `probe … --save` writes),
  /// as evidence from this bundle.
  private static func recordedProbe(_ data: Data, label: String) throws(EvidenceError)
    -> Observation
  {
    let line =
      String(decoding: data, as: UTF8.self).split(separator: "\n").first { !$0.isEmpty }
      .map(String.init) ?? ""
    guard var observation = try? JSONDecoder().decode(Observation.self, from: Data(line.utf8))
    else {
      throw EvidenceError(
        source: label, line: 1, column: 1,
        message: "expected a recorded probe result (one JSON object, as 'probe … --save' writes)")
    }
    let status = observation.format
    observation = Observation(
      origin: .evidence, kind: observation.kind, format: "recorded-\(status)", label: label,
      facts: observation.facts, figures: observation.figures, raw: observation.raw)
    return observation
  }

  /// The default gateway of the first adapter that has one.
  private static func gateway(inIpconfig evidence: Evidence) -> String? {
    let adapters = evidence.fields.first { $0.key == "adapters" }?.value.arrayValue ?? []
    for adapter in adapters {
      if let gateway = adapter["default_gateway"]?.stringValue, !gateway.isEmpty {
        return gateway
      }
    }
    return nil
  }

  /// The station: host, label, OS, gateway and when, from the manifest; what was skipped and
  /// what could not be read, in the figures, so the report keeps them.
  private var stationObservation: Observation {
    var facts: [String: FactValue] = [:]
    var figures: [String] = []
    if let manifest {
      facts["station.host"] = .string(manifest.host)
      if let label = manifest.label, !label.isEmpty { facts["station.label"] = .string(label) }
      facts["station.os"] = .string(manifest.os)
      facts["station.collected-at"] = .string(manifest.collectedAt)
      figures.append(
        "station \(manifest.host)\(manifest.label.map { " (\($0))" } ?? "") · \(manifest.os)")
      figures.append(
        "collected \(manifest.collectedAt)\(manifest.timeZone.map { " (\($0))" } ?? "") by \(manifest.collector)\(manifest.nettriageVersion.map { " \($0)" } ?? "")"
      )
      if !manifest.targets.isEmpty {
        figures.append("targets: \(manifest.targets.joined(separator: ", "))")
      }
    }
    if let gateway {
      facts["station.gateway"] = .string(gateway)
      figures.append("default gateway \(gateway)")
    }
    let read = entries.filter { $0.observation != nil }.count
    figures.append("\(read) of \(entries.count) files read")
    for skipped in manifest?.skipped ?? [] {
      figures.append("skipped \(skipped.step): \(skipped.reason)")
    }
    for note in notes { figures.append("note: \(note)") }
    for problem in entries.compactMap(\.problem) { figures.append("not read: \(problem)") }
    return Observation(
      origin: .evidence, kind: "bundle", format: BundleManifest.schema,
      label: "\(name)/\(BundleManifest.fileName)", facts: facts, figures: figures,
      raw: manifestText)
  }
}
