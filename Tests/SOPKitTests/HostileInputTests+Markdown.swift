import Foundation
import Testing

/// Markdown that is small to write and huge or slow for cmark-gfm to build.
extension HostileInputTests {
    static let tableBomb = String(repeating: "|a", count: 40_000) + "|\n" + String(repeating: "|-", count: 40_000) + "|\n" + String(repeating: "x\n", count: 40_000)

    @Test func tableOfAGigaCell() throws {
        // 240 KB: cmark-gfm pads each of 40,000 rows to 40,000 cells, and runs out of memory.
        let outcome = try build { try writeSOP("Intro.\n\n" + Self.tableBomb, in: $0) }
        expectRefused(outcome, "procedures/guide.md:12:1: error: this table has 40000 columns and 40001 rows, more than the 100000 cells a table may have; split it [table-too-large]")
    }

    @Test func tableOfAGigaCellInASnippetOfAChecklistAndInPlaybookSteps() throws {
        let outcome = try build { root in
            try writeSnippets(["table": Self.tableBomb], in: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("checklists"), withIntermediateDirectories: true)
            try write(Array("# Rollout\n\n- [ ] {{> table}}\n".utf8), to: "checklists/rollout.md", in: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("playbooks"), withIntermediateDirectories: true)
            let steps = Self.tableBomb.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            try write(Array("title: Bomb\nmode: read-only\nsteps: |\n\(steps)\n".utf8), to: "playbooks/bomb.yml", in: root)
        }
        // Three 240 KB tables, each read and scanned; none built.
        expectRefused(outcome, "snippets/table.md:2:1: error: this table has 40000 columns and 40001 rows", cpuBound: 3)
        #expect(outcome.report.contains("playbooks/bomb.yml:1:1: error: in steps (line 2), this table has 40000 columns and 40001 rows"))
    }

    @Test func listsNestedByIndentationAlone() throws {
        // One marker per line: no line is deep, the list is.
        let outcome = try build { try writeSOP((0..<300).map { String(repeating: "  ", count: $0) + "- x\n" }.joined(), in: $0) }
        expectRefused(outcome, "procedures/guide.md:41:65: error: Markdown nested more than 32 levels deep (quotes and lists); flatten it [nesting-too-deep]")
    }

    @Test func renderRefusesATableOfAGigaCell() throws {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("bomb.md")
        try Data(Self.tableBomb.utf8).write(to: file)
        let run = try MeasuredRun.run(TestPaths.sopgenBinary, ["render", file.path])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("\(file.path):2:1: error: this table has 40000 columns and 40001 rows"))
        #expect(run.cpuSeconds < 0.5)
    }
}
