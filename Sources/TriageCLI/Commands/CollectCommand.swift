import ArgumentParser
import Foundation
import TriageKit
import TriageProbes

/// `nettriage collect`: gathers this station's evidence into a bundle to triage anywhere.
struct CollectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect",
    abstract:
      "Collect this station's evidence into a bundle (a folder, or .tar.gz with --archive).",
    discussion: """
      Runs the read-only probes (census, limits, interfaces, and dns for each named --target), \
      reads the kernel log's messages about conntrack, SYN flooding and orphaned sockets where it \
      may, and writes one file a step plus manifest.json (host, OS, time with zone, NetTriage and \
      knowledge-base version, what was collected, what was skipped and why). Nothing is changed \
      and no connection is opened, unless --fanout names a targets file with a budget \
      (--max-concurrent and --rate). Every step has a timeout. Triage the bundle anywhere with \
      'nettriage run --evidence BUNDLE'. Progress goes to standard error, the bundle's path to \
      standard output.
      """
  )

  @Option(
    help: ArgumentHelp(
      "The bundle folder (default: nettriage-HOST-YYYYMMDD-HHMMSS here).", valueName: "dir"))
  var out: String?

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "A host:port the station fails to reach (repeatable); a name gets a DNS lookup.",
      valueName: "host:port"))
  var targets: [String] = []

  @Option(help: ArgumentHelp("A label for the summary: site, customer, ticket.", valueName: "text"))
  var label: String?

  @Option(
    help: ArgumentHelp(
      "The station's name in the bundle (default: this machine's host name; Ansible passes the inventory name).",
      valueName: "name"))
  var station: String?

  @Flag(help: "Write DIR.tar.gz instead of the folder.")
  var archive = false

  @Option(help: ArgumentHelp("Seconds each step may take.", valueName: "seconds"))
  var timeout: Double = 15

  @Option(
    help: ArgumentHelp(
      "Also run a fan-out to the host:port targets in this file (needs --max-concurrent and --rate).",
      valueName: "file"))
  var fanout: String?

  @Option(help: "For --fanout: connections in flight or held open at once.")
  var maxConcurrent: Int?

  @Option(help: "For --fanout: new connects a minute: N, N/min or N/s.")
  var rate: String?

  @Flag(help: "Write into a folder (or over an archive) that exists already.")
  var force = false

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  func validate() throws {
    guard timeout > 0, timeout <= 600 else {
      throw ValidationError("--timeout '\(timeout)': expected 0 to 600 seconds")
    }
    for target in targets {
      do {
        _ = try HostPort.parse(target)
      } catch {
        throw ValidationError("--target '\(target)': \(error.message)")
      }
    }
    if fanout == nil, maxConcurrent != nil || rate != nil {
      throw ValidationError("--max-concurrent and --rate go with --fanout FILE")
    }
    if fanout != nil {
      guard let maxConcurrent, let rate else {
        throw ValidationError(
          "--fanout needs a budget: give --max-concurrent N and --rate N/min (a fan-out opens connections)"
        )
      }
      guard maxConcurrent >= 1, maxConcurrent <= 100_000 else {
        throw ValidationError("--max-concurrent must be from 1 to 100000")
      }
      guard ProbeFanoutCommand.perMinute(rate) != nil else {
        throw ValidationError("--rate '\(rate)': expected N, N/min or N/s, with N above 0")
      }
    }
    if let label, label.contains(where: \.isNewline) {
      throw ValidationError("--label must be one line")
    }
    if let station, station.isEmpty || station.contains(where: \.isNewline) {
      throw ValidationError("--station must be one line and not empty")
    }
  }

  func run() throws {
    let err = Terminal.standardError
    var station = BundleCollector.Station.current()
    if let name = self.station { station.host = name }
    let folder = URL(fileURLWithPath: out ?? Self.defaultName(station))
    let archiveURL = URL(fileURLWithPath: folder.path + ".tar.gz")
    var fanoutProbe: FanoutProbe?
    let kb = try exitingOnError { () throws(TriageError) in
      if FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(BundleManifest.fileName).path), !force
      {
        throw .outputExists(folder.path)
      }
      if archive, FileManager.default.fileExists(atPath: archiveURL.path), !force {
        throw .outputExists(archiveURL.path)
      }
      if let fanout {
        let list: TargetList
        do {
          list = try TargetList.read(path: fanout)
        } catch let diagnostic as Diagnostic {
          throw .invalidInput(diagnostic.description)
        } catch {
          throw .inputMissing(fanout)
        }
        fanoutProbe = FanoutProbe(
          targets: list,
          budget: FanoutProbe.Budget(
            maxConcurrent: maxConcurrent ?? 1,
            perMinute: rate.flatMap(ProbeFanoutCommand.perMinute) ?? 1))
      }
      return try knowledgeBase.load()
    }
    let collector = BundleCollector(
      targets: targets.compactMap { try? HostPort.parse($0) }, label: label,
      stepTimeout: timeout, fanout: fanoutProbe,
      nettriageVersion: NetTriageCommand.configuration.version,
      knowledgeBase: .init(
        id: kb.identity.id, version: kb.identity.version, digest: kb.identity.digest),
      station: station)
    let box = CollectionBox()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        box.finish(
          .success(
            try await collector.collect(into: folder) { progress in
              switch progress {
              case .started(let step, let index, let total):
                err.write("[\(index)/\(total)] \(step) … ")
              case .finished(_, let status, let reason, let seconds):
                err.line(
                  "\(status) (\(String(format: "%.2f", seconds)) s)"
                    + (reason.map { ": \($0)" } ?? ""))
              }
            }))
      } catch let error as TriageError {
        box.finish(.failure(error))
      } catch {
        box.finish(.failure(.cannotWrite(folder.path, "\(error)")))
      }
      done.signal()
    }
    done.wait()
    let manifest = try exitingOnError { () throws(TriageError) in
      guard let result = box.result else {
        throw .cannotWrite(folder.path, "the collection did not finish")
      }
      let manifest = try result.get()
      if archive {
        if force { try? FileManager.default.removeItem(at: archiveURL) }
        try BundleArchive.pack(folder, into: archiveURL)
        try? FileManager.default.removeItem(at: folder)
      }
      return manifest
    }
    err.line(
      "\(manifest.files.count) files collected, \(manifest.skipped.count) step\(manifest.skipped.count == 1 ? "" : "s") skipped; triage with: nettriage run --evidence \(archive ? archiveURL.path : folder.path)"
    )
    Terminal.standardOutput.line(archive ? archiveURL.path : folder.path)
  }

  /// `nettriage-HOST-20261207-001500`, so bundles of many stations sort and never collide.
  static func defaultName(_ station: BundleCollector.Station) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "nettriage-\(BundleLayout.safeName(station.host))-\(formatter.string(from: station.now))"
  }
}

/// Hands the collection's result from its task to the waiting command.
private final class CollectionBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Result<BundleManifest, TriageError>?

  var result: Result<BundleManifest, TriageError>? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func finish(_ result: Result<BundleManifest, TriageError>) {
    lock.lock()
    stored = result
    lock.unlock()
  }
}
