import Foundation
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the kernel log's messages about connection limits (``KernelLogSignature``): from
/// `/dev/kmsg` (root, or `kernel.dmesg_restrict=0`), else from `journalctl -k` (members of `adm`
/// or `systemd-journal`). Reads only; keeps only matching lines, so nothing else of the log
/// leaves the station.
public enum KernelLog {
  /// What was read.
  public struct Reading: Sendable, Equatable {
    /// Where from: `/dev/kmsg`, `journalctl -k`.
    public var source: String
    /// Lines read in all.
    public var linesRead: Int
    /// The lines that match a signature, in order.
    public var matches: [String]

    /// The file `nettriage collect` writes: `#` lines saying where from, then the matches.
    public var text: String {
      var out = "# kernel log lines about connection limits, from \(source)\n"
      out += "# \(linesRead) lines read, \(matches.count) kept\n"
      for line in matches { out += line + "\n" }
      return out
    }
  }

  /// Reads within `timeout` seconds; the reason when neither source can be read.
  public static func read(timeout: Double) -> Result<Reading, ObservationError> {
    #if os(Linux)
      let deadline = Date().addingTimeInterval(timeout)
      var reasons: [String] = []
      switch readKmsg(deadline: deadline) {
      case .success(let reading): return .success(reading)
      case .failure(let error): reasons.append("/dev/kmsg: \(error)")
      }
      switch readJournal(deadline: deadline) {
      case .success(let reading): return .success(reading)
      case .failure(let error): reasons.append("journalctl -k: \(error)")
      }
      return .failure(.invalidRequest(reasons.joined(separator: "; ")))
    #else
      return .failure(.invalidRequest("the kernel log is read on Linux only"))
    #endif
  }

  /// Keeps the lines of `lines` that match a signature.
  static func filter(_ lines: [Substring], source: String) -> Reading {
    Reading(
      source: source, linesRead: lines.count,
      matches: lines.filter { KernelLogSignature.match($0) != nil }.map(String.init))
  }

  #if os(Linux)
    /// Every record in the kernel's ring buffer, nonblocking: each `read` returns one record
    /// (`PRI,SEQ,MICROSECONDS,FLAGS;MESSAGE`), EAGAIN means the end.
    static func readKmsg(deadline: Date) -> Result<Reading, ObservationError> {
      let descriptor = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else {
        return .failure(.system(call: "open", code: errno))
      }
      defer { close(descriptor) }
      var lines: [Substring] = []
      var buffer = [UInt8](repeating: 0, count: 8192)
      while Date() < deadline {
        let count = Glibc.read(descriptor, &buffer, buffer.count)
        if count < 0 {
          if errno == EPIPE { continue }  // overwritten while reading: go on with the next
          if errno == EAGAIN || errno == EWOULDBLOCK { break }
          return .failure(.system(call: "read", code: errno))
        }
        if count == 0 { break }
        let record = String(decoding: buffer[0..<count], as: UTF8.self)
        guard let semicolon = record.firstIndex(of: ";") else { continue }
        let message = record[record.index(after: semicolon)...]
        lines.append(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
      }
      return .success(filter(lines, source: "/dev/kmsg"))
    }

    /// `journalctl -k -b -q --no-pager` run directly (no shell), stopped at the deadline.
    static func readJournal(deadline: Date) -> Result<Reading, ObservationError> {
      let candidates = ["/usr/bin/journalctl", "/bin/journalctl"]
      guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
      else { return .failure(.invalidRequest("not installed")) }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["-k", "-b", "-q", "--no-pager", "-o", "short-iso"]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle(forWritingAtPath: "/dev/null")
      process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
      do {
        try process.run()
      } catch {
        return .failure(.invalidRequest("cannot start: \(error.localizedDescription)"))
      }
      let collected = OutputCollector()
      let reader = Thread {
        collected.set(output.fileHandleForReading.readDataToEndOfFile())
      }
      reader.start()
      while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        return .failure(.invalidRequest("no answer before the timeout"))
      }
      process.waitUntilExit()
      let data = collected.wait()
      guard process.terminationStatus == 0 else {
        return .failure(
          .invalidRequest(
            "exited with status \(process.terminationStatus) (no permission to read the journal?)"))
      }
      let text = String(decoding: data, as: UTF8.self)
      return .success(filter(text.split(separator: "\n"), source: "journalctl -k"))
    }
  #endif
}

/// The output a reader thread collects, handed over once.
private final class OutputCollector: @unchecked Sendable {
  private let condition = NSCondition()
  private var data: Data?

  func set(_ value: Data) {
    condition.lock()
    data = value
    condition.signal()
    condition.unlock()
  }

  func wait() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while data == nil { condition.wait() }
    return data ?? Data()
  }
}
