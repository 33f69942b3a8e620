import Foundation
import Testing
@testable import SOPKit

@Suite struct ChecklistTests {
    func bundled() async throws -> OutputPlan {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: MistakesPackTests.today).plan()
        return try #require(result.plan, "\(Build.diagnosticsText(result))")
    }

    @Test func buildWritesEveryChecklistInThreeFormatsLinkedFromHome() async throws {
        let plan = try await bundled()
        for kind in ["rollout", "first-run"] {
            for format in ["html", "md", "json"] {
                #expect(plan.file("checklists/harbour-store/\(kind).\(format)") != nil, "missing \(kind).\(format)")
            }
            #expect(plan.text("index.html")?.contains("href=\"checklists/harbour-store/\(kind).html\"") == true)
        }
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema)), arguments: ["rollout", "first-run"])
    func jsonValidatesAgainstTheSchema(kind: String) async throws {
        let json = try #require(try await bundled().text("checklists/harbour-store/\(kind).json"))
        #expect(try JSONSchemaValidator.validate(json, against: "checklist.schema.json") == "valid")
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema))) func schemaRejectsAChecklistWithoutTheSevenFacts() throws {
        let broken = #"{"format": 1, "checklist": "x", "title": "X", "pack": "P", "inputHash": "0123456789ab", "site": {"id": "s", "name": "S", "facts": [], "details": []}, "blocking": [], "sections": [{"title": "", "items": []}], "signOff": ["A"]}"#
        #expect(try JSONSchemaValidator.validate(broken, against: "checklist.schema.json").contains("[] is too short at site/facts"))
    }

    @Test func htmlHasTheRecordThenItemsThenSignOffAndAFooter() async throws {
        let html = try #require(try await bundled().text("checklists/harbour-store/first-run.html"))
        let record = try #require(html.range(of: "<h2 id=\"record-title\">Site record</h2>"))
        let firstItem = try #require(html.range(of: "first-run-1.1"))
        let signOff = try #require(html.range(of: "<h2 id=\"sign-off-title\">Sign-off</h2>"))
        #expect(record.lowerBound < firstItem.lowerBound && firstItem.lowerBound < signOff.lowerBound)
        #expect(html.contains("<th scope=\"row\">Operations lead</th>"))
        #expect(html.contains("@bottom-left { content: \"SophMate rollout handbook · Harbour \\26  Vine online store · First-run checklist · inputs "))
        #expect(html.contains("counter(page) \" of \" counter(pages)"))
        #expect(html.contains("SophMate 2.4.1 is active on production and staging"))
        #expect(!html.contains("blocking-title"))
    }

    /// A checklist item's link to an SOP leads to its trainer view (a checklist is for everyone),
    /// and is checked as an SOP's link is, by `build` and `check` alike.
    @Test func itemLinksToSOPsLeadToTheTrainerViewAndAreChecked() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] Follow [the guide](../procedures/guide.md#steps), [it](/procedures/guide.md) and [web](https://example.com/a.md).\n",
        ])
        files.merge(PackFiles.sop(body: "## Steps\n\nText.\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let html = try #require(plan.text("checklists/shop/rollout.html"))
        #expect(html.contains("<a href=\"../../sops/guide.html#steps\">the guide</a>, <a href=\"../../sops/guide.html\">it</a> and <a href=\"https://example.com/a.md\">web</a>"), "\(html)")
        #expect(plan.file("sops/guide.html") != nil)

        files["checklists/rollout.md"] = "## Do\n\n- [ ] Follow [the guide](../procedures/guid.md) and\n  [its steps](../procedures/guide.md#step).\n"
        let (built, checked) = await Build.planAndCheck(files: files)
        let expected = """
            checklists/rollout.md:3:14: error: link to 'procedures/guid.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? [broken-link]
                - [ ] Follow [the guide](../procedures/guid.md) and
                             ^
            checklists/rollout.md:4:3: error: 'procedures/guide.md' has no heading with id 'step'; did you mean 'steps'? [broken-anchor]
                  [its steps](../procedures/guide.md#step).
                  ^
            2 errors, 0 warnings

            """
        #expect(built.plan == nil)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }

    /// A link built from a site value is checked as each site's page writes it; a role's or an
    /// SOP's value, or a role block from a snippet, has no place on a page printed for a site.
    @Test func itemsBuiltFromValuesAreCheckedPerSiteAndRoleValuesAreErrors() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] [a](../procedures/guide.md#{{site.id}}) [b](../procedures/{{site.id}}.md) [c](../procedures/guide.md?v={{site.sophmate_version}}#steps)\n- [ ] For {{role.name}} on [d](../procedures/{{sop.id}}.md)\n- [ ] {{> roles}}\n- [ ] {{role.id}} [f](../procedures/{{site.name}}.md)\n",
            "snippets/roles.md": "Shared.\n\n::: for admin\nAdmins only.\n:::\n",
        ])
        files.merge(PackFiles.sop(body: "## Steps\n\nText.\n")) { $1 }
        let expected = """
            snippets/roles.md:3:1: error: a role block in a checklist item would show its text to everyone: a checklist is printed for a site, not for a role; keep role blocks to SOPs [misplaced-block]
                ::: for admin
                ^
            checklists/rollout.md:3:7: error: 'procedures/guide.md' has no heading with id 'shop' (for site 'shop') [broken-anchor]
                - [ ] [a](../procedures/guide.md#{{site.id}}) [b](../procedures/{{site.id}}.md) [c](../procedures/guide.md?v={{site.sophmate_version}}#steps)
                      ^
            checklists/rollout.md:3:47: error: link to 'procedures/shop.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? (for site 'shop') [broken-link]
                - [ ] [a](../procedures/guide.md#{{site.id}}) [b](../procedures/{{site.id}}.md) [c](../procedures/guide.md?v={{site.sophmate_version}}#steps)
                                                              ^
            checklists/rollout.md:4:11: error: '{{role.name}}' has no value in a checklist item: a checklist is printed for a site, not for a role or an SOP; use a pack.… or site.… value [unknown-value]
                - [ ] For {{role.name}} on [d](../procedures/{{sop.id}}.md)
                          ^
            checklists/rollout.md:4:46: error: '{{sop.id}}' has no value in a checklist item: a checklist is printed for a site, not for a role or an SOP; use a pack.… or site.… value [unknown-value]
                - [ ] For {{role.name}} on [d](../procedures/{{sop.id}}.md)
                                                             ^
            checklists/rollout.md:6:7: error: '{{role.id}}' has no value in a checklist item: a checklist is printed for a site, not for a role or an SOP; use a pack.… or site.… value [unknown-value]
                - [ ] {{role.id}} [f](../procedures/{{site.name}}.md)
                      ^
            checklists/rollout.md:6:19: error: link to 'procedures/Shop.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? (for site 'shop') [broken-link]
                - [ ] {{role.id}} [f](../procedures/{{site.name}}.md)
                                  ^
            7 errors, 0 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(built.plan == nil)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)

        // Fixed, the site's values lead to the SOP's heading.
        files["checklists/rollout.md"] = "## Do\n\n- [ ] [c](../procedures/guide.md?v={{site.sophmate_version}}#steps) [e](../procedures/guide.md#{{site.id}})\n"
        files.merge(PackFiles.sop(body: "## Steps\n\n## Shop\n\nText.\n")) { $1 }
        let (fixed, _) = await Build.plan(files: files)
        let plan = try #require(fixed.plan, "\(Build.diagnosticsText(fixed))")
        #expect(plan.text("checklists/shop/rollout.html")?.contains("<a href=\"../../sops/guide.html#steps\">c</a> <a href=\"../../sops/guide.html#shop\">e</a>") == true)
    }

    /// A link built from a site value that breaks on many sites is one error naming them, to a
    /// file or to a heading (helper 37); a site that lacks the value has its `missing-site-value`
    /// (the cause) and no error for what the value decides: the file, or only the heading. A value
    /// in the query or the fragment does not decide the file (helper 37: `nope.md?v={{…}}` was
    /// let through), in a checklist and in an SOP alike.
    @Test func aLinkBrokenForManySitesIsOneErrorAndALackedValueOnlyItsCause() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] [b](../procedures/{{site.id}}.md) [s](../procedures/guide.md#{{site.staging_url}})\n",
            "sopgen.yml": "title: T\ndefault_site: bare\n",
        ])
        for number in 1...7 { files["sites/shop-\(number).yml"] = files["sites/shop.yml"] }
        files["sites/bare.yml"] = files["sites/shop.yml"]!.split(separator: "\n").filter { !$0.hasPrefix("staging_url") }.joined(separator: "\n") + "\n"
        files.merge(PackFiles.sop(body: "## Steps\n\nSee [staging](guide.md#{{site.staging_url}}).\n\n[q](nope.md?v={{site.staging_url}}) [f](nope.md#{{site.staging_url}})\n")) { $1 }
        let expected = """
            sites/bare.yml:1:1: warning: Staging URL is not recorded for Shop; record it before rollout [missing-rollout-fact]
                name: Shop
                ^
            procedures/guide.md:11:24: warning: '{{site.staging_url}}' renders as "(not recorded)": no staging_url in sites/bare.yml [missing-site-value]
                See [staging](guide.md#{{site.staging_url}}).
                                       ^
            procedures/guide.md:13:1: error: link to 'procedures/nope.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? (1 more use: procedures/guide.md:13:37) [broken-link]
                [q](nope.md?v={{site.staging_url}}) [f](nope.md#{{site.staging_url}})
                ^
            procedures/guide.md:13:15: warning: '{{site.staging_url}}' renders as "(not recorded)": no staging_url in sites/bare.yml [missing-site-value]
                [q](nope.md?v={{site.staging_url}}) [f](nope.md#{{site.staging_url}})
                              ^
            procedures/guide.md:13:49: warning: '{{site.staging_url}}' renders as "(not recorded)": no staging_url in sites/bare.yml [missing-site-value]
                [q](nope.md?v={{site.staging_url}}) [f](nope.md#{{site.staging_url}})
                                                                ^
            checklists/rollout.md:3:7: error: link to 'procedures/bare.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? (for site 'bare'; also for 8 more sites: 'shop-1' ('procedures/shop-1.md'), 'shop-2' ('procedures/shop-2.md'), 'shop-3' ('procedures/shop-3.md'), 'shop-4' ('procedures/shop-4.md'), 'shop-5' ('procedures/shop-5.md'), …) [broken-link]
                - [ ] [b](../procedures/{{site.id}}.md) [s](../procedures/guide.md#{{site.staging_url}})
                      ^
            checklists/rollout.md:3:41: error: 'procedures/guide.md' has no heading with id 'https://staging.shop.example' (for site 'shop-1'; also for 7 more sites: 'shop-2', 'shop-3', 'shop-4', 'shop-5', 'shop-6', …) [broken-anchor]
                - [ ] [b](../procedures/{{site.id}}.md) [s](../procedures/guide.md#{{site.staging_url}})
                                                        ^
            checklists/rollout.md:3:68: warning: '{{site.staging_url}}' renders as "(not recorded)": no staging_url in sites/bare.yml [missing-site-value]
                - [ ] [b](../procedures/{{site.id}}.md) [s](../procedures/guide.md#{{site.staging_url}})
                                                                                   ^
            3 errors, 5 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }

    /// A snippet a checklist includes is printed for every site, so a value some site's record
    /// lacks is reported in it, not only for the default site.
    @Test func aSnippetInAChecklistHasItsValuesCheckedForEverySite() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] {{> staging}}\n",
            "snippets/staging.md": "Test on {{site.staging_url}} first.\n",
        ])
        files["sites/bare.yml"] = files["sites/shop.yml"]!.split(separator: "\n").filter { !$0.hasPrefix("staging_url") }.joined(separator: "\n") + "\n"
        let (built, _) = await Build.plan(files: files)
        #expect(Build.diagnosticsText(built).contains("""
            snippets/staging.md:1:9: warning: '{{site.staging_url}}' renders as "(not recorded)": no staging_url in sites/bare.yml [missing-site-value]
                Test on {{site.staging_url}} first.
                        ^
            """), "\(Build.diagnosticsText(built))")
    }

    /// A link written to an SOP's page that a site's value turns into something else (a query, a
    /// heading, a web address) leads nowhere: a `broken-link`, not a link left as written (helper 37);
    /// one that starts with a value is what the value makes it (`{{site.production_url}}/a.md`, helper 38).
    @Test func aValueThatTurnsAnSOPLinkIntoAnotherKindIsABrokenLink() async throws {
        var files = PackFiles.pack(["checklists/rollout.md": "## Do\n\n- [ ] [n](../procedures/{{site.name}}.md) [r]({{site.production_url}}/README.md)\n"])
        files["sites/shop.yml"] = files["sites/shop.yml"]!.replacingOccurrences(of: "name: Shop", with: "name: 'shop?v=2'")
        files.merge(PackFiles.sop(body: "## Steps\n\n[n]({{site.name}}.md) [m](https://{{site.name}}.example/a.md) [r]({{site.production_url}}/README.md)\n")) { $1 }
        let (built, checked) = await Build.planAndCheck(files: files)
        let expected = """
            procedures/guide.md:11:1: error: link to 'shop?v=2.md', which is not an SOP of this pack [broken-link]
                [n]({{site.name}}.md) [m](https://{{site.name}}.example/a.md) [r]({{site.production_url}}/README.md)
                ^
            checklists/rollout.md:3:7: error: link to '../procedures/shop?v=2.md', which is not an SOP of this pack (for site 'shop') [broken-link]
                - [ ] [n](../procedures/{{site.name}}.md) [r]({{site.production_url}}/README.md)
                      ^
            2 errors, 0 warnings

            """
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }

    /// A line indented by a tab continues an item as one indented by spaces (helper 52: it was
    /// taken for the section's introduction and printed above the list).
    @Test func aLineIndentedByATabContinuesTheItem() async throws {
        let files = PackFiles.pack(["checklists/rollout.md": "## Do\n\n- [ ] a\n\tcontinued with a tab\n \tand a space and a tab\n- [ ] z\n"])
        let (result, _) = await Build.plan(files: files)
        let json = try #require(result.plan?.text("checklists/shop/rollout.json"), "\(Build.diagnosticsText(result))")
        let document = try JSONDecoder().decode(ChecklistDocument.self, from: Data(json.utf8))
        #expect(document.sections.map(\.intro) == [nil])
        #expect(document.sections.flatMap(\.items).map(\.text) == ["a\ncontinued with a tab\nand a space and a tab", "z"])
    }

    @Test func blockingItemsComeFirstAndMatchCheck() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] Record {{site.staging_url}} for <b>{{site.name}}</b>\n",
            "sopgen.yml": "title: T\ndefault_site: shop\nrequirements:\n  php: \"8.3\"\n",
        ])
        files["sites/shop.yml"] = """
            name: '<script>x</script>'
            production_url: https://shop.example
            staging_url: https://shop.example/
            sophmate_version: 2.4.1
            sophmate_active: false
            wordpress_version: 6.8.1
            php_version: 8.2.28
            active_theme: Storefront
            rollback_path: Backups.

            """
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let json = try #require(plan.text("checklists/shop/rollout.json"))
        let document = try JSONDecoder().decode(ChecklistDocument.self, from: Data(json.utf8))
        #expect(document.blocking.map(\.code.rawValue) == ["missing-rollout-fact", "staging-is-production", "sophmate-inactive", "version-below-minimum"])
        #expect(document.site.facts.first { $0.key == "setup_owner" }?.value == nil)
        // And the item's raw HTML, left out of all three versions.
        #expect(Set(result.diagnostics.map(\.code.rawValue)) == Set(document.blocking.map(\.code.rawValue) + ["raw-html"]))
        // A value lands in the JSON's Markdown escaped for it, as in the `.md`.
        #expect(document.sections.flatMap(\.items).map(\.text) == ["Record https://shop.example/ for \\<script\\>x\\</script\\>"])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })

        let html = try #require(plan.text("checklists/shop/rollout.html"))
        #expect(html.range(of: "blocking-title")!.lowerBound < html.range(of: "rollout-1.1")!.lowerBound)
        #expect(html.contains("<strong>NOT RECORDED</strong>"))
        #expect(html.contains("Record https://shop.example/ for <!-- raw HTML omitted -->&lt;script&gt;x&lt;/script&gt;<!-- raw HTML omitted -->"))
        #expect(!html.contains("<script>"))
        let markdown = try #require(plan.text("checklists/shop/rollout.md"))
        #expect(markdown.contains("| Setup owner | **NOT RECORDED** |"))
        #expect(markdown.contains("- [ ] SophMate is not active on \\<script\\>x\\</script\\>; activate it before rollout"))
        #expect(markdown.contains("- [ ] Record https://shop.example/ for \\<script\\>x\\</script\\>\n"))
    }

    /// Every item of the seeds' "Production checklist" and "Acceptance checks", with words that
    /// must all appear in one item of the bundled checklists.
    static let seedItems: [(seed: String, words: [String])] = [
        ("000 checklist: remove secrets, customer data, private policies, provider assumptions before export", ["secrets", "customer data", "private policies", "source site"]),
        ("000 checklist: localise imported playbooks (roles, Knowledge Base, WooCommerce rules, approval policy, provider setup)", ["localised", "roles", "Knowledge Base", "WooCommerce rules", "approval policy", "provider setup"]),
        ("000 checklist: define trigger, owner, input, output, approval, retry, failure notification, kill switch before automation", ["trigger", "owner", "input data", "output", "approval requirement", "retry", "failure notification", "kill switch"]),
        ("000 checklist: read-only or staging runs until traces and audit records are reviewed", ["traces", "audit records", "reviewed"]),
        ("000 acceptance: imported playbook runs read-only or in staging before production", ["Imported playbooks run read-only or in staging"]),
        ("000 acceptance: source site, export date, local changes, owner, first-run result identifiable", ["source site", "export date", "owner", "local changes", "first-run result"]),
        ("000 acceptance: named owner who can pause it and explain its last run", ["named owner", "pause", "last run"]),
        ("000 acceptance: failures give audit, diagnostics and notification context", ["failure", "audit", "diagnostics", "notification context"]),
        ("002 checklist: role-specific SOPs for Copilot, support drafts, product copy, Theme Assistant, approvals, incident escalation", ["Role-specific SOPs", "Copilot", "support drafts", "product copy", "Theme Assistant", "approvals", "incident escalation"]),
        ("002 checklist: review first-week prompts, rejected plans, approvals, support drafts, audit records", ["first-week review", "prompts", "rejected plans", "approvals", "support drafts", "audit records"]),
        ("002 checklist: record setup owner, URLs, versions and active theme before rollout", ["setup owner", "site record"]),
        ("002 checklist: team can reach diagnostics and support and knows where to pause high-risk activity", ["reach Diagnostics", "support", "pause high-risk activity"]),
        ("002 acceptance: operators know when to ask, approve, reject, escalate or stop", ["ask, approve, reject, escalate or stop"]),
        ("002 acceptance: SOPs updated when users miss context, risk, role limits, support paths", ["update an SOP", "context", "risk", "role limits", "support paths"]),
        ("002 acceptance: trusted administrator can repeat the setup without private notes", ["trusted administrator", "repeated the setup", "private notes"]),
        ("002 acceptance: documented rollback or support path before write-capable workflows", ["rollback or support path", "write-capable workflow"]),
    ]

    @Test func everySeedChecklistItemAndAcceptanceCheckIsTraceable() async throws {
        let plan = try await bundled()
        var items: [String] = []
        for kind in ["rollout", "first-run"] {
            let document = try JSONDecoder().decode(ChecklistDocument.self, from: try #require(plan.file("checklists/harbour-store/\(kind).json")).contents)
            items += document.sections.flatMap(\.items).map(\.text)
        }
        #expect(Self.seedItems.count == 16)
        for (seed, words) in Self.seedItems {
            let match = items.first { item in words.allSatisfy { item.localizedCaseInsensitiveContains($0) } }
            #expect(match != nil, "no checklist item covers: \(seed)")
        }
    }
}
