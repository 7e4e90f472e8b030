import Foundation

/// The `manifest.json` of an evidence bundle: which station, when, by what, what was collected
/// and what was skipped and why (docs/fleet.md). `nettriage collect` and
/// `contrib/windows/collect.cmd` write it; the bundle reader reads it.
public struct BundleManifest: Codable, Sendable, Equatable {
  /// The schema tag every manifest carries.
  public static let schema = "nettriage.bundle/1"
  /// The manifest's file name inside a bundle.
  public static let fileName = "manifest.json"

  /// One collected file.
  public struct File: Codable, Sendable, Equatable {
    /// The file name inside the bundle (no folders).
    public var name: String
    /// What it holds: an evidence kind (`netstat`, `ipconfig`…), `probe` (a recorded probe
    /// result), `dynamicport` or `kernel-log`.
    public var kind: String
    /// The command or probe that produced it: `netstat -ano`, `probe census`.
    public var command: String?
    /// `ok`, `failed` (the command ran and reported an error) or `timeout`.
    public var status: String
    /// Why, when not ok.
    public var note: String?

    /// Creates one from its parts.
    public init(name: String, kind: String, command: String?, status: String, note: String? = nil) {
      self.name = name
      self.kind = kind
      self.command = command
      self.status = status
      self.note = note
    }
  }

  /// A step that was not collected, with the reason.
  public struct Skipped: Codable, Sendable, Equatable {
    /// The step: `kernel-log`, `fanout`, `census`.
    public var step: String
    /// Why: `not Linux`, `permission denied reading /dev/kmsg`, `timed out after 10 s`.
    public var reason: String

    /// Creates one from its parts.
    public init(step: String, reason: String) {
      self.step = step
      self.reason = reason
    }
  }

  /// The knowledge base the collector carried.
  public struct KnowledgeBaseVersion: Codable, Sendable, Equatable {
    /// Its ID and version.
    public var id, version: String
    /// Its content digest, when known.
    public var digest: String?

    /// Creates one from its parts.
    public init(id: String, version: String, digest: String?) {
      self.id = id
      self.version = version
      self.digest = digest
    }
  }

  /// `nettriage.bundle/1`.
  public var schema: String
  /// The station's host name.
  public var host: String
  /// A label the person collecting gave (a site, a customer, a ticket), if any.
  public var label: String?
  /// The operating system: `Linux 6.8.0 (Ubuntu 24.04)`, `Microsoft Windows [Version 10.0.19045]`.
  public var os: String
  /// When, ISO 8601 with the station's UTC offset (`2026-12-06T23:57:13+01:00`); a Windows
  /// collector without PowerShell writes the local date and time as `cmd` prints them.
  public var collectedAt: String
  /// The station's time zone (`Europe/Berlin`, `W. Europe Standard Time`), when known.
  public var timeZone: String?
  /// What collected it: `nettriage collect`, `contrib/windows/collect.cmd`.
  public var collector: String
  /// The NetTriage version of the collector.
  public var nettriageVersion: String?
  /// The knowledge base the collector carried (a Windows collector carries none).
  public var knowledgeBase: KnowledgeBaseVersion?
  /// The station's default gateway, when the collector could tell.
  public var gateway: String?
  /// The targets the collection was asked about (`fileserver:445`).
  public var targets: [String]
  /// The collected files, in the order collected.
  public var files: [File]
  /// What was not collected, and why.
  public var skipped: [Skipped]

  enum CodingKeys: String, CodingKey {
    case schema, host, label, os, collector, gateway, targets, files, skipped
    case collectedAt = "collected_at"
    case timeZone = "time_zone"
    case nettriageVersion = "nettriage_version"
    case knowledgeBase = "kb"
  }

  /// Creates one from its parts.
  public init(
    host: String, label: String? = nil, os: String, collectedAt: String, timeZone: String? = nil,
    collector: String, nettriageVersion: String? = nil,
    knowledgeBase: KnowledgeBaseVersion? = nil, gateway: String? = nil, targets: [String] = [],
    files: [File] = [], skipped: [Skipped] = []
  ) {
    self.schema = Self.schema
    self.host = host
    self.label = label
    self.os = os
    self.collectedAt = collectedAt
    self.timeZone = timeZone
    self.collector = collector
    self.nettriageVersion = nettriageVersion
    self.knowledgeBase = knowledgeBase
    self.gateway = gateway
    self.targets = targets
    self.files = files
    self.skipped = skipped
  }

  /// Creates one from its parts.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schema = try container.decode(String.self, forKey: .schema)
    host = try container.decode(String.self, forKey: .host)
    label = try container.decodeIfPresent(String.self, forKey: .label)
    os = try container.decodeIfPresent(String.self, forKey: .os) ?? "unknown"
    collectedAt = try container.decode(String.self, forKey: .collectedAt)
    timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
    collector = try container.decodeIfPresent(String.self, forKey: .collector) ?? "unknown"
    nettriageVersion = try container.decodeIfPresent(String.self, forKey: .nettriageVersion)
    knowledgeBase = try container.decodeIfPresent(KnowledgeBaseVersion.self, forKey: .knowledgeBase)
    gateway = try container.decodeIfPresent(String.self, forKey: .gateway)
    targets = try container.decodeIfPresent([String].self, forKey: .targets) ?? []
    files = try container.decodeIfPresent([File].self, forKey: .files) ?? []
    skipped = try container.decodeIfPresent([Skipped].self, forKey: .skipped) ?? []
  }

  /// Reads a manifest; `path` names it in errors.
  public static func parse(_ data: Data, path: String) throws(TriageError) -> BundleManifest {
    let manifest: BundleManifest
    do {
      manifest = try JSONDecoder().decode(BundleManifest.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .invalidInput(
        "\(path): missing '\(Self.keyPath(context.codingPath + [key]))' (a bundle manifest needs schema, host and collected_at)"
      )
    } catch let DecodingError.typeMismatch(_, context) {
      throw .invalidInput(
        "\(path): '\(Self.keyPath(context.codingPath))' has the wrong type: \(context.debugDescription.lowercased())"
      )
    } catch let DecodingError.valueNotFound(_, context) {
      throw .invalidInput("\(path): '\(Self.keyPath(context.codingPath))' is null")
    } catch {
      throw .invalidInput("\(path): not JSON (expected a '\(schema)' manifest)")
    }
    guard manifest.schema == schema else {
      throw .invalidInput(
        "\(path): schema '\(manifest.schema)' is not '\(schema)' (this NetTriage reads \(schema))")
    }
    for file in manifest.files where !isPlainName(file.name) {
      throw .invalidInput(
        "\(path): file name '\(file.name)' must be a plain name inside the bundle (no folders, no '..')"
      )
    }
    return manifest
  }

  /// The manifest as JSON text: two-space indent, keys sorted, ending in a newline.
  public var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else {
      // Strings and arrays of strings always encode.
      preconditionFailure("bundle manifest could not be encoded")
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Whether `name` is a file name that stays inside the bundle.
  public static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\")
      && !name.hasPrefix(".")
  }

  private static func keyPath(_ path: [CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
      .replacingOccurrences(of: ".[", with: "[")
  }
}
