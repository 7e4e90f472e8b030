import Foundation
import Testing

@testable import TriageKit

/// A small knowledge base written for the tests, independent of the real `KnowledgeBase/` content.
///
/// It has every node kind and every question type: a yes-no question, a number question with
/// bounds, unit and default, a decision, a choice question with per-choice routes, an `unknown`
/// route with support and a default, a text question, a second question that shares a fact with
/// the first, and diagnosed and inconclusive conclusions.
///
/// The path: `only-this-machine` → `hosts` → `sweep-size` → `error-code` → `station-name` →
/// `confirm-alone` (fact `only-this-machine`) → `route` → one of the three conclusions.
enum TestKnowledgeBase {
  /// The time every test session uses.
  static let time = Date(timeIntervalSince1970: 1_700_000_000)
  static let clock = TriageClock.fixed(time)

  static let manifest = """
    nettriage: knowledge-base/1
    id: test-kb
    version: 1.2.3
    title: Test knowledge base
    start: only-this-machine
    """

  static let nodes = """
    nodes:
      - id: only-this-machine
        kind: question
        type: yes-no
        ask: Is only this machine affected?
        why: Per-source limits hit one address only.
        choices:
          - value: "yes"
            label: Yes, only this one
            support: { rate-limit: 0.4 }
          - value: "no"
            label: No, others too
            support: { rate-limit: -0.8, dns-outage: 0.3 }
        next: hosts

      - id: hosts
        kind: question
        type: number
        ask: How many hosts does one sweep reach?
        why: Gateway limits need a few hundred hosts.
        min: 0
        max: 100000
        unit: hosts
        default: 100
        next: sweep-size

      - id: sweep-size
        kind: decision
        branches:
          - when: hosts >= 300 and only-this-machine
            next: error-code
            support: { rate-limit: 0.3 }
          - when: hosts < 50
            next: station-name
            support: { rate-limit: -0.5 }
        otherwise: error-code

      - id: error-code
        kind: question
        type: choice
        ask: Which error does `net use` report?
        why: 53 and 1203 point at name resolution.
        choices:
          - value: "53"
            label: System error 53 — the network path was not found
            support: { dns-outage: 0.4 }
          - value: "1203"
            label: System error 1203 — no network provider accepted the path
            support: { dns-outage: 0.2 }
          - value: "64"
            label: System error 64 — the network name is no longer available
            next: station-name
            support: { rate-limit: 0.5 }
        next: station-name
        unknown:
          next: station-name
          support: { dns-outage: 0.1 }
        default: "64"

      - id: station-name
        kind: question
        type: text
        ask: What is the station called?
        why: The report names it.
        next: confirm-alone

      - id: confirm-alone
        kind: question
        type: yes-no
        fact: only-this-machine
        ask: Again, is only this machine affected?
        why: Asked once more in case the first answer came from elsewhere.
        next: route

      - id: route
        kind: decision
        branches:
          - when: error-code in ["53", "1203"]
            next: dns-found
          - when: only-this-machine
            next: rate-limit-found
        otherwise: nothing-found

      - id: rate-limit-found
        kind: conclusion
        outcome: diagnosed
        title: The firewall limits {{station-name|the station}}
        text: The station opens too many connections.
        causes:
          - { cause: rate-limit, certainty: 0.6 }
          - { cause: dns-outage, certainty: -0.3 }

      - id: dns-found
        kind: conclusion
        outcome: diagnosed
        title: Name resolution fails
        text: The DNS server does not answer.
        causes:
          - { cause: dns-outage, certainty: 0.6 }
          - { cause: firewall-block, certainty: 0.2 }

      - id: nothing-found
        kind: conclusion
        outcome: inconclusive
        title: Nothing found
        text: No known cause fits.
    """

  static let causes = """
    causes:
      - id: rate-limit
        title: Flood mitigation limits connect requests
        summary: The firewall counts connect requests per minute.
        plan: [get-approval, add-exception]
        references: [flood-docs]
      - id: dns-outage
        title: The DNS server is unreachable
        summary: Names do not resolve.
        plan: [get-approval, fix-dns]
      - id: firewall-block
        title: A firewall rule blocks SMB
        summary: Port 445 is closed.
        plan: [fix-dns, get-approval]

    steps:
      - id: get-approval
        title: Get approval
        text: Ask the firewall owner.
        risk: low
        permission: none
        verify: Approval is written down.
        rollback: Nothing to undo.
      - id: add-exception
        title: Add an exception
        text: Add the station to the exceptions.
        risk: medium
        permission: firewall administrator
        verify: The sweep works.
        rollback: Remove the exception.
        references: [flood-docs]
      - id: fix-dns
        title: Fix DNS
        text: Restart the DNS server.
        risk: high
        permission: DNS administrator
        verify: Names resolve.
        rollback: Nothing to undo.

    references:
      - id: flood-docs
        title: Flood mitigation
        url: https://example.com/flood
    """

  /// The files, as a folder would hold them.
  static let files = [
    KnowledgeBaseFile(name: "knowledge-base.yaml", contents: manifest),
    KnowledgeBaseFile(name: "nodes.yaml", contents: nodes),
    KnowledgeBaseFile(name: "causes.yaml", contents: causes),
  ]

  /// The loaded knowledge base; fails the test when it does not load clean.
  static func load() throws -> KnowledgeBase {
    try loadChecked(files)
  }

  /// Loads `files` with root `kb`, requiring no diagnostic at all (not even a lint warning).
  static func loadChecked(
    _ files: [KnowledgeBaseFile], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> KnowledgeBase {
    let (knowledgeBase, diagnostics) = KnowledgeBaseLoader.load(files, root: "kb")
    #expect(diagnostics.map(\.description) == [], sourceLocation: sourceLocation)
    let loaded = try #require(knowledgeBase, sourceLocation: sourceLocation)
    #expect(
      KnowledgeBaseLinter.lint(loaded).map(\.description) == [], sourceLocation: sourceLocation)
    return loaded
  }

  /// Loads `files` with root `kb` and returns every diagnostic as `file:line:column: error: …`.
  static func diagnostics(_ files: [KnowledgeBaseFile]) -> [String] {
    KnowledgeBaseLoader.load(files, root: "kb").1.map(\.description)
  }

  /// Loads a single manifest file that holds everything.
  static func diagnostics(manifestWith yaml: String) -> [String] {
    diagnostics([KnowledgeBaseFile(name: "knowledge-base.yaml", contents: yaml)])
  }

  /// The knowledge base of one file `knowledge-base.yaml` holding the manifest and `body`, which
  /// must load and lint clean except for the diagnostics the caller inspects.
  static func loadSingleFile(_ body: String, start: String) throws -> KnowledgeBase {
    let text = """
      nettriage: knowledge-base/1
      id: single
      version: 1.0.0
      title: Single-file knowledge base
      start: \(start)
      \(body)
      """
    let (knowledgeBase, diagnostics) = KnowledgeBaseLoader.load(
      [KnowledgeBaseFile(name: "knowledge-base.yaml", contents: text)], root: "kb")
    #expect(diagnostics.map(\.description) == [])
    return try #require(knowledgeBase)
  }

  /// A session over `knowledgeBase` with the fixed clock.
  static func session(_ knowledgeBase: KnowledgeBase, id: String = "test-session") -> Session {
    Session(id: id, knowledgeBase: knowledgeBase, clock: clock)
  }
}
