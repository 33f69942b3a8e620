import Testing
@testable import GFM

/// Input cmark-gfm is never given as written: tables that would build too many cells, and nesting
/// found in the parsed tree.
@Suite struct GFMLimitsTests {
    @Test func ordinaryTablesAreLeftAlone() {
        let markdown = "| a | b |\n|---|:-:|\n| 1 | 2 |\n"
        #expect(GFMLimits.defuseTables(in: markdown).tables.isEmpty)
        #expect(GFMLimits.defuseTables(in: markdown).markdown == markdown)
        #expect(GFMLimits.delimiterColumns(Array("> | --- | :-: | -: |".utf8)[...]) == 3)
        #expect(GFMLimits.delimiterColumns(Array("---".utf8)[...]) == nil)
        #expect(GFMLimits.delimiterColumns(Array("|a-|".utf8)[...]) == nil)
    }

    @Test func aTableOfTooManyCellsLosesItsDelimiterRowAndKeepsItsLines() {
        let header = String(repeating: "|a", count: 2_000) + "|\n"
        let markdown = "Intro\n\n" + header + "  " + String(repeating: "|-", count: 2_000) + "|\n" + String(repeating: "x\n", count: 60) + "\nAfter\n"
        let (defused, tables) = GFMLimits.defuseTables(in: markdown)
        #expect(tables == [GFMLimits.Table(position: GFMPosition(line: 4, column: 3), columns: 2_000, rows: 61)])
        #expect(defused.split(separator: "\n", omittingEmptySubsequences: false).count == markdown.split(separator: "\n", omittingEmptySubsequences: false).count)
        let document = GFMDocument(markdown: markdown)
        #expect(document.oversizedTables == tables)
        #expect(!document.render(GFMView()).html.contains("<table"))
    }

    @Test func listsNestedByIndentationAloneAreFound() {
        let shallow = (0..<32).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
        #expect(GFMDocument(markdown: shallow).tooDeep == nil)
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
        #expect(GFMDocument(markdown: deep).tooDeep == GFMPosition(line: 33, column: 65))
    }
}
