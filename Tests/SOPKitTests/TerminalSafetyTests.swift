import Foundation
import Testing
@testable import SOPKit

/// Values from a pack reach the terminal only as visible escapes; machine formats keep them as data.
@Suite struct TerminalSafetyTests {
    /// ESC sequences (title, clear screen, colour), BEL, a C1 control and a right-to-left override.
    static let hostile = "\\e]0;owned\\a\\e[2J\\e[31mred\\u009B\\u202Eevil"
    static let unsafeScalars: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"]

    func hostileFiles() -> [String: String] {
        PackFiles.pack([
            "sopgen.yml": "title: T\ndefault_site: \"shop\(Self.hostile)\"\n",
            "procedures/guide.md": PackFiles.sop(audience: "[admin, \"agent\u{202E}x\"]", body: "x {{site.\u{1B}[2J}} y\n")["procedures/guide.md"]!,
        ])
    }

    func rawUnsafe(_ text: String) -> [String] {
        text.unicodeScalars.filter { TerminalText.isUnsafe($0, keepingLayout: true) }.map { TerminalText.visible($0) }
    }

    @Test func textReportShowsControlsAsEscapes() async {
        let report = await InMemoryPack.report(hostileFiles())
        #expect(rawUnsafe(report) == [])
        #expect(report.contains(#"unknown site 'shop\u{1B}]0;owned\u{7}\u{1B}[2J\u{1B}[31mred\u{9B}\u{202E}evil' in default_site"#), "\(report)")
        #expect(report.contains(#"unknown role 'agent\u{202E}x' in audience"#))
        // SOP bodies lose their C0 controls before parsing (U+FFFD); the quoted source line keeps them, escaped.
        #expect(report.contains("'{{site.\u{FFFD}[2J}}' is not a value name"))
        #expect(report.contains(#"    x {{site.\u{1B}[2J}} y"#))
    }

    @Test func caretStaysUnderTheColumnAfterAnEscape() {
        let file = SourceFile(path: "a.md", text: "\u{1B}[1mab {{x\n")
        let text = DiagnosticFormatter(sources: ["a.md": file]).format(.error(.unclosedTag, "m", at: SourceLocation(path: "a.md", line: 1, column: 8)))
        #expect(text == """
            a.md:1:8: error: m [unclosed-tag]
                \\u{1B}[1mab {{x
                            ^

            """)
    }

    @Test func oneLineMessagesEscapeNewlinesToo() {
        #expect(TerminalText.escape("a\nb\tc\r") == #"a\u{A}b\u{9}c\u{D}"#)
        #expect(TerminalText.escape("a\nb\t", keepingLayout: true) == "a\nb\t")
        #expect(TerminalText.escape("Café — ünïcode ✓") == "Café — ünïcode ✓")
    }

    @Test func jsonAndSarifKeepTheValueButNoRawControls() async throws {
        let files = hostileFiles()
        let loaded = InMemoryPack.loaded(files)
        let diagnostics = await InMemoryPack.diagnostics(files)
        let report = DiagnosticReport(diagnostics: diagnostics, sources: loaded.files, packPath: "pack", packURL: loaded.root)
        for format in [DiagnosticReport.Format.json, .sarif] {
            let text = report.render(format)
            #expect(rawUnsafe(text) == [], "\(format)")
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        }
        let document = try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any]
        let messages = (document?["diagnostics"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(messages.contains { $0.contains("agent\u{202E}x") }, "JSON must carry the value itself, decoded")
        #expect(rawUnsafe(report.render(.github)) == [])
        #expect(report.render(.github).contains(#"unknown role 'agent\u{202E}x'"#))
    }

    @Test func longLinesShowAWindowAroundTheCaret() {
        let line = String(repeating: "a", count: 1_000) + "{{x" + String(repeating: "b", count: 1_000)
        let file = SourceFile(path: "a.md", text: line + "\n")
        let text = DiagnosticFormatter(sources: ["a.md": file]).format(.error(.unclosedTag, "m", at: SourceLocation(path: "a.md", line: 1, column: 1_001)))
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "    …" + String(repeating: "a", count: 80) + "{{x" + String(repeating: "b", count: 77) + "…")
        #expect(lines[2] == "    " + String(repeating: " ", count: 81) + "^")
    }

    @Test func hugeValuesInMessagesAreShortened() async {
        let value = String(repeating: "x", count: 100_000)
        let report = await InMemoryPack.report(PackFiles.pack(["sopgen.yml": "title: T\ndefault_site: \(value)\n"]))
        #expect(report.count < 2_000, "\(report.count) characters")
        #expect(report.contains("unknown site 'xxxxxxxx"))
        #expect(report.contains("…(99631 characters)…"))
        #expect(report.contains("' in default_site [unknown-site]"))
    }

    /// 40,000 problems in two files: each file lists 200 and counts the rest, and the report is
    /// made in one pass (the formatter used to rescan the file, or the whole line, per diagnostic).
    @Test func aFileWithThousandsOfProblemsIsCountedNotListed() async {
        var files = PackFiles.pack(PackFiles.sop("one", body: String(repeating: "{{,}} ", count: 20_000) + "\n"))
        files.merge(PackFiles.sop("many", body: String(repeating: "{{,}}\n", count: 20_000))) { $1 }
        let loaded = InMemoryPack.loaded(files)
        let diagnostics = await InMemoryPack.diagnostics(files)
        #expect(diagnostics.count == 2 * 201)
        #expect(diagnostics.filter { $0.code == .tooManyProblems }.map { "\($0.location): \($0.message)" } == [
            "procedures/many.md:209:1: 19800 more problems in procedures/many.md from here on are not listed (19800 errors); fix the ones above and check again",
            "procedures/one.md:9:1201: 19800 more problems in procedures/one.md from here on are not listed (19800 errors); fix the ones above and check again",
        ])
        let text = DiagnosticFormatter(sources: loaded.files).format(diagnostics)
        #expect(text.utf8.count < 150_000)
        let json = DiagnosticReport(diagnostics: diagnostics, sources: loaded.files, packPath: "p", packURL: loaded.root).render(.json)
        #expect(json.utf8.count < 300_000, "the JSON source field quotes a window of the 120,000-character line")
    }
}

