import Foundation

/// Debian's `cmark-gfm` (GitHub's CommonMark fork), run on a report the way GitHub renders it:
/// tables, strikethrough, autolinks, task lists, and raw HTML passed through (`--unsafe`) so a
/// test sees every element a reader's renderer would have to deal with.
enum CommonMarkRenderer {
  /// The binary, when installed (`make test` installs it).
  static let binary: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    return folders.map { "\($0)/cmark-gfm" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The HTML of `markdown`.
  static func html(_ markdown: String) throws -> String {
    guard let binary else { throw Failure(description: "cmark-gfm is not installed") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist",
    ]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Written from another thread: a long report would fill the pipe while nobody reads.
    let data = Data(markdown.utf8)
    let writer = Thread {
      input.fileHandleForWriting.write(data)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let html = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "cmark-gfm exited with \(process.terminationStatus)")
    }
    return String(decoding: html, as: UTF8.self)
  }

  /// Elements cmark-gfm makes from Markdown itself; any other element in its output came from
  /// raw HTML in the document.
  static let markdownElements: Set<String> = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em",
    "strong", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "input",
  ]

  /// The element names opened or closed in `html`, in order.
  static func elements(in html: String) -> [String] {
    var names: [String] = []
    let scalars = Array(html.unicodeScalars)
    var index = 0
    while index < scalars.count {
      defer { index += 1 }
      guard scalars[index] == "<" else { continue }
      var cursor = index + 1
      if cursor < scalars.count, scalars[cursor] == "/" { cursor += 1 }
      var name = ""
      while cursor < scalars.count,
        CharacterSet.alphanumerics.contains(scalars[cursor]) || scalars[cursor] == "-"
      {
        name.unicodeScalars.append(scalars[cursor])
        cursor += 1
      }
      if !name.isEmpty { names.append(name.lowercased()) }
      // Comments, declarations and processing instructions are raw HTML as well.
      if name.isEmpty, cursor < scalars.count, "!?".unicodeScalars.contains(scalars[cursor]) {
        names.append(String(scalars[cursor]))
      }
    }
    return names
  }

  /// The text of every `<hN>` element of `html`, tags inside removed.
  static func headings(_ level: Int, in html: String) -> [String] {
    var found: [String] = []
    var rest = Substring(html)
    while let open = rest.range(of: "<h\(level)>") {
      guard let close = rest[open.upperBound...].range(of: "</h\(level)>") else { break }
      var text = ""
      var inTag = false
      for character in rest[open.upperBound..<close.lowerBound] {
        if character == "<" {
          inTag = true
        } else if character == ">" {
          inTag = false
        } else if !inTag {
          text.append(character)
        }
      }
      found.append(text)
      rest = rest[close.upperBound...]
    }
    return found
  }
}
