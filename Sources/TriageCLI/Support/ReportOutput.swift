import Foundation
import TriageKit

/// Writes a report where the user asked: a file (atomically, not over an existing one without
/// --force) or `-` for standard output.
enum ReportOutput {
  enum Format {
    case markdown, json
  }

  static func write(_ report: Report, format: Format, to destination: String, force: Bool)
    throws(TriageError)
  {
    let text: String
    switch format {
    case .markdown: text = MarkdownReportRenderer.render(report)
    case .json: text = JSONReportRenderer.render(report)
    }
    if destination == "-" {
      Terminal.standardOutput.write(text, verbatim: format == .json)
      return
    }
    try AtomicFile.write(text, to: URL(fileURLWithPath: destination), overwrite: force)
  }
}
