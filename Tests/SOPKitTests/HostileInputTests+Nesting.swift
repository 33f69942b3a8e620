import Foundation
import Testing

/// Nesting and includes: every kind is bounded before anything recursive, or cmark-gfm, sees it.
extension HostileInputTests {
    func writeSOP(_ body: String, in root: URL) throws {
        try write(Array(PackFiles.sop(body: body)["procedures/guide.md"]!.utf8), to: "procedures/guide.md", in: root)
    }

    func writeSnippets(_ snippets: [String: String], in root: URL) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("snippets"), withIntermediateDirectories: true)
        // stdio, not Data.write, which syncs every file to disk: thousands of syncs take seconds.
        for (name, text) in snippets {
            let file = try #require(fopen(root.appendingPathComponent("snippets/\(name).md").path, "w"))
            fputs(text, file)
            fclose(file)
        }
    }

    @Test func twoThousandNestedRoleBlocks() throws {
        let outcome = try build { root in
            let opens = (0..<2_000).map { $0 % 2 == 0 ? "::: for admin\n" : "::: except agent\n" }.joined()
            try writeSOP(opens + "x\n" + String(repeating: ":::\n", count: 2_000), in: root)
        }
        expectRefused(outcome, "procedures/guide.md:41:1: error: role blocks nested more than 32 levels deep; flatten them [nesting-too-deep]")
        #expect(!outcome.report.contains("unmatched-block-end") && !outcome.report.contains("unclosed-block"))
    }

    @Test func includeBomb() throws {
        // l0 includes l1 ten times, l1 includes l2 ten times, …: 10^7 copies of l7 from 700 bytes.
        let outcome = try build { root in
            var snippets = ["l7": "lol lol\n"]
            for level in 0..<7 { snippets["l\(level)"] = String(repeating: "{{> l\(level + 1)}}\n", count: 10) }
            try writeSnippets(snippets, in: root)
            try writeSOP("{{> l0}}\n", in: root)
        }
        expectRefused(outcome, "snippets/l1.md:3:1: error: '{{> l2}}' makes snippet 'l1' longer than 2 MiB with its snippets pasted in; include less [include-too-large]")
        #expect(outcome.report.contains("1 error, 0 warnings"))
    }

    @Test func includeChainOfTwoThousandSnippets() throws {
        let outcome = try build { root in
            var snippets: [String: String] = ["s1999": "end\n"]
            for index in 0..<1_999 { snippets["s\(index)"] = "{{> s\(index + 1)}}\n" }
            try writeSnippets(snippets, in: root)
            try writeSOP("{{> s0}}\n", in: root)
        }
        expectRefused(outcome, "snippets/s1983.md:1:1: error: '{{> s1984}}' nests snippets more than 16 deep: s1983 → s1984 → ")
        #expect(outcome.report.contains("1 error, 0 warnings"))
    }

    @Test func includesThatAddUpPastTheSizeLimit() throws {
        // Each include alone fits; together, in the SOP or in a checklist, they do not.
        let outcome = try build { root in
            try writeSnippets(["big": String(repeating: "Every reply names the order number.\n", count: 30_000)], in: root)
            try writeSOP("{{> big}}\n\n{{> big}}\n", in: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("checklists"), withIntermediateDirectories: true)
            try write(Array("# Rollout\n\n- [ ] {{> big}}\n- [ ] {{> big}}\n".utf8), to: "checklists/rollout.md", in: root)
        }
        expectRefused(outcome, "procedures/guide.md:11:1: error: '{{> big}}' makes procedures/guide.md longer than 2 MiB with its snippets pasted in; include less [include-too-large]",
                       cpuBound: 5) // the first include stays: a 1 MB SOP is rendered
        #expect(outcome.report.contains("checklists/rollout.md:4:7: error: '{{> big}}' makes checklists/rollout.md longer than 2 MiB"))
    }

    @Test func indentationIsCountedInTheSize() throws {
        // 100,000 empty lines are 100 KB; pasted 40 spaces in, they are 4 MB.
        let outcome = try build { root in
            try writeSnippets(["blank": String(repeating: "\n", count: 100_000)], in: root)
            try writeSOP("- item\n\n" + String(repeating: " ", count: 40) + "{{> blank}}\n", in: root)
        }
        expectRefused(outcome, "procedures/guide.md:11:41: error: '{{> blank}}' makes procedures/guide.md longer than 2 MiB")
    }

    @Test func longValueUsedOftenEnough() throws {
        // 300 KB of site name, used seven times, is more than an SOP may be; used 100,000 times it
        // would be 30 GB in every view. The checklist gets the same budget.
        let outcome = try build { root in
            let site = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "name: Shop", with: "name: " + String(repeating: "S", count: 300_000))
            try write(Array(site.utf8), to: "sites/shop.yml", in: root)
            try writeSOP(String(repeating: "{{site.name}} ", count: 100_000) + "\n", in: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("checklists"), withIntermediateDirectories: true)
            try write(Array(("- [ ] " + String(repeating: "{{site.name}} ", count: 10) + "\n").utf8), to: "checklists/rollout.md", in: root)
        }
        expectRefused(outcome, "procedures/guide.md:9:85: error: '{{site.name}}' here takes the values in procedures/guide.md past 2 MiB (each use copies the value); use long values less often [values-too-large]",
                      cpuBound: 4) // a 1.4 MB SOP is still parsed, for its other problems
        #expect(outcome.report.contains("checklists/rollout.md:1:91: error: '{{site.name}}' here takes the values in checklists/rollout.md past 2 MiB"))
    }
}
