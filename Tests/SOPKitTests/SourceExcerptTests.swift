import Testing
@testable import SOPKit

/// What a diagnostic quotes: the line, or a window of it around the column.
@Suite struct SourceExcerptTests {
    @Test func shortLinesAreQuotedWhole() throws {
        let file = SourceFile(path: "a.md", text: "first\n\tsecond\n")
        #expect(file.line(2) == "\tsecond")
        #expect(file.line(3) == "")
        #expect(file.line(4) == nil)
        let excerpt = try #require(file.excerpt(line: 2, column: 3))
        #expect(excerpt.text == " second" && excerpt.caret == 2)
    }

    @Test func longLinesAreCutAroundTheColumn() throws {
        let line = (0..<1_000).map { "é\($0 % 10)" }.joined()
        let file = SourceFile(path: "a.md", text: "x\n" + line + "\ny\n")
        let start = try #require(file.excerpt(line: 2, column: 1))
        #expect(start.caret == 0 && start.text.hasSuffix("…") && start.text.unicodeScalars.count == SourceFile.maximumExcerpt + 1)
        let middle = try #require(file.excerpt(line: 2, column: 1_001))
        #expect(middle.text.hasPrefix("…") && middle.text.hasSuffix("…"))
        #expect(Array(middle.text.unicodeScalars)[middle.caret] == Array(line.unicodeScalars)[1_000])
        let end = try #require(file.excerpt(line: 2, column: 2_000))
        #expect(end.text.hasPrefix("…") && !end.text.hasSuffix("…"))
        #expect(Array(end.text.unicodeScalars)[end.caret] == Array(line.unicodeScalars)[1_999])
        #expect(file.line(3) == "y")
    }

    @Test func suggestionsIgnoreHugeWordsAndStopAtTheLimit() {
        #expect(Suggestion.nearest(to: "agnet", in: ["admin", "agent"]) == "agent")
        #expect(Suggestion.nearest(to: String(repeating: "a", count: 1_000_000), in: [String(repeating: "a", count: 999_999)]) == nil)
        #expect(Suggestion.nearest(to: "agent", in: [String(repeating: "b", count: 1_000_000)]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), bound: 3) == 3)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), bound: 2) == nil)
    }
}
