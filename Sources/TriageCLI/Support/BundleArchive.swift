import Foundation
import TriageKit

/// Packs and unpacks `.tar.gz` bundles with the system's `tar` (run directly, never through a
/// shell; Windows 10 and later ship one too, so `collect.cmd` packs the same way).
enum BundleArchive {
  /// Seconds `tar` may take.
  static let timeout: TimeInterval = 120

  /// Unpacks `archive` into a new temporary folder and returns it; the caller removes it.
  static func unpack(_ archive: URL) throws(TriageError) -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nettriage-bundle-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(folder.path, error.localizedDescription)
    }
    do {
      try runTar([
        "-xzf", archive.path, "-C", folder.path, "--no-same-owner", "--no-same-permissions",
      ])
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw .invalidInput("\(archive.path): cannot unpack: \(error)")
    }
    return folder
  }

  /// Packs `folder` into `archive` (the folder's name is the top entry).
  static func pack(_ folder: URL, into archive: URL) throws(TriageError) {
    do {
      try runTar([
        "-czf", archive.path, "-C", folder.deletingLastPathComponent().path,
        folder.lastPathComponent,
      ])
    } catch {
      throw .cannotWrite(archive.path, error.description)
    }
  }

  /// Runs tar; throws its last error line.
  private static func runTar(_ arguments: [String]) throws(TarFailure) {
    guard
      let tar = ["/usr/bin/tar", "/bin/tar"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else { throw TarFailure("no 'tar' found in /usr/bin or /bin") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tar)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    do {
      try process.run()
    } catch {
      throw TarFailure("cannot start '\(tar)': \(error.localizedDescription)")
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      throw TarFailure("tar did not finish within \(Int(timeout)) s")
    }
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      let last =
        message.split(separator: "\n").last.map(String.init)
        ?? "exit status \(process.terminationStatus)"
      throw TarFailure(last.lowercased())
    }
  }
}

/// Why tar failed, as its last error line.
private struct TarFailure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}
