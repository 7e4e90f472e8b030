import Testing

@testable import TriageKit

@Suite struct KnowledgeBaseGraphTests {
  @Test func edgesMergeChoicesWithTheSameTarget() throws {
    let kb = try PathExplorerTests.knowledgeBase()
    let edges = KnowledgeBaseGraph.edges(of: kb)
    #expect(edges.contains(.init(from: "kind", to: "small", label: "a, b, unknown")))
    #expect(edges.contains(.init(from: "route", to: "big", label: "hosts >= 300")))
    #expect(edges.contains(.init(from: "route", to: "kind", label: "otherwise")))
    #expect(edges.contains(.init(from: "hosts", to: "route", label: "number, unknown")))
  }

  @Test func dotAndMermaidNameEveryNode() throws {
    let kb = try PathExplorerTests.knowledgeBase()
    let dot = KnowledgeBaseGraph.render(kb, format: .dot)
    #expect(dot.hasPrefix("digraph \"single\" {"))
    #expect(dot.contains("\"route\" [shape=diamond];"))
    #expect(dot.contains("\"route\" -> \"big\" [label=\"hosts >= 300\"];"))
    let mermaid = KnowledgeBaseGraph.render(kb, format: .mermaid)
    #expect(mermaid.hasPrefix("flowchart TD\n"))
    #expect(mermaid.contains("n_route -->|\"hosts #62;= 300\"| n_big"))
  }
}
