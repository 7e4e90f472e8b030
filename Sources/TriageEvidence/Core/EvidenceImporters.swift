import TriageKit

/// The registry of importers, detection and the entry point for reading evidence.
public enum EvidenceImporters {
  /// Every importer, in detection-priority order for equal scores (see ImporterRegistry.swift).
  public static var all: [any EvidenceImporter.Type] { registered }

  /// Importers of one kind.
  public static func importers(of kind: EvidenceKind) -> [any EvidenceImporter.Type] {
    all.filter { $0.kind == kind }
  }

  /// The importer that recognises `text` best, with its score; `nil` when none scores above 0.
  public static func detect(_ text: EvidenceText) -> (
    importer: any EvidenceImporter.Type, score: Int
  )? {
    var best: (importer: any EvidenceImporter.Type, score: Int)?
    for importer in all {
      let score = importer.recognition(of: text)
      if score > 0, score > (best?.score ?? 0) { best = (importer, score) }
    }
    return best
  }

  /// Reads `text` as `kind` (`nil`: detect it). An explicit kind wins over detection; among the
  /// importers of that kind the one that recognises the text best reads it.
  ///
  /// Reading is lenient unless `strict` is set: lines the importer cannot read are set aside and
  /// listed in ``Evidence/skipped``, a paste indented as a whole is read without its indentation,
  /// and only input in which nothing of the kind is found is an error (see ``LenientReading``).
  /// `strict` reads all or nothing: the first line that is not what the format needs is an error.
  public static func read(
    _ text: EvidenceText, as kind: EvidenceKind? = nil, strict: Bool = false
  ) throws(EvidenceError) -> Evidence {
    guard !text.isBlank else {
      throw EvidenceError(
        source: text.source, line: nil, message: "the input is empty", reason: .empty)
    }
    var text = text
    var language: String?
    var original: EvidenceText?
    if let marker = LocalizedOutput.marker(in: text) {
      guard let translation = LocalizedOutput.translation(of: text) else {
        throw EvidenceError(
          source: text.source, line: marker.line,
          message:
            "this looks like the output of a Windows in another language ('\(marker.text)') that is not read for this command; besides English, outputs in \(LocalizedOutput.languagesRead) are read, each for the commands docs/evidence.md lists, never guessed at — run the command on an English system, or answer the question by hand",
          reason: .unsupportedLanguage)
      }
      original = text
      text = translation.text
      language = translation.language
    }
    var evidence: Evidence
    if strict {
      evidence = try importer(for: text, as: kind).read(text)
    } else {
      evidence = try readLeniently(text, as: kind, original: original)
    }
    evidence.language = language
    evidence.figures += LenientReading.figures(of: evidence)
    return evidence
  }

  /// Lenient reading of the text as pasted, when every line is indented without the common
  /// indentation, and when a terminal wrapped its lines with them joined again; the reading that
  /// skips fewer lines wins (the text as pasted on a tie).
  ///
  /// `original` is the input before it was translated from another language: wrapped lines are
  /// found in it (their widths are the console's), then translated.
  private static func readLeniently(
    _ text: EvidenceText, as kind: EvidenceKind?, original: EvidenceText? = nil
  ) throws(EvidenceError) -> Evidence {
    var best: Evidence?
    var firstError: EvidenceError?
    do {
      best = try LenientReading.read(text, with: try importer(for: text, as: kind))
      if best?.skipped.isEmpty == true, let best { return best }
    } catch {
      firstError = error
    }
    // Only when the text as pasted skips lines or fails: the same without its indentation.
    let indentation = LenientReading.commonIndentation(of: text)
    if indentation > 0 {
      var dedented = text
      dedented.indentation = indentation
      if let evidence = try? LenientReading.read(
        dedented, with: try importer(for: dedented, as: kind)),
        evidence.skippedLineCount < best?.skippedLineCount ?? Int.max
      {
        best = evidence
      }
    }
    // Only when still skipping lines or failing, and where the text as pasted could not be read:
    // the same with the lines a terminal wrapped joined again, then with those an e-mail client
    // or a forum wrapped at a space (see ``EvidenceText/unwrappingTerminalLines()``).
    let unread = unreadLines(of: best)
    let source = original ?? text
    for unwrapping in [EvidenceText.unwrappingTerminalLines, EvidenceText.unwrappingMailLines] {
      guard best == nil || !(unread ?? []).isEmpty,
        let (unwrappedSource, joined) = unwrapping(source)(),
        joins(unread, in: source, unwrapped: unwrappedSource, joined: joined),
        let unwrapped = translated(unwrappedSource, like: original),
        var evidence = try? LenientReading.read(
          unwrapped, with: try importer(for: unwrapped, as: kind)),
        evidence.skippedLineCount < best?.skippedLineCount ?? Int.max
      else { continue }
      evidence.rejoinedLines = Array(Set(evidence.rejoinedLines + joined)).sorted()
      best = evidence
    }
    if let best { return best }
    throw firstError
      ?? EvidenceError(source: text.source, line: nil, message: "nothing could be read")
  }

  /// `text` translated as `original` was (its lines set aside kept), or `text` itself when the
  /// input was not translated.
  private static func translated(_ text: EvidenceText, like original: EvidenceText?)
    -> EvidenceText?
  {
    guard original != nil else { return text }
    guard var translation = LocalizedOutput.translation(of: text)?.text else { return nil }
    translation.excludedLines = text.excludedLines
    translation.indentation = text.indentation
    return translation
  }

  /// The lines `best` set aside as unreadable (not those that mark text left out); `nil` when
  /// nothing was read.
  private static func unreadLines(of best: Evidence?) -> Set<Int>? {
    guard let best else { return nil }
    var unread: Set<Int> = []
    for skipped in best.skipped where skipped.reason != LenientReading.markerReason {
      unread.formUnion(skipped.line...(skipped.lastLine ?? skipped.line))
    }
    return unread
  }

  /// Whether the lines `unwrapped` joins include an `unread` one (or nothing was read, `nil`):
  /// otherwise joining them cannot read more, and a large input is not read again for nothing.
  private static func joins(
    _ unread: Set<Int>?, in text: EvidenceText, unwrapped: EvidenceText, joined: [Int]
  ) -> Bool {
    guard let unread else { return true }
    let continued = unwrapped.excludedLines.subtracting(text.excludedLines)
    return !unread.isDisjoint(with: continued) || !unread.isDisjoint(with: joined)
  }

  /// The importer for `text`: the best of `kind`'s, or the one detection picks.
  private static func importer(for text: EvidenceText, as kind: EvidenceKind?)
    throws(EvidenceError) -> any EvidenceImporter.Type
  {
    if let kind {
      let candidates = importers(of: kind)
      guard let first = candidates.first else {
        throw EvidenceError(
          source: text.source, line: nil, message: "no importer reads '\(kind.rawValue)' yet",
          reason: .unrecognised)
      }
      return candidates.max { $0.recognition(of: text) < $1.recognition(of: text) } ?? first
    }
    guard let (importer, _) = detect(text) else {
      let kinds = EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ")
      let firstLine = text.lines.first { !$0.isBlank }
      throw EvidenceError(
        source: text.source, line: firstLine?.number,
        message:
          "cannot tell what kind of output this is; kinds read: \(kinds) (name one: nettriage parse KIND FILE)",
        reason: .unrecognised)
    }
    return importer
  }
}
