import Testing

@testable import LineEditing

@Suite struct HistorySearchTests {
  private let history = [".answer port 445", "yes", ".paste netstat", "about 500", ".paste ss"]

  @Test func typingFindsTheNewestLineContainingTheQuery() {
    var search = HistorySearch(entries: history)
    #expect(search.match == nil)
    search.type(".pa")
    #expect(search.match == ".paste ss")
    search.type("ste n")
    #expect(search.match == ".paste netstat")
    #expect(!search.failed)
  }

  @Test func ctrlRAgainGoesToTheNextOlderMatchAndFailsPastTheOldest() {
    var search = HistorySearch(entries: history)
    search.type(".")
    #expect(search.match == ".paste ss")
    search.older()
    #expect(search.match == ".paste netstat")
    search.older()
    #expect(search.match == ".answer port 445")
    search.older()
    // Nothing older: the last match stays, and the search says it failed.
    #expect(search.match == ".answer port 445")
    #expect(search.failed)
    #expect(search.statusLine(width: 80) == "(failing reverse-i-search)'.': .answer port 445")
  }

  @Test func eraseWidensTheSearchFromTheNewestLineAgain() {
    var search = HistorySearch(entries: history)
    search.type("yex")
    #expect(search.failed)
    #expect(search.statusLine(width: 80).hasPrefix("(failing reverse-i-search)'yex'"))
    search.erase()
    #expect(search.match == "yes")
    #expect(!search.failed)
    search.erase()
    search.erase()
    search.erase()
    #expect(search.query.isEmpty)
    #expect(search.match == nil)
    #expect(search.statusLine(width: 80) == "(reverse-i-search)'': ")
  }

  @Test func aLowerCaseQueryIgnoresCaseAndAMixedCaseOneDoesNot() {
    var search = HistorySearch(entries: ["Get-NetTCPConnection", "get-nettcpconnection -State"])
    search.type("nettcp")
    #expect(search.match == "get-nettcpconnection -State")
    search.older()
    #expect(search.match == "Get-NetTCPConnection")
    var exact = HistorySearch(entries: ["Get-NetTCPConnection", "get-nettcpconnection -State"])
    exact.type("NetTCP")
    #expect(exact.match == "Get-NetTCPConnection")
  }

  @Test func theStatusLineNeverWrapsAndShowsNoControlCharacters() {
    var search = HistorySearch(entries: ["a\tb " + String(repeating: "x", count: 200)])
    search.type("a")
    let line = search.statusLine(width: 40)
    #expect(line.count == 39)
    #expect(line.hasSuffix("…"))
    #expect(!line.contains("\t"))
  }

  @Test func anEmptyHistoryFindsNothing() {
    var search = HistorySearch(entries: [])
    search.type("x")
    search.older()
    #expect(search.match == nil)
    #expect(search.failed)
  }
}
