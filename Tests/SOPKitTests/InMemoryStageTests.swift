import Foundation
import GFM
import Testing
@testable import SOPKit

/// Decode, validate, resolve and render on values built in memory: no pack folder, no theme folder,
/// no output folder. The disk stays for the loader, the writer and the end-to-end tests.
@Suite struct InMemoryStageTests {
    /// A theme small enough to read in a test: each page says what its model holds.
    static let theme: [String: Data] = [
        "layout.mustache": "<title>{{pageTitle}}</title>{{{navHTML}}}{{$content}}{{/content}}",
        "nav.mustache": "<nav>{{#navRoles}}<a href=\"{{href}}\">{{name}}</a>{{/navRoles}}</nav>",
        "home.mustache": "{{<layout}}{{$content}}{{#roles}}[{{name}}: {{sopCount}}]{{/roles}}{{/content}}{{/layout}}",
        "handbook.mustache": "{{<layout}}{{$content}}{{role.name}}|{{#sops}}{{title}} for {{audience}}{{/sops}}{{/content}}{{/layout}}",
        "sop.mustache": "{{<layout}}{{$content}}{{{sopHeaderHTML}}}{{{bodyHTML}}}{{/content}}{{/layout}}",
        "sop-header.mustache": "{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}",
        "print.mustache": "{{#sops}}{{{bodyHTML}}}{{/sops}}",
        "toc.mustache": "", "checklist.mustache": "", "checklist.md.mustache": "",
        "playbooks.mustache": "", "playbook.mustache": "", "review.mustache": "", "review.md.mustache": "", "automations.mustache": "",
        "check.mustache": "{{<layout}}{{$content}}{{#questions}}[{{prompt}}]{{/questions}}{{/content}}{{/layout}}",
        "check-sheet.mustache": "", "sign-off.mustache": "{{role.name}} {{version}}",
        "assets/sopgen.css": Data("body{}".utf8),
    ].mapValues { $0 as? Data ?? Data(($0 as! String).utf8) }

    static func loaded(_ files: [String: String]) -> LoadedPack {
        var loaded = LoadedPack(root: URL(fileURLWithPath: "/nonexistent-pack"),
                                files: Dictionary(uniqueKeysWithValues: files.map { ($0.key, SourceFile(path: $0.key, text: $0.value)) }))
        loaded.defaultTheme = theme
        return loaded
    }

    static func stages(_ files: [String: String]) async -> (resolved: ResolvedPack, plan: OutputPlan, diagnostics: [Diagnostic]) {
        let (pack, decoding) = await PackDecoder().decode(loaded(files))
        let validation = PackValidator(today: TestClock.today).validate(pack)
        let resolved = PackResolver().resolve(pack)
        let (plan, rendering) = await SiteRenderer().render(resolved)
        return (resolved, plan, decoding + validation + rendering)
    }

    @Test func aPackBuiltInMemoryRendersEveryPageWithNamesResolved() async throws {
        let (resolved, plan, diagnostics) = await Self.stages(PackFiles.base)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(resolved.handbooks.map(\.role.id) == ["admin", "agent"])
        #expect(plan.text("index.html")?.contains("[Site administrator: 1 SOP][Support agent: 1 SOP]") == true)
        let handbook = try #require(plan.text("roles/agent/index.html"))
        #expect(handbook.contains("Support agent|Guide for Site administrator, Support agent"))
        #expect(handbook.contains("<a href=\"../../roles/agent/index.html\">Support agent</a>"))
        let page = try #require(plan.text("roles/agent/guide.html"))
        #expect(page.contains("<dt>Owner</dt><dd>Site administrator</dd>"))
        #expect(page.contains("<p>Base text.</p>"))
        #expect(plan.file("assets/sopgen.css")?.contents == Data("body{}".utf8))
    }

    @Test func aThemeOverrideInThePackReplacesTheDefaultTemplate() async throws {
        var files = PackFiles.base
        files["templates/home.mustache"] = "{{<layout}}{{$content}}{{#roles}}<{{id}}>{{/roles}}{{/content}}{{/layout}}"
        let (_, plan, _) = await Self.stages(files)
        #expect(plan.text("index.html") == "<title>Test pack</title><nav><a href=\"roles/admin/index.html\">Site administrator</a>"
                + "<a href=\"roles/agent/index.html\">Support agent</a></nav><admin><agent>")
    }

    @Test func pageModelsCarryNamesNotIDs() async throws {
        var files = PackFiles.base
        files.merge(PackFiles.sop("orphans", audience: "[agent, ghost]", body: "Text.\n")) { $1 }
        let (pack, _) = await PackDecoder().decode(Self.loaded(files))
        let resolved = PackResolver().resolve(pack)
        let models = PageModelBuilder(resolved: resolved)
        let sop = try #require(resolved.sop("orphans"))
        // Resolved once, in the resolve stage: the renderer reads names, never ids.
        #expect(sop.names.audience == ["Support agent", "ghost"])
        #expect(sop.names.owner == "Site administrator")
        #expect(models.sopSummary(sop, href: "orphans.html").audience == "Support agent, ghost")
        #expect(models.sopHeader(sop).facts.map(\.value).contains("Site administrator"))
        #expect(models.roleNames(["admin", "agent", "ghost"]) == "Site administrator, Support agent or ghost")
        #expect(models.home().roles.map(\.sopCount) == ["1 SOP", "2 SOPs"])
    }

    @Test func aPackWithoutAThemeReportsTheMissingTemplatesAndRendersNothing() async {
        var loaded = Self.loaded(PackFiles.base)
        loaded.defaultTheme = [:]
        let (pack, _) = await PackDecoder().decode(loaded)
        let (plan, diagnostics) = await SiteRenderer().render(PackResolver().resolve(pack))
        #expect(diagnostics.filter { $0.code == .missingTemplate }.count == ThemeLibrary.pageTemplates.count)
        #expect(plan.text("index.html") == "")
    }
}
