import Foundation

/// File names for Tab after `.load`, `.report`, `.json` and `.save answers`, as a shell lists them:
/// the entries of the folder typed so far, folders with a trailing "/", hidden ones only when the
/// name typed starts with ".".
enum FileNameCompletion {
  static func candidates(for word: String, fileManager: FileManager = .default) -> [String] {
    let slash = word.lastIndex(of: "/")
    let folderPart = slash.map { String(word[...$0]) } ?? ""
    let namePart = slash.map { String(word[word.index(after: $0)...]) } ?? word
    var folder = folderPart.isEmpty ? "." : folderPart
    if folder.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      folder = home + folder.dropFirst()
    }
    guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return [] }
    return names.filter {
      $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix("."))
    }
    .sorted()
    .map { name in
      var isFolder: ObjCBool = false
      let path = (folder as NSString).appendingPathComponent(name)
      _ = fileManager.fileExists(atPath: path, isDirectory: &isFolder)
      return folderPart + ShellWords.quoted(name) + (isFolder.boolValue ? "/" : "")
    }
  }
}
