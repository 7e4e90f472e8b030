import ArgumentParser
import Foundation
import TriageKit

/// `nettriage summarize REPORT.json… | DIR…`: one table for many stations.
struct SummarizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summarize",
    abstract:
      "Summarize many stations' JSON reports: one table, counts per cause, shared gateways.",
    discussion: """
      Reads JSON reports ('nettriage run --json FILE', schema nettriage.report/1) named on the \
      command line or found in folders (recursively, *.json; other JSON such as bundle \
      manifests is passed over). One line a station: station, label, outcome, leading cause \
      with its confidence, the gateway or firewall involved, the key figures; then the stations \
      per cause and the stations that share a cause behind one gateway. A station is named by \
      its bundle's host (station.host), else by the report's file name. A file that is not a \
      report is named on standard error and left out; if none can be read, exit 65.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case markdown, json, csv
  }

  @Argument(
    help: ArgumentHelp("JSON reports, or folders holding them.", valueName: "report-or-dir"))
  var paths: [String]

  @Option(help: "markdown, json or csv.")
  var format: Format = .markdown

  @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
  var out: String?

  @Flag(help: "Replace the output file if it exists.")
  var force = false

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one JSON report or folder") }
  }

  func run() throws {
    let err = Terminal.standardError
    let summary = try exitingOnError { () throws(TriageError) in
      var stations: [FleetStation] = []
      var problems: [String] = []
      for path in paths {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .inputMissing(path) }
        let inFolder = Self.isFolder(url)
        for file in inFolder ? Self.jsonFiles(in: url) : [url] {
          let name = inFolder ? file.path : path
          guard let data = FileManager.default.contents(atPath: file.path) else {
            problems.append("\(name): cannot be read")
            continue
          }
          // In a folder, JSON that is not a report (bundle manifests, probe results) is passed
          // over quietly; a file named on the command line must be a report.
          if inFolder, !Self.looksLikeReport(data) { continue }
          do throws(TriageError) {
            stations.append(try FleetStation.read(data, path: name))
          } catch {
            problems.append(Self.message(error))
          }
        }
      }
      for problem in problems { err.line(ErrorMessage.warning("\(problem); left out")) }
      guard !stations.isEmpty else {
        throw .invalidInput(
          "no NetTriage report found in \(paths.map { "'\($0)'" }.joined(separator: ", ")) (write them with 'nettriage run --json FILE')"
        )
      }
      return FleetSummary(stations: stations, problems: problems)
    }
    let text: String
    switch format {
    case .markdown: text = summary.markdown
    case .json: text = summary.json
    case .csv: text = summary.csv
    }
    try exitingOnError { () throws(TriageError) in
      if let out, out != "-" {
        try AtomicFile.write(text, to: URL(fileURLWithPath: out), overwrite: force)
      } else {
        Terminal.standardOutput.write(text, verbatim: true)
      }
    }
  }

  /// An error's text without its `error: ` prefix, for a list of problems.
  static func message(_ error: TriageError) -> String {
    let text = error.description
    return text.hasPrefix("error: ") ? String(text.dropFirst("error: ".count)) : text
  }

  static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Every `*.json` under `folder`, sorted by path.
  static func jsonFiles(in folder: URL) -> [URL] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
    else { return [] }
    var files: [URL] = []
    for case let url as URL in enumerator where url.pathExtension.lowercased() == "json" {
      if !isFolder(url) { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Whether the text names the report schema near its start or anywhere (reports sort keys, so
  /// `schema` comes late).
  static func looksLikeReport(_ data: Data) -> Bool {
    String(decoding: data, as: UTF8.self).contains("\"nettriage.report/")
  }
}
