import Foundation
import Testing
@testable import SOPKit

/// The search box of the bundled site in headless Chromium, from `file://`: ten queries per role
/// (and for the trainer view) each find the SOP they are about; content only another role's block
/// holds finds nothing; the keyboard alone moves through the results and Escape clears them.
@Suite(.enabled(if: ExternalTool.available(.chromium)))
struct SearchBrowserTests {
    /// Queries a reader might type, by the SOP each is about: a role asks those of the SOPs in its
    /// handbook, taking one per SOP in turn until it has ten.
    static let queries: [(sop: String, queries: [String])] = [
        ("read-only-questions", ["read-only questions", "short prompts generic answers", "pasting customer email", "one question at a time"]),
        ("incident-escalation", ["incident", "first five minutes", "audit log purged", "admin screen that loads"]),
        ("theme-assistant-review", ["theme assistant", "child theme never the parent", "phone and on a desktop"]),
        ("knowledge-base-sources", ["public-safe sources", "re-index", "retire them"]),
        ("product-copy", ["product copy", "bulk generation category", "material origin care"]),
        ("refunds-and-coupons", ["refunds", "coupon usage limit", "two recorded approvals"]),
        ("support-drafts", ["support drafts", "when a draft is wrong", "helpdesk under your own name"]),
        ("approvals-queue", ["approvals queue", "bulk-approve mixed risk", "sort by risk"]),
        ("rollout-readiness", ["rollout readiness", "before inviting operators", "record the site"]),
        ("providers-and-budgets", ["provider keys", "monthly budget", "one key across client sites"]),
        ("playbook-reuse", ["playbook reuse", "exported from another site", "before importing"]),
        ("workflow-approvals", ["workflows watchers agents", "before enabling", "explain its last run"]),
        ("pausing-automation", ["kill switch", "when to pause", "provider spending jumps"]),
    ]

    /// Ten (query, SOP) pairs for a reader of these SOPs, one SOP's query at a time.
    static func tenQueries(for sops: Set<String>) -> [(query: String, sop: String)] {
        let pools = queries.filter { sops.contains($0.sop) }
        var picked: [(String, String)] = []
        for round in 0..<4 {
            for pool in pools where round < pool.queries.count && picked.count < 10 { picked.append((pool.queries[round], pool.sop)) }
        }
        return picked
    }

    /// Text only one role's block holds (`support-drafts.md`), for that role and against another.
    static let blockOnly: [(query: String, holder: String, other: String)] = [
        ("without naming an amount", "support-agent", "store-manager"),
        ("contradict an earlier one", "store-manager", "support-agent"),
    ]

    /// Focuses the box (which loads the index), types each query of `window.queries[page]`, then
    /// drives the keyboard; reports the hrefs each query found and what the keys did.
    static let probe = """
        addEventListener('load', () => {
          document.getElementById('search-input').focus();
          const wait = () => (window.sopgenSearch || {}).view ? setTimeout(probe, 0) : setTimeout(wait, 20);
          wait();
        });
        function probe() {
          const page = location.pathname.split('/site/')[1], input = document.getElementById('search-input');
          const box = document.querySelector('.site-search'), list = document.getElementById('search-results');
          const links = () => [...list.querySelectorAll('a')];
          const type = q => { input.value = q; input.dispatchEvent(new Event('input', {bubbles: true})); return links().map(a => a.getAttribute('href')); };
          const key = k => (document.activeElement || input).dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true, cancelable: true}));
          const results = (window.queries[page] || []).map(type);
          type('approve');
          input.focus();
          key('ArrowDown');
          const first = document.activeElement === links()[0];
          key('ArrowDown');
          const second = links().length > 1 && document.activeElement === links()[1];
          key('ArrowUp'); key('ArrowUp');
          const back = document.activeElement === input;
          const status = document.getElementById('search-status').textContent;
          key('ArrowDown'); key('Escape');
          report({shown: !box.hidden, results, first, second, back, status,
                  cleared: input.value === '' && links().length === 0 && document.activeElement === input});
        }
        """

    /// axe-core with a query typed and its results and snippets shown, and the menu's lists open,
    /// at a laptop's and a phone's width: no violation either, and no page scrolls sideways.
    static let axeProbe = """
        addEventListener('load', () => {
          const input = document.getElementById('search-input');
          input.focus();
          const wait = () => (window.sopgenSearch || {}).view ? setTimeout(check, 0) : setTimeout(wait, 20);
          wait();
        });
        async function check() {
          const input = document.getElementById('search-input');
          input.value = 'approve plan';
          input.dispatchEvent(new Event('input', {bubbles: true}));
          const shown = document.querySelectorAll('#search-results li').length;
          document.querySelectorAll('.site-nav details').forEach(d => { d.open = true; });
          const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
          const d = document.documentElement;
          report({shown, wide: d.scrollWidth > d.clientWidth, violations: result.violations.map(v => v.id + ' at ' + v.nodes[0].target.join(' '))});
        }
        """

    struct AxeReport: Decodable {
        var shown: Int
        var wide: Bool
        var violations: [String]
    }

    @Test(.enabled(if: ExternalTool.available(.axe)), arguments: [1280, 390])
    func theOpenResultsHaveNoAccessibilityViolation(width: Int) async throws {
        let plan = try #require(await Build.plan(TestPaths.bundledPack).plan)
        let pages: Set<String> = ["roles/store-manager/index.html", "roles/store-manager/support-drafts.html", "sops/index.html", "index.html"]
        var subset = OutputPlan()
        for file in plan.files where !file.path.hasSuffix(".html") || pages.contains(file.path) { subset.add(file.path, data: file.contents) }
        let harness = try BrowserHarness.run(subset, width: width, probe: Self.axeProbe, scripts: [try #require(ExternalTool.axeScript)])
        #expect(harness.reports.count == pages.count)
        for (page, json) in harness.reports {
            let report = try JSONDecoder().decode(AxeReport.self, from: Data(json.utf8))
            #expect(report.shown > 0, "\(page): no results shown")
            #expect(report.violations.isEmpty, "\(page) at \(width) px: \(report.violations)")
            #expect(!report.wide, "\(page) scrolls sideways at \(width) px with the results open")
        }
    }

    struct Report: Decodable {
        var shown: Bool
        var results: [[String]]
        var first: Bool
        var second: Bool
        var back: Bool
        var status: String
        var cleared: Bool
    }

    @Test func eachRoleFindsTheRightSOPForTenQueriesAndNothingFromAnotherRolesBlock() async throws {
        let result = await Build.plan(TestPaths.bundledPack)
        let plan = try #require(result.plan)
        let handbooks = try #require(result.resolved?.handbooks)
        var asked: [String: [(query: String, sop: String?)]] = [:]
        for handbook in handbooks {
            let page = "roles/\(handbook.role.id)/index.html"
            asked[page] = Self.tenQueries(for: Set(handbook.sopIDs)).map { ($0.query, $0.sop) }
            #expect(asked[page]?.count == 10, "\(handbook.role.id) has too few SOPs for ten queries")
            for leak in Self.blockOnly where leak.holder == handbook.role.id || leak.other == handbook.role.id {
                asked[page, default: []].append((leak.query, leak.holder == handbook.role.id ? "support-drafts" : nil))
            }
        }
        asked["sops/index.html"] = Self.tenQueries(for: Set(result.resolved?.sops.map(\.sop.id) ?? [])).map { ($0.query, $0.sop) }
            + Self.blockOnly.map { ($0.query, "support-drafts") }
        let queriesJS = String(decoding: try JSONSerialization.data(withJSONObject: asked.mapValues { $0.map(\.query) }, options: .sortedKeys),
                               as: UTF8.self)
        var pages = OutputPlan()
        for file in plan.files where !file.path.hasSuffix(".html") || asked[file.path] != nil { pages.add(file.path, data: file.contents) }
        let harness = try BrowserHarness.run(pages, width: 1280, probe: "window.queries = \(queriesJS);\n" + Self.probe)
        #expect(harness.reports.count == asked.count)
        var firstPlace = 0, total = 0
        for (page, json) in harness.reports {
            let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
            let questions = try #require(asked[page])
            #expect(report.shown, "\(page): the search box stays hidden")
            #expect(report.results.count == questions.count, "\(page)")
            let folder = page == "sops/index.html" ? "sops/" : page.replacingOccurrences(of: "index.html", with: "")
            for (question, found) in zip(questions, report.results) {
                let sops = found.map { href in
                    String(href.dropFirst(page == "sops/index.html" ? 3 : 6).dropFirst(folder.count).prefix { $0 != "." })
                }
                guard let expected = question.sop else {
                    #expect(found.isEmpty, "\(page): '\(question.query)' is only in another role's block, yet found \(found)")
                    continue
                }
                total += 1
                if sops.first == expected { firstPlace += 1 }
                #expect(sops.prefix(3).contains(expected), "\(page): '\(question.query)' should find \(expected) in the top 3, found \(sops)")
                #expect(found.allSatisfy { $0.hasPrefix((page == "sops/index.html" ? "../" : "../../") + folder) }, "\(page): \(found)")
            }
            #expect(report.first && report.second && report.back, "\(page): arrow keys move through the results and back to the box")
            #expect(report.status.hasSuffix("results") || report.status.contains("shown"), "\(page): status '\(report.status)'")
            #expect(report.cleared, "\(page): Escape clears the box and the results")
        }
        // Every query finds its SOP in the top 3 (checked above); 102 of the 104 put it first.
        #expect(Double(firstPlace) >= Double(total) * 0.95, "\(firstPlace) of \(total) queries put the right SOP first")
    }
}
