import Testing
@testable import SOPKit

/// A problem in a playbook's steps is reported at its own line and column, with the caret under
/// it, when the steps are a literal block or a plain one-line value; a folded or quoted value,
/// whose lines YAML joins or unescapes, keeps the `steps:` location rather than a wrong one.
@Suite struct PlaybookStepsLocationTests {
    static func report(_ playbook: String) async -> String {
        let (result, _) = await Build.plan(files: PackFiles.pack(["playbooks/stock-check.yml": playbook]))
        let text = Build.diagnosticsText(result)
        // Only the lines about the steps: the message, its source line and caret.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for (index, line) in lines.enumerated() where line.contains("[unsafe-link]") || line.contains("[remote-image]") {
            kept += lines[index..<min(index + 3, lines.count)]
        }
        return kept.joined(separator: "\n")
    }

    static let head = "title: Stock check\nowner: admin\nmode: read-only\n"
    static let javascript = "link to 'javascript:recount()' in playbook 'stock-check' leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]"

    /// The report for line `line`, column `column` (in scalars), which is `source`.
    static func expected(_ line: Int, _ column: Int, _ source: String, _ header: String = "warning: " + javascript) -> String {
        "playbooks/stock-check.yml:\(line):\(column): \(header)\n    \(source)\n    \(String(repeating: " ", count: column - 1))^"
    }

    @Test func aLinkInALiteralBlockIsReportedWhereItIs() async {
        let text = await Self.report(Self.head + "steps: |\n  Count the stock.\n\n    Then, über alles, [recount](javascript:recount()).\n")
        #expect(text == Self.expected(7, 23, "    Then, über alles, [recount](javascript:recount())."))
    }

    /// CRLF line ends, blank lines before the block, and white space after its last line (which
    /// the trimmed value no longer has) do not move it.
    @Test func lineEndsBlankLinesAndTrailingSpaceDoNotMoveIt() async {
        let file = (Self.head + "steps: |\n\n  Count.\n  Then [recount](javascript:recount()).   \n").replacingOccurrences(of: "\n", with: "\r\n")
        let text = await Self.report(file)
        #expect(text == Self.expected(7, 8, "  Then [recount](javascript:recount()).   "))
    }

    @Test func aPlainOneLineValueIsReportedWhereItIs() async {
        let text = await Self.report(Self.head + "steps: Then [recount](javascript:recount()).\n")
        #expect(text == Self.expected(4, 13, "steps: Then [recount](javascript:recount())."))
    }

    @Test func aRemoteImageInTheStepsIsReportedWhereItIs() async {
        let text = await Self.report(Self.head + "steps: |\n  Count.\n  See ![chart](https://cdn.example/chart.png).\n")
        #expect(text.hasPrefix("playbooks/stock-check.yml:6:7: error: image 'https://cdn.example/chart.png' would be loaded from the network"), "\(text)")
        #expect(text.hasSuffix("\n      See ![chart](https://cdn.example/chart.png).\n          ^"), "\(text)")
    }

    /// YAML joins a folded block's lines and unescapes a quoted value: their lines are not the
    /// file's, so the report stays at the value's start.
    @Test(arguments: [("steps: >\n  Count.\n  Then [recount](javascript:recount()).\n", "steps: >", 8),
                      ("steps: \"Count.\\n\\nThen [recount](javascript:recount()).\"\n", "steps: \"Count.\\n\\nThen [recount](javascript:recount()).\"", 8),
                      ("steps: |\n  Count.\n  Then [recount](javascript:recount()).\nnotes: |\n  Then [recount](javascript:recount()).\n", nil, 0),
                      // A comment repeating a quoted value is not the value (helper 43).
                      ("steps: \"# Check [recount](javascript:recount())\"\n# Check [recount](javascript:recount())\n",
                       "steps: \"# Check [recount](javascript:recount())\"", 8),
                      ("steps: '# Check [recount](javascript:recount())'\n  # Check [recount](javascript:recount())\n",
                       "steps: '# Check [recount](javascript:recount())'", 8)])
    func aValueWhoseLinesAreNotTheFilesStaysAtItsStart(_ steps: String, _ line: String?, _ column: Int) async {
        let text = await Self.report(Self.head + steps)
        if let line {
            #expect(text.hasPrefix("playbooks/stock-check.yml:4:\(column): warning: "), "\(text)")
            #expect(text.contains("\n    \(line)\n"), "\(text)")
        } else {
            // The same line later in the file (another field) is not taken for the steps'.
            #expect(text.hasPrefix("playbooks/stock-check.yml:6:8: warning: "), "\(text)")
        }
    }

    @Test func theLinesAreMatchedOneByOne() {
        let start = SourceLocation(path: "p.yml", line: 2, column: 8)
        let file = "a: 1\nsteps: |\n  one\n\n    two\n  three  \n"
        let origins = PlaybookStepsLines.origins(of: "one\n\n  two\nthree", startingAt: start, in: file)
        #expect(origins?.locations == [3, 4, 5, 6].map { SourceLocation(path: "p.yml", line: $0, column: $0 == 4 ? 1 : 3) })
        #expect(PlaybookStepsLines.origins(of: "one two", startingAt: start, in: "a: 1\nsteps: >\n  one\n  two\n") == nil)
        #expect(PlaybookStepsLines.origins(of: "one\ntwo", startingAt: start, in: "a: 1\nsteps: |\n  one\n") == nil)
        #expect(PlaybookStepsLines.origins(of: "x", startingAt: SourceLocation(path: "p.yml", line: 9), in: file) == nil)
        // A block's lines are deeper than its key: a line at the key's depth is not one of them.
        #expect(PlaybookStepsLines.origins(of: "one\ntwo", startingAt: start, in: "a: 1\nsteps: |\n  one\ntwo\n") == nil)
        #expect(PlaybookStepsLines.origins(of: "one", startingAt: start, in: "a: 1\nsteps: !!str |\n  one\n")?.locations
                == [SourceLocation(path: "p.yml", line: 3, column: 3)])
        // YAML counted a U+2028 as a line break: its line 2 is the file's `notes:` line, which
        // holds the same text; it is not taken for the steps' (helper 44).
        #expect(PlaybookStepsLines.origins(of: "a [x](javascript:y)", startingAt: SourceLocation(path: "p.yml", line: 2, column: 8),
                                           in: "x: \"a\u{2028}b\"\nsteps: a [x](javascript:y)\nnotes: a [x](javascript:y)\n")?.locations
                == [SourceLocation(path: "p.yml", line: 2, column: 8)])
        #expect(PlaybookStepsLines.origins(of: "a [x](javascript:y)", startingAt: SourceLocation(path: "p.yml", line: 3, column: 8),
                                           in: "x: \"a\u{2028}b\"\nsteps: a [x](javascript:y)\nnotes: a [x](javascript:y)\n") == nil)
    }
}
