import Foundation
import Testing
@testable import SOPKit

/// `sopgen serve`'s in-memory site: after every kind of edit it is exactly the site `build` would
/// write for the pack as it now is, and an edit with errors leaves the last good site in place.
@Suite struct LivePreviewTests {
    static let drafts = "procedures/support/support-drafts.md"
    static let refunds = "procedures/commerce/refunds-and-coupons.md"

    /// The site a build of `pack` writes, by path.
    static func built(_ pack: URL) async -> [String: Data] {
        let result = await Pipeline(packRoot: pack, today: TestClock.today).plan()
        #expect(!result.diagnostics.hasErrors, "\(Build.diagnosticsText(result))")
        return Dictionary(uniqueKeysWithValues: (result.plan?.files ?? []).map { ($0.path, $0.contents) })
    }

    static func edit(_ pack: URL, _ path: String, _ change: (String) -> String) throws {
        let url = pack.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed nothing in \(path)")
        try Data(changed.utf8).write(to: url)
    }

    static func started(_ pack: URL) async -> LivePreview {
        var preview = LivePreview(packRoot: pack, today: TestClock.today)
        #expect(await preview.update(changed: nil) == .rebuilt)
        #expect(!preview.isBroken)
        return preview
    }

    @Test func anSOPBodyEditRerendersThatSOPFirstAndEndsAsTheBuiltSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        #expect(preview.site == (await Self.built(pack)))

        try Self.edit(pack, Self.drafts) { $0 + "\nA line the live preview must show.\n" }
        var steps: [LivePreview.Step] = []
        let outcome = await preview.update(changed: [Self.drafts]) { steps.append($0) }
        #expect(outcome == .rerenderedSOPs(1))
        #expect(steps.map(\.stage) == [.sops, .site])
        // First the SOP's own pages (trainer view and each role's), nothing else.
        let first = Set(steps.first?.files.keys.map { $0 } ?? [])
        #expect(first.contains("sops/support-drafts.html") && first.contains("roles/support-agent/support-drafts.html"))
        #expect(first.allSatisfy { $0.hasSuffix("/support-drafts.html") })
        // Then the pages that gather SOPs: the print handbook holds the new line too.
        #expect(steps.last?.files.keys.contains("roles/support-agent/print.html") == true)
        #expect(String(decoding: preview.site["roles/support-agent/print.html"] ?? Data(), as: UTF8.self)
            .contains("A line the live preview must show."))
        #expect(preview.site == (await Self.built(pack)))
    }

    @Test func aFrontMatterEditOrANewFileRebuildsTheWholeSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)

        try Self.edit(pack, Self.drafts) { $0.replacingOccurrences(of: "title: Reviewing and sending support drafts",
                                                                  with: "title: Support drafts, reviewed") }
        #expect(await preview.update(changed: [Self.drafts]) == .rebuilt)
        #expect(preview.site == (await Self.built(pack)))

        let copy = try String(contentsOf: pack.appendingPathComponent(Self.drafts), encoding: .utf8)
        try Data(copy.utf8).write(to: pack.appendingPathComponent("procedures/support/support-drafts-2.md"))
        #expect(await preview.update(changed: ["procedures/support/support-drafts-2.md"]) == .rebuilt)
        #expect(preview.site["sops/support-drafts-2.html"] != nil)
        #expect(preview.site == (await Self.built(pack)))

        try FileManager.default.removeItem(at: pack.appendingPathComponent("procedures/support/support-drafts-2.md"))
        var removed: [String] = []
        #expect(await preview.update(changed: ["procedures/support/support-drafts-2.md"]) { removed += $0.removed } == .rebuilt)
        #expect(removed.contains("sops/support-drafts-2.html"))
        #expect(preview.site == (await Self.built(pack)))
    }

    /// A heading another SOP links to, renamed in an edit of the body alone: the link from the
    /// other SOP (not re-rendered) is still checked, and the last good site stays.
    @Test func anEditThatBreaksAnotherSOPsLinkKeepsTheLastGoodSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        let good = preview.site

        try Self.edit(pack, Self.refunds) { $0.replacingOccurrences(of: "\n## Steps\n", with: "\n## What to do\n") }
        var published = 0
        #expect(await preview.update(changed: [Self.refunds]) { _ in published += 1 } == .failed)
        #expect(published == 0)
        #expect(preview.isBroken)
        #expect(preview.diagnostics.contains { $0.code == .brokenAnchor && $0.location.path == Self.drafts })
        #expect(preview.site == good)

        // Another SOP edited while the pack is broken, then the break fixed: both edits show.
        try Self.edit(pack, Self.drafts) { $0 + "\nEdited while the pack was broken.\n" }
        #expect(await preview.update(changed: [Self.drafts]) == .failed)
        #expect(preview.site == good)
        try Self.edit(pack, Self.refunds) { $0.replacingOccurrences(of: "\n## What to do\n", with: "\n## Steps\n") }
        #expect(await preview.update(changed: [Self.refunds]) == .rerenderedSOPs(2))
        #expect(!preview.isBroken)
        #expect(preview.site == (await Self.built(pack)))
        #expect(String(decoding: preview.site["sops/support-drafts.html"] ?? Data(), as: UTF8.self)
            .contains("Edited while the pack was broken."))
    }

    @Test func aBrokenFullRebuildIsFollowedByAFullRebuild() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        let good = preview.site
        let roles = try String(contentsOf: pack.appendingPathComponent("roles.yml"), encoding: .utf8)
        try Data("roles: [\n".utf8).write(to: pack.appendingPathComponent("roles.yml"))
        #expect(await preview.update(changed: ["roles.yml"]) == .failed)
        #expect(preview.site == good)
        // While roles.yml is broken an SOP body changes; the fix must bring both in.
        try Self.edit(pack, Self.drafts) { $0 + "\nSeen after the fix.\n" }
        #expect(await preview.update(changed: [Self.drafts]) == .failed)
        try Data(roles.utf8).write(to: pack.appendingPathComponent("roles.yml"))
        #expect(await preview.update(changed: ["roles.yml"]) == .rebuilt)
        #expect(preview.site == (await Self.built(pack)))
    }

    /// An SOP emptied (as an editor truncating before it writes), then written with CRLF line
    /// endings: the empty file is an error that keeps the last good site; the CRLF one renders.
    @Test func anEmptiedSOPThenACRLFOneEndAsTheBuiltSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        let good = preview.site
        let url = pack.appendingPathComponent(Self.drafts)
        let original = try String(contentsOf: url, encoding: .utf8)
        try Data().write(to: url)
        let emptied = await preview.update(changed: [Self.drafts])
        #expect(emptied == .failed && preview.site == good, "\(preview.diagnostics)")
        try Data(original.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: url)
        #expect(await preview.update(changed: [Self.drafts]) != .failed)
        #expect(preview.site == (await Self.built(pack)))
        // A body edit of the CRLF file takes the SOP path: its front matter is compared as written.
        try Self.edit(pack, Self.drafts) { $0 + "\r\nOne more line.\r\n" }
        #expect(await preview.update(changed: [Self.drafts]) == .rerenderedSOPs(1))
        #expect(preview.site == (await Self.built(pack)))
    }

    /// Front matter edited with the SOP's id, title, audience and place unchanged (its summary, owner
    /// and review date): the SOP's pages come first, and the handbooks, print pages and home that
    /// show the summary or the date follow; the site is the built one.
    @Test func aFrontMatterEditKeepingTheSOPsShapeRerendersThatSOPOnly() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        try Self.edit(pack, Self.drafts) {
            $0.replacingOccurrences(of: "summary: Turning a SophMate support draft into a reply a person is accountable for.",
                                    with: "summary: A summary the handbooks must show.")
                .replacingOccurrences(of: "owner: store-manager", with: "owner: site-admin")
                .replacingOccurrences(of: "last_reviewed: 2026-11-02", with: "last_reviewed: 2026-11-09")
        }
        var steps: [LivePreview.Step] = []
        #expect(await preview.update(changed: [Self.drafts]) { steps.append($0) } == .rerenderedSOPs(1))
        #expect(steps.map(\.stage) == [.sops, .site])
        #expect(steps.first?.files.keys.allSatisfy { $0.hasSuffix("/support-drafts.html") } == true)
        #expect(preview.site == (await Self.built(pack)))
        #expect(preview.site.values.contains { String(decoding: $0, as: UTF8.self).contains("A summary the handbooks must show.") })
    }

    /// An SOP's id, audience or title changed: other SOPs' pages (links, previous and next, the
    /// role pages that exist) change with it, so the whole site is rendered again.
    @Test func anIDRoleOrTitleChangeRebuildsAndEndsAsTheBuiltSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)

        try Self.edit(pack, Self.drafts) {
            $0.replacingOccurrences(of: "audience: [support-agent, store-manager, site-admin]", with: "audience: [support-agent, site-admin]")
        }
        var removed: [String] = []
        #expect(await preview.update(changed: [Self.drafts]) { removed += $0.removed } == .rebuilt)
        #expect(removed.contains("roles/store-manager/support-drafts.html"))
        #expect(preview.site == (await Self.built(pack)))

        let refunds = pack.appendingPathComponent(Self.refunds)
        let text = try String(contentsOf: refunds, encoding: .utf8)
        #expect(!text.contains("\nid: "))
        try Data(text.replacingOccurrences(of: "---\ntitle:", with: "---\nid: refunds-renamed\ntitle:").utf8).write(to: refunds)
        let outcome = await preview.update(changed: [Self.refunds])
        #expect(outcome == .rebuilt, "\(preview.diagnostics)")
        #expect(preview.site["sops/refunds-renamed.html"] != nil)
        #expect(preview.site == (await Self.built(pack)))

        try Self.edit(pack, Self.drafts) { $0.replacingOccurrences(of: "title: Reviewing and sending support drafts", with: "title: Drafts") }
        #expect(await preview.update(changed: [Self.drafts]) == .rebuilt)
        #expect(preview.site == (await Self.built(pack)))
    }

    /// A body edit that names a role or a value the pack does not have: an error, the last good
    /// site kept and nothing published; the fix renders that SOP alone and ends as the built site.
    @Test func aBodyEditThatBreaksThenOneThatFixesEndAsTheBuiltSite() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        let good = preview.site
        try Self.edit(pack, Self.drafts) { $0 + "\n::: for nobody-here\nHidden.\n:::\n\nSee {{sop.nothing}}.\n" }
        var published = 0
        #expect(await preview.update(changed: [Self.drafts]) { _ in published += 1 } == .failed)
        #expect(published == 0 && preview.site == good)
        #expect(preview.diagnostics.contains { $0.code == .unknownRole && $0.location.path == Self.drafts })
        #expect(preview.diagnostics.contains { $0.code == .unknownValue && $0.location.path == Self.drafts })
        try Self.edit(pack, Self.drafts) {
            $0.replacingOccurrences(of: "for nobody-here", with: "for site-admin").replacingOccurrences(of: "{{sop.nothing}}", with: "{{sop.title}}")
        }
        #expect(await preview.update(changed: [Self.drafts]) == .rerenderedSOPs(1))
        #expect(!preview.isBroken)
        #expect(preview.site == (await Self.built(pack)))
        // Back to the text decoded first: the decoder's cache is keyed by the text, not the path.
        try Self.edit(pack, Self.drafts) { $0.replacingOccurrences(of: "See {{sop.title}}.", with: "See {{sop.nothing}}.") }
        #expect(await preview.update(changed: [Self.drafts]) == .failed)
        #expect(preview.diagnostics.contains { $0.code == .unknownValue && $0.location.path == Self.drafts })
    }

    /// A snippet that SOPs include, edited: not an SOP, so the whole site (every print view) is
    /// rendered again; then an SOP edit renders on top of the new print views.
    @Test func aSnippetEditRendersEveryPrintViewAgain() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        let snippets = try FileManager.default.contentsOfDirectory(atPath: pack.appendingPathComponent("snippets").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        let snippet = "snippets/" + (try #require(snippets.first))
        try Self.edit(pack, snippet) { $0 + "\nA line every including SOP shows.\n" }
        #expect(await preview.update(changed: [snippet]) == .rebuilt)
        #expect(preview.site == (await Self.built(pack)))
        try Self.edit(pack, Self.refunds) { $0 + "\nAnd one more.\n" }
        #expect(await preview.update(changed: [Self.refunds]) == .rerenderedSOPs(1))
        #expect(preview.site == (await Self.built(pack)))
    }

    /// Saves that land while an update renders (here: between its two steps, as a slow render of
    /// the gathering pages would let them): the update finishes with what it read, the next one
    /// (the watcher reports both files) brings the site to the pack as it is now.
    @Test func anEditDuringARenderIsInTheNextUpdate() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        var preview = await Self.started(pack)
        try Self.edit(pack, Self.drafts) { $0 + "\nFirst save.\n" }
        var saved = false
        let outcome = await preview.update(changed: [Self.drafts]) { step in
            guard step.stage == .sops, !saved else { return }
            saved = true
            try? Self.edit(pack, Self.drafts) { $0 + "\nSecond save, during the render.\n" }
            try? Self.edit(pack, Self.refunds) { $0 + "\nAnother SOP, during the render.\n" }
        }
        #expect(outcome == .rerenderedSOPs(1) && saved)
        #expect(String(decoding: preview.site["sops/support-drafts.html"] ?? Data(), as: UTF8.self).contains("First save."))
        #expect(await preview.update(changed: [Self.drafts, Self.refunds]) == .rerenderedSOPs(2))
        #expect(preview.site == (await Self.built(pack)))
        #expect(String(decoding: preview.site["sops/support-drafts.html"] ?? Data(), as: UTF8.self).contains("Second save, during the render."))
    }
}

@Suite struct PackWatcherTests {
    @Test func seesFilesChangedAddedAndRemovedButNotHiddenOnes() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.base)
        let theme = TemporaryFolder()
        theme.write(["layout.mustache": "<html></html>"])
        var watcher = PackWatcher(packRoot: folder.url, themeRoot: theme.url)
        #expect(watcher.poll().isEmpty)

        // A different size, so the change shows whatever the file system's clock resolution.
        folder.write(["procedures/guide.md": PackFiles.sop(body: "Changed text, longer.\n").values.first!])
        #expect(watcher.poll() == .init(packPaths: ["procedures/guide.md"]))
        folder.write(["procedures/deep/new.md": "x", "procedures/.guide.md.swp": "x", "site/index.html": "x"])
        #expect(watcher.poll() == .init(packPaths: ["procedures/deep/new.md"]))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("roles.yml"))
        #expect(watcher.poll() == .init(packPaths: ["roles.yml"]))
        // Saved by renaming a new file over the old one (as editors do): a new inode.
        let temporary = folder.url.appendingPathComponent("procedures/.tmp")
        try Data("x".utf8).write(to: temporary)
        #expect(rename(temporary.path, folder.url.appendingPathComponent("procedures/deep/new.md").path) == 0)
        #expect(watcher.poll() == .init(packPaths: ["procedures/deep/new.md"]))

        theme.write(["assets/sopgen.css": "body {}"])
        #expect(watcher.poll() == .init(theme: true))
        #expect(watcher.poll().isEmpty)
    }

    @Test func seesEditsThroughALinkToAFolderAndStopsAtALoop() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.base)
        let shared = TemporaryFolder()
        shared.write(["common.md": "x"])
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("procedures/shared"), withDestinationURL: shared.url)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("procedures/loop"),
                                                   withDestinationURL: folder.url.appendingPathComponent("procedures"))
        var watcher = PackWatcher(packRoot: folder.url, themeRoot: nil)
        shared.write(["common.md": "longer text"])
        #expect(watcher.poll().packPaths.contains("procedures/shared/common.md"))
        #expect(watcher.poll().isEmpty)
    }
}

@Suite struct LiveReloadTests {
    @Test func theOverlayEscapesWhatThePackWrote() {
        let source = SourceFile(path: "procedures/x.md", text: "---\ntitle: </pre><script>alert(1)</script>\n---\n")
        let diagnostic = Diagnostic.error(.unknownRole, "unknown role '</pre><script>alert(1)</script>'",
                                          at: SourceLocation(path: "procedures/x.md", line: 2, column: 8))
        let overlay = LiveReload.overlay([diagnostic, .warning(.reviewOverdue, "late", at: SourceLocation(path: "procedures/x.md"))],
                                         sources: ["procedures/x.md": source])
        #expect(!overlay.contains("<script>") && !overlay.contains("</pre><script"))
        #expect(overlay.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(overlay.contains("procedures/x.md:2:8: error:"))
        #expect(overlay.contains("1 error;") && !overlay.contains("review-overdue"))
    }

    @Test func theScriptGoesBeforeTheLastBodyEndTag() {
        let html = Data("<html><body><p>&lt;/body&gt; in text</p></body></html>".utf8)
        let served = String(decoding: LiveReload.inject(into: html, overlay: nil), as: UTF8.self)
        #expect(served.hasPrefix("<html><body><p>&lt;/body&gt; in text</p><script id=\"sopgen-live-reload\">"))
        #expect(served.hasSuffix("</script></body></html>"))
        #expect(LiveReload.reloadEvent(["sops/a.html"]) == "event: reload\ndata: [\"/sops/a.html\"]\n\n")
        #expect(LiveReload.reloadEvent(nil) == "event: reload\ndata: \"*\"\n\n")
    }
}
