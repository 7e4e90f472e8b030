import ArgumentParser
import Foundation
import TriageEvidence
import TriageKit

/// `nettriage parse [KIND] FILE`: reads a command's output or a log into evidence JSON.
struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract:
      "Read a command's output or a log (netstat, ss, ipconfig, nslookup, events, ISA/TMG logs…) into facts.",
    discussion: """
      KIND is one of \(EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ")), or auto \
      (the default) to let NetTriage tell; it says on standard error which kind it read. FILE '-' \
      reads standard input. Input may be UTF-8 (with or without BOM) or UTF-16 with BOM (what \
      PowerShell's '>' writes), with any line ends, e-mail quoting, indentation or prompt lines. \
      Reading is lenient: lines that cannot be read (a row cut off, a '... truncated' line, \
      another command's output) are set aside and listed on standard error; --strict refuses \
      the input at the first such line instead. Windows output in German, Chinese, French, \
      Spanish, Portuguese, Italian and Russian is read for the commands docs/evidence.md lists \
      (netstat and ipconfig in all seven; nslookup in Chinese and French; net use in all but \
      German and Chinese; Event Viewer copies in German; netsh dynamicport in French); other \
      languages are refused, never guessed at. Exit 0 when read; 65 when nothing of that kind \
      can be read (with --strict: when any line cannot; the message names the line); 66 when \
      FILE is missing. See docs/evidence.md for the facts each kind gives.
      """
  )

  @Argument(
    help: ArgumentHelp("The kind, or the file when the kind is left out.", valueName: "kind|file"),
    completion: .custom { _, _, prefix in
      (EvidenceKind.allCases.map(\.rawValue) + ["auto"]).filter { $0.hasPrefix(prefix) }
        + FileNameCompletion.candidates(for: prefix)
    })
  var first: String

  @Argument(
    help: ArgumentHelp("The file ('-' for standard input).", valueName: "file"),
    completion: .file())
  var second: String?

  @Flag(help: "Print the evidence JSON (kind, format, the kind's fields, facts).")
  var json = false

  @Flag(
    help:
      "Refuse the input (exit 65) at the first line that cannot be read, instead of skipping it.")
  var strict = false

  func validate() throws {
    if second != nil, first.lowercased() != "auto",
      case .failure(let unknown) = EvidenceKind.named(first)
    {
      throw ValidationError(unknown.message + " (or 'auto')")
    }
  }

  func run() throws {
    let path = second ?? first
    let kind = second == nil || first.lowercased() == "auto" ? nil : EvidenceKind(name: first)
    let (evidence, text) = try exitingOnError { () throws(TriageError) in
      try EvidenceInput.read(path: path, kind: kind, strict: strict)
    }
    let err = Terminal.standardError
    let how = kind == nil ? "detected" : "as asked"
    var note =
      "read \(text.source) as \(evidence.kind.rawValue) (\(evidence.format), \(how)): \(evidence.lines) lines"
    if text.encoding != .utf8 { note += ", \(text.encoding.rawValue)" }
    if let language = evidence.language { note += ", \(language)" }
    err.line(note)
    for line in Self.skippedNotes(evidence) { err.line(line) }
    if json {
      Terminal.standardOutput.write(evidence.json.serialized(pretty: true) + "\n", verbatim: true)
      return
    }
    let out = Terminal.standardOutput
    for figure in evidence.figures { out.line("  \(figure)") }
    if !evidence.facts.isEmpty {
      out.line("facts:")
      let width = evidence.facts.keys.map(\.count).max() ?? 0
      for name in evidence.facts.keys.sorted() {
        out.line(
          "  " + name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            + (evidence.facts[name]?.display ?? ""))
      }
    }
  }

  /// What lenient reading set aside: `skipped 3 lines:` and the first few with their numbers.
  static func skippedNotes(_ evidence: Evidence) -> [String] {
    var notes: [String] = []
    let count = evidence.skippedLineCount
    if count > 0 {
      notes.append("skipped \(count) line\(count == 1 ? "" : "s"):")
      for entry in evidence.skipped.prefix(Evidence.skippedShown) {
        notes.append("  \(entry.place): \(entry.reason): '\(entry.text)'")
      }
      let more = evidence.skipped.count - Evidence.skippedShown
      if more > 0 { notes.append("  … and \(more) more") }
    }
    if evidence.isCutOff { notes.append("the input looks cut off at the end") }
    return notes
  }
}
