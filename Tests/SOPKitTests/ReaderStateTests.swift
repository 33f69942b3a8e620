import Foundation
import Testing
@testable import SOPKit

/// What blocks or dates a page shows on the page, not only in the terminal (issue 11, item 7): a site
/// whose rollout is blocked says so on home, the failing value is marked where the site record shows
/// it, and an SOP whose review fell due says so on every view of it.
@Suite struct ReaderStateTests {
    static let blockedSite = """
        name: 'Shop <b>'
        setup_owner: Ada
        production_url: https://shop.example
        staging_url: https://shop.example/
        sophmate_version: 2.4.1
        wordpress_version: 6.8.1
        php_version: 8.2.28
        active_theme: Storefront
        rollback_path: Restore from the nightly backup.

        """

    @Test func aBlockedRolloutIsShownOnHomeWithItsFailingValuesMarked() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack([
            "sopgen.yml": "title: T\ndefault_site: shop\nrequirements:\n  php: \"8.3\"\n",
            "sites/shop.yml": Self.blockedSite,
            "checklists/rollout.md": "---\ntitle: Rollout checklist\n---\n## Do\n\n- [ ] Record {{site.php_version}}\n",
        ]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let home = try #require(plan.text("index.html"))
        let banner = try #require(home.range(of: "<h2 id=\"blocked-shop\">Rollout blocked: Shop &lt;b&gt;</h2>"))
        #expect(home.contains("<li>PHP 8.2.28 is below the pack&#39;s minimum 8.3; upgrade before rollout</li>")
                || home.contains("<li>PHP 8.2.28 is below the pack&apos;s minimum 8.3; upgrade before rollout</li>")
                || home.contains("<li>PHP 8.2.28 is below the pack's minimum 8.3; upgrade before rollout</li>"), "\(home)")
        #expect(home.contains("the staging URL is the production site"))
        #expect(home.contains("<a href=\"checklists/shop/rollout.html\">Rollout checklist</a>"))
        // Above the site record and the handbooks: the first thing on the page.
        let record = try #require(home.range(of: "id=\"site-record-title\""))
        #expect(banner.lowerBound < record.lowerBound)
        // The site record marks the failing values themselves, and leaves the others alone.
        #expect(home.contains("<div class=\"fact fact-failing\">\n<dt>PHP version</dt>\n<dd><strong>8.2.28</strong> <span class=\"fact-problem\">(below the pack"))
        #expect(home.contains("<div class=\"fact fact-failing\">\n<dt>Staging URL</dt>\n<dd><strong>https://shop.example/</strong> <span class=\"fact-problem\">(the same site as production)</span>"))
        #expect(home.contains("<div class=\"fact\">\n<dt>WordPress version</dt>\n<dd>6.8.1</dd>"))
        // The printed handbook shows the same record, marked the same way.
        let handbook = try #require(plan.text("roles/agent/print.html"))
        #expect(handbook.contains("<dt>PHP version</dt>\n<dd><strong>8.2.28</strong>"))
        // The printed checklist and its Markdown mark the row.
        let checklist = try #require(plan.text("checklists/shop/rollout.html"))
        #expect(checklist.contains("<tr class=\"failing\"><th scope=\"row\">PHP version</th><td><strong>8.2.28</strong> — below the pack"))
        let markdown = try #require(plan.text("checklists/shop/rollout.md"))
        #expect(markdown.contains("| PHP version | **8.2.28** — below the pack"), "\(markdown)")
    }

    @Test func aSiteThatMayRollOutShowsNoBanner() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(["sopgen.yml": "title: T\ndefault_site: shop\n"]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let home = try #require(plan.text("index.html"))
        #expect(!home.contains("rollout-blocked"))
        #expect(!home.contains("fact-failing"))
    }

    @Test(arguments: [("2026-01-15", "2026-02-15"), ("2026-10-20", "2026-11-20")])
    func anOverdueReviewIsOnEveryViewOfTheSOP(lastReviewed: String, due: String) async throws {
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(of: "last_reviewed: 2026-11-01", with: "last_reviewed: \(lastReviewed)")
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        #expect(result.diagnostics.contains { $0.code == .reviewOverdue })
        for path in ["sops/guide.html", "roles/agent/guide.html", "roles/admin/guide.html"] {
            let page = try #require(plan.text(path), "\(path)")
            #expect(page.contains("<p class=\"flagged overdue\" role=\"note\">Review overdue: it was due \(due)."), "\(path)")
        }
        #expect(try #require(plan.text("index.html")).contains("<span class=\"flagged\">review overdue since \(due)</span>"))
    }

    @Test func aReviewDueTodayOrLaterIsNotOverdue() async throws {
        // Reviewed 2026-10-21, monthly: due 2026-11-21, the pinned day itself.
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(of: "last_reviewed: 2026-11-01", with: "last_reviewed: 2026-10-21")
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        #expect(!result.diagnostics.contains { $0.code == .reviewOverdue })
        #expect(!(try #require(plan.text("sops/guide.html"))).contains("Review overdue"))
        #expect(!(try #require(plan.text("index.html"))).contains("review overdue"))
    }

    @Test func printedPagesCarryTheDayTheyWereBuiltForInTheirFooter() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack([
            "sopgen.yml": "title: T\ndefault_site: shop\n",
            "checklists/rollout.md": "---\ntitle: Rollout checklist\n---\n## Do\n\n- [ ] Go\n",
        ]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let hash = try #require(result.resolved?.pack.inputHash)
        #expect(try #require(plan.text("roles/agent/print.html")).contains("content: \"T · Support agent handbook · Shop · inputs \(hash) · as of 2026-11-21\""))
        #expect(try #require(plan.text("checklists/shop/rollout.html")).contains("content: \"T · Shop · Rollout checklist · inputs \(hash) · as of 2026-11-21\""))
    }
}
