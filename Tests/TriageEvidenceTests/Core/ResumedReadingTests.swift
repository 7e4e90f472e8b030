import Testing
import TriageKit

@testable import TriageEvidence

/// Large tables with bad rows keep every row they can read: one resuming reading sets the bad rows
/// aside instead of reading the input again per bad row until the budget runs out (which kept only
/// the rows before the 16th bad one: 10,995 of 99,996 connections in a 100,000-row netstat with 50
/// bad rows).
@Suite struct ResumedReadingTests {
  static let badRow = "  TCP    10.0.0.5:52312         garbage-here"

  /// A Windows netstat of `rows` rows, SYN_SENT to port 445, with a bad row after every
  /// `badEvery`th row but the last (none when 0); and the line numbers of the bad rows.
  static func netstat(rows: Int, badEvery: Int) -> (text: String, bad: [Int]) {
    var lines = [
      "Active Connections", "", "  Proto  Local Address          Foreign Address        State",
    ]
    var bad: [Int] = []
    for index in 0..<rows {
      lines.append(
        "  TCP    10.0.0.5:\(10_000 + index % 50_000)         10.1.\(index / 250 % 250).\(index % 250 + 1):445    SYN_SENT"
      )
      if badEvery > 0, (index + 1) % badEvery == 0, index + 1 < rows {
        lines.append(badRow)
        bad.append(lines.count)
      }
    }
    return (lines.joined(separator: "\n") + "\n", bad)
  }

  @Test func aLargeTableKeepsTheRowsAfterItsBadRows() throws {
    let (input, bad) = Self.netstat(rows: 12_000, badEvery: 200)
    #expect(input.utf8.count > LenientReading.resumingSize)
    let evidence = try EvidenceImporters.read(try EvidenceText(input), as: .netstat)
    #expect(evidence.facts["tcp.syn-sent"] == .number(12_000))
    #expect(evidence.skipped.map(\.line) == bad)
    #expect(evidence.skippedLineCount == 59)
    #expect(evidence.skipped.allSatisfy { $0.text.hasSuffix("garbage-here") })
    #expect(!evidence.isCutOff)
    // Strict reading still stops at the first.
    #expect(throws: EvidenceError.self) {
      try EvidenceImporters.read(try EvidenceText(input), as: .netstat, strict: true)
    }
  }

  @Test func aPasteWithMoreBadRowsThanTheBudgetKeepsItsRows() throws {
    // 30 KB: a budget of 266 re-readings, spent long before the 599th bad row.
    let (input, bad) = Self.netstat(rows: 600, badEvery: 1)
    #expect(input.utf8.count < LenientReading.resumingSize)
    let evidence = try EvidenceImporters.read(try EvidenceText(input), as: .netstat)
    #expect(evidence.facts["tcp.syn-sent"] == .number(600))
    #expect(evidence.skippedLineCount == bad.count)
    #expect(Set(evidence.skipped.map(\.line)) == Set(bad))
  }

  @Test func aLargeTableCutOffAtTheEndSaysSo() throws {
    var (input, _) = Self.netstat(rows: 12_000, badEvery: 0)
    input += "  TCP    10.0.0.5:61000         10.9.9"
    let evidence = try EvidenceImporters.read(try EvidenceText(input), as: .netstat)
    #expect(evidence.facts["tcp.syn-sent"] == .number(12_000))
    #expect(evidence.skipped.map(\.line) == [12_004])
    #expect(evidence.isCutOff)
  }

  @Test func anotherOutputAfterALargeTableIsOneRun() throws {
    var (input, _) = Self.netstat(rows: 12_000, badEvery: 0)
    input += "\nHandles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName\n"
    input += (1...30).map {
      "    \($0 + 100)       7     1234       5678       0.02   \($0)   0 svchost"
    }
    .joined(separator: "\n")
    let evidence = try EvidenceImporters.read(try EvidenceText(input), as: .netstat)
    #expect(evidence.facts["tcp.syn-sent"] == .number(12_000))
    #expect(evidence.skipped.count == 1)
    #expect(evidence.skippedLineCount == 31)
    #expect(evidence.skipped.first?.line == 12_005)
    #expect(evidence.skipped.first?.lastLine == 12_035)
    #expect(evidence.skipped.first?.reason == "not netstat output from here on")
    #expect(!evidence.isCutOff)
  }

  @Test func aLargeISALogKeepsTheRecordsAfterItsBadRecords() throws {
    var lines = [
      "#Software: Microsoft Internet Security and Acceleration Server 2006",
      "#Fields: date\ttime\tsource\tdestination\taction\tstatus",
    ]
    var bad: [Int] = []
    for index in 0..<12_000 {
      lines.append(
        "2024-03-01\t10:42:13\t10.0.0.5:\(20_000 + index % 40_000)\t10.1.2.\(index % 200 + 1):139\tDenied\t3221487671"
      )
      if index % 500 == 499 {
        lines.append("2024-03-01\t10:42:13\t10.0.0.5:1\tnot a record")
        bad.append(lines.count)
      }
    }
    let input = lines.joined(separator: "\n") + "\n"
    #expect(input.utf8.count > LenientReading.resumingSize)
    let evidence = try EvidenceImporters.read(try EvidenceText(input), as: .isaLog)
    #expect(evidence.facts["isa.records"] == .number(12_000))
    #expect(evidence.skipped.map(\.line) == bad)
  }

  @Test func aLargeInputOfAnotherKindIsStillAnError() throws {
    let line = "this line is not a netstat row at all, it is prose written by a person"
    let input = Array(repeating: line, count: 8_000).joined(separator: "\n")
    #expect(input.utf8.count > LenientReading.resumingSize)
    #expect(throws: EvidenceError.self) {
      try EvidenceImporters.read(try EvidenceText(input), as: .netstat)
    }
  }
}
