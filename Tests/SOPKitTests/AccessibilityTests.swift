import Foundation
import Testing
@testable import SOPKit

/// axe-core 4.x (Deque's accessibility engine, from the PyPI wheel axe-playwright-python) on every
/// page of the bundled site (`StatefulSite`: every state a reader must see switched on, and the
/// first-week review report) in headless Chromium, on a laptop's width and a phone's, against
/// WCAG 2.0, 2.1 and 2.2 A and AA: no violation. Also a skip link, and no heading that takes an id
/// the theme writes.
@Suite(.enabled(if: ExternalTool.available(.chromium, .axe)))
struct AccessibilityTests {
    static let probe = """
        addEventListener('load', async () => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
          report({version: axe.version, violations: result.violations.map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
            first: v.nodes[0].target.join(' ')}))});
        });
        """

    struct Result: Decodable {
        struct Violation: Decodable {
            var id: String
            var impact: String?
            var count: Int
            var first: String
        }

        var version: String
        var violations: [Violation]
    }

    @Test(arguments: [1280, 390])
    func axeFindsNoViolationOnAnyPage(width: Int) async throws {
        let plan = try await StatefulSite.plan()
        let axe = try #require(ExternalTool.axeScript)
        let harness = try BrowserHarness.run(plan, width: width, probe: Self.probe, scripts: [axe])
        #expect(harness.reports.count > 50)
        for (page, json) in harness.reports {
            let result = try JSONDecoder().decode(Result.self, from: Data(json.utf8))
            #expect(result.version.hasPrefix("4."))
            #expect(result.violations.isEmpty, "\(page) at \(width) px: \(result.violations.map { "\($0.id) (\($0.impact ?? "")) ×\($0.count) at \($0.first)" })")
        }
    }

    @Test func everyPageOffersASkipLinkToItsContent() async throws {
        let plan = try #require(await Build.plan(TestPaths.bundledPack).plan)
        for file in plan.files where file.path.hasSuffix(".html") && !file.path.hasPrefix("checklists/") {
            let html = String(decoding: file.contents, as: UTF8.self)
            #expect(html.contains("<a class=\"skip-link\" href=\"#content\">Skip to content</a>"), "\(file.path)")
            #expect(html.components(separatedBy: "id=\"content\"").count == 2, "\(file.path): one element with id content")
        }
    }

    @Test func aHeadingNeverTakesAnIDTheThemeWrites() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let sop = try #require(PackFiles.sop("headings", audience: "[store-manager]", body: "# Content\n\nText.\n\n## Steps\n")["procedures/headings.md"])
        try Data(sop.replacingOccurrences(of: "owner: admin", with: "owner: site-admin").utf8).write(to: pack.appendingPathComponent("procedures/headings.md"))
        let playbookFile = pack.appendingPathComponent("playbooks/low-stock-watch.yml")
        let playbook = try String(contentsOf: playbookFile, encoding: .utf8)
            .replacingOccurrences(of: "steps: |\n", with: "steps: |\n  ## Steps\n\n  ## Provenance\n\n")
        try Data(playbook.utf8).write(to: playbookFile)
        let result = await Build.plan(pack)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        for path in ["sops/headings.html", "roles/store-manager/headings.html", "roles/store-manager/print.html", "playbooks/low-stock-watch.html"] {
            let html = try #require(plan.text(path), "\(path)")
            let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
            #expect(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted() == [], "\(path): \(ids)")
        }
        #expect(plan.text("sops/headings.html")?.contains("<h1 id=\"content-1\">") == true)
        #expect(plan.text("playbooks/low-stock-watch.html")?.contains("<h2 id=\"steps-1\">") == true)
    }
}
