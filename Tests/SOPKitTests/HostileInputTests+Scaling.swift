import Foundation
import Testing

/// Big but valid SOPs cost time in proportion to their size. Each case runs `check` at N and 2N
/// and compares CPU time: about 2× is linear, 4× quadratic; 3× tells them apart on a slow,
/// shared machine, where absolute times vary more than their ratio.
extension HostileInputTests {
    func cpuSeconds(_ body: String, extra: [String: String] = [:], status: Int32) throws -> Double {
        let outcome = try run({ ["check", $0.path] }) { root in
            try write(Array(PackFiles.sop(body: body)["procedures/guide.md"]!.utf8), to: "procedures/guide.md", in: root)
            for (path, text) in extra {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try write(Array(text.utf8), to: path, in: root)
            }
        }
        #expect(outcome.status == status, "\(outcome.report.prefix(500))")
        return outcome.cpuSeconds
    }

    /// `status` 1 for a pack whose every line is a diagnostic: reporting must scale too.
    func expectLinear(_ name: String, _ n: Int, extra: [String: String] = [:], status: Int32 = 0, _ body: (Int) -> String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The lesser of two runs each: one run slowed by the machine (seen once at 3.02×, where
        // the same binary measures 1.84×) must not read as quadratic.
        let small = try min(cpuSeconds(body(n), extra: extra, status: status), cpuSeconds(body(n), extra: extra, status: status))
        let large = try min(cpuSeconds(body(2 * n), extra: extra, status: status), cpuSeconds(body(2 * n), extra: extra, status: status))
        #expect(large / small < 3, "\(name): \(n) took \(small) s of CPU, \(2 * n) took \(large) s", sourceLocation: sourceLocation)
    }

    @Test func valuesInOneParagraphScaleLinearly() throws {
        try expectLinear("values", 50_000) { String(repeating: "{{role.name}} ", count: $0) + "\n" }
    }

    @Test func flatRoleBlocksScaleLinearly() throws {
        try expectLinear("role blocks", 20_000) { String(repeating: "::: for admin\nx\n:::\n", count: $0) }
    }

    @Test func linksBetweenSOPsScaleLinearly() throws {
        let other = PackFiles.sop("other", body: "# Other\n")["procedures/other.md"]!
        try expectLinear("links", 20_000, extra: ["procedures/other.md": other]) { String(repeating: "[other](other.md) ", count: $0) + "\n" }
    }

    @Test func diagnosticsOnOneLongLineScaleLinearly() throws {
        // Each quotes an excerpt of the line, not all of it; each suggestion stops at its limit.
        try expectLinear("unknown values", 5_000, status: 1) { String(repeating: "{{nothing}} ", count: $0) + "\n" }
    }

    @Test func diagnosticsOnManyLinesScaleLinearly() throws {
        try expectLinear("broken links", 5_000, status: 1) { String(repeating: "[other](nowhere.md)\n", count: $0) }
    }

    @Test func longChecklistItemsScaleLinearly() throws {
        let small = try cpuSeconds("x\n", extra: ["checklists/rollout.md": "- [ ] first\n" + String(repeating: "  more words\n", count: 75_000)], status: 0)
        let large = try cpuSeconds("x\n", extra: ["checklists/rollout.md": "- [ ] first\n" + String(repeating: "  more words\n", count: 150_000)], status: 0)
        #expect(large / small < 3, "continuation lines: 75,000 took \(small) s of CPU, 150,000 took \(large) s")
    }
}
