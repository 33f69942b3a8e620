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

    /// Lines are found as far as a diagnostic asks: whichever line is asked first, each answer is
    /// the line a whole split of the text gives, the last line without a newline included.
    @Test func linesFoundOnDemandMatchAWholeSplit() throws {
        let long = (0..<400).map { "ü\($0 % 10)" }.joined()
        for text in ["", "one", "one\n", "a\n\nlast line, no newline", "x\n" + long, long + "\ny\n", "\n\n\n"] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let orders = [Array(1...lines.count + 1), Array((1...lines.count + 1).reversed()), [lines.count, 1, lines.count + 1, 2]]
            for order in orders {
                let file = SourceFile(path: "a.md", text: text)
                for number in order {
                    #expect(file.line(number) == (number <= lines.count ? lines[number - 1] : nil), "line \(number) of \(text.debugDescription)")
                    let fresh = SourceFile(path: "a.md", text: text).excerpt(line: number, column: 300)
                    let asked = file.excerpt(line: number, column: 300)
                    #expect(asked?.text == fresh?.text && asked?.caret == fresh?.caret, "excerpt of line \(number) of \(text.debugDescription)")
                }
                #expect(file.line(0) == nil && file.line(-1) == nil && file.excerpt(line: 0, column: 1) == nil)
            }
        }
        // A long last line without a newline, quoted after an earlier line was: cut around the column.
        let file = SourceFile(path: "a.md", text: "x\n" + long)
        #expect(file.line(1) == "x")
        let end = try #require(file.excerpt(line: 2, column: 800))
        #expect(end.text.hasPrefix("…") && !end.text.hasSuffix("…"))
        #expect(Array(end.text.unicodeScalars)[end.caret] == Array(long.unicodeScalars)[799])
    }

    /// A file with a byte-order mark and CRLF line endings, a diagnostic on its last line (no line
    /// break after it) and one further up: each quoted at its own line and column, whichever the
    /// report reaches first.
    @Test func diagnosticsOnTheLastLineOfACRLFFileWithAMark() async {
        let sop = "\u{FEFF}---\r\ntitle: Guide\r\nsurface: copilot\r\naudience: [admin, agnet]\r\nowner: admin\r\n"
            + "review_cadence: monthly\r\nlast_reviewed: 2026-11-01\r\n---\r\nIntro\tline\r\n\r\n{{> missing-snippet}}"
        let report = await InMemoryPack.report(PackFiles.base.merging(["procedures/guide.md": sop]) { $1 })
        #expect(report.contains("""
            procedures/guide.md:4:19: error: unknown role 'agnet' in audience; did you mean 'agent'? [unknown-role]
                audience: [admin, agnet]
                                  ^
            procedures/guide.md:11:1: error: no snippet 'missing-snippet' in snippets/ [unknown-snippet]
                {{> missing-snippet}}
                ^
            """), "\(report)")
        #expect(!report.contains("\r") && !report.contains("\u{FEFF}"))
    }

    @Test func suggestionsIgnoreHugeWordsAndStopAtTheLimit() {
        #expect(Suggestion.nearest(to: "agnet", in: ["admin", "agent"]) == "agent")
        #expect(Suggestion.nearest(to: String(repeating: "a", count: 1_000_000), in: [String(repeating: "a", count: 999_999)]) == nil)
        #expect(Suggestion.nearest(to: "agent", in: [String(repeating: "b", count: 1_000_000)]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), bound: 3) == 3)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), bound: 2) == nil)
    }
}
