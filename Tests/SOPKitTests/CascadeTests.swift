import Foundation
import Testing
@testable import SOPKit

/// Issue 8, item 22: one mistake, one error. Consequences of a reported cause are not reported
/// again at every place that depends on it, and the cause sorts first.
@Suite struct CascadeTests {
    func report(_ overrides: [String: String], render: Bool = false) async -> [String] {
        await InMemoryPack.diagnostics(PackFiles.pack(overrides), render: render).map { "\($0.location): \($0.message) [\($0.code)]" }
    }

    /// Four SOPs that use six site values each.
    var siteValues: [String: String] {
        var files: [String: String] = [:]
        for id in ["one", "two", "three", "four"] {
            files.merge(PackFiles.sop(id, body: String(repeating: "{{site.name}} at {{site.production_url}}.\n", count: 3))) { $1 }
        }
        return files
    }

    @Test func defaultSiteTypoIsOneErrorNotTwentyFive() async {
        let lines = await report(siteValues.merging(["sopgen.yml": "title: T\ndefault_site: shpo\n"]) { $1 }, render: true)
        #expect(lines == ["sopgen.yml:2:15: unknown site 'shpo' in default_site; did you mean 'shop'? [unknown-site]"])
    }

    @Test func noDefaultSiteIsOneErrorHoweverManyValuesNeedIt() async {
        var files = siteValues.merging(["sopgen.yml": "title: T\n"]) { $1 }
        files["sites/other.yml"] = PackFiles.base["sites/shop.yml"]!
        let lines = await report(files)
        #expect(lines == [
            "procedures/four.md:9:1: '{{site.name}}' needs a site: add sites/<id>.yml and set default_site in sopgen.yml (23 more uses: procedures/four.md:9:18, procedures/four.md:10:1, procedures/four.md:10:18, …) [no-site]",
        ], "\(lines)")
    }

    @Test func brokenSiteRecordIsTheOnlyError() async {
        let lines = await report(siteValues.merging(["sites/shop.yml": "name: [unclosed\n"]) { $1 }, render: true)
        #expect(lines == ["sites/shop.yml:1:7: invalid YAML: the flow sequence '[' opened at 1:7 is not closed "
                          + "(did not find expected ',' or ']' at 2:1) [yaml-syntax]"])
    }

    @Test func brokenSettingsFileDoesNotCascadeIntoSiteErrors() async {
        var files = siteValues.merging(["sopgen.yml": "title: [T\n"]) { $1 }
        files["sites/other.yml"] = PackFiles.base["sites/shop.yml"]!
        #expect(await report(files).map { $0.hasSuffix("[yaml-syntax]") } == [true])
    }

    let refundsPolicy = """
        policies:
          - id: refunds
            action: Refund an order
            surface: copilot
            risk: low
            approvers: [admin]
            mode: read-only

        """

    func sopsUsing(policy: String) -> [String: String] {
        var files: [String: String] = [:]
        for id in ["one", "two", "three"] {
            files.merge(PackFiles.sop(id, body: "x\n").mapValues { $0.replacingOccurrences(of: "owner: admin", with: "owner: admin\npolicies: [\(policy)]") }) { $1 }
        }
        return files
    }

    @Test func brokenPoliciesFileDoesNotCascadeIntoUnknownPolicies() async {
        let lines = await report(sopsUsing(policy: "refunds").merging(["policies.yml": "policies: [\n"]) { $1 })
        #expect(lines.map { $0.hasSuffix("[yaml-syntax]") } == [true], "\(lines)")
    }

    @Test func policyWithAnErrorIsStillDeclared() async {
        let broken = refundsPolicy.replacingOccurrences(of: "risk: low", with: "risk: lo")
        let lines = await report(sopsUsing(policy: "refunds").merging(["policies.yml": broken]) { $1 })
        #expect(lines == [
            "policies.yml:5:11: 'lo' is not a valid risk; expected one of low, medium, high; did you mean 'low'? [invalid-value]",
        ], "\(lines)")
    }

    @Test func sameUnknownPolicyFromManyPlacesIsOneError() async {
        let lines = await report(sopsUsing(policy: "refund").merging(["policies.yml": refundsPolicy]) { $1 })
        #expect(lines == [
            "procedures/one.md:6:12: unknown policy 'refund' in policies; did you mean 'refunds'? (2 more uses: procedures/three.md:6:12, procedures/two.md:6:12) [unknown-policy]",
        ], "\(lines)")
    }

    @Test func roleMisspeltWhereItIsDefinedIsOneError() async {
        let roles = PackFiles.base["roles.yml"]!.replacingOccurrences(of: "id: agent", with: "id: agnet")
        var files = ["roles.yml": roles]
        for id in ["one", "two"] {
            files.merge(PackFiles.sop(id, audience: "[admin, agnet, agent]", body: "::: for agent\nx\n:::\n")) { $1 }
        }
        let lines = await report(files)
        #expect(lines == [
            "procedures/guide.md:4:19: unknown role 'agent' in audience; did you mean 'agnet'? (4 more uses: procedures/one.md:4:26, procedures/one.md:9:9, procedures/two.md:4:26, …) [unknown-role]",
        ], "\(lines)")
    }

    @Test func sopThatCannotBeReadIsNotABrokenLink() async {
        var files = PackFiles.sop("one", body: "See [two](two.md) and [three](three.md).\n")
        files["procedures/two.md"] = "no front matter\n"
        let lines = await report(files, render: true)
        #expect(lines == [
            "procedures/one.md:9:23: link to 'procedures/three.md', which is not an SOP of this pack; did you mean 'procedures/guide.md'? [broken-link]",
            "procedures/two.md:1:1: an SOP starts with '---' front matter (title, surface, audience, owner…) [missing-front-matter]",
        ], "\(lines)")
    }

    @Test func unreadableSnippetIsNotAnUnknownSnippet() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop(body: "{{> steps}}\n").merging(PackFiles.sop("two", body: "{{> steps}}\n")) { $1 }))
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("snippets"), withIntermediateDirectories: true)
        try Data([0x66, 0xFF, 0x0A]).write(to: folder.url.appendingPathComponent("snippets/steps.md"))
        let result = await Pipeline(packRoot: folder.url, today: MistakesPackTests.today).plan()
        #expect(result.diagnostics.map(\.code.rawValue) == ["invalid-utf8"])
    }

    @Test func causesSortBeforeTheirConsequences() {
        let paths = ["playbooks/p.yml", "procedures/a.md", "checklists/c.md", "templates/t.mustache", "snippets/s.md",
                     "sites/s.yml", "policies.yml", "roles.yml", "sopgen.yml"]
        let sorted = paths.map { Diagnostic.error(.unknownRole, "m", at: SourceLocation(path: $0)) }.sorted().map(\.location.path)
        #expect(sorted == ["sopgen.yml", "roles.yml", "policies.yml", "sites/s.yml", "snippets/s.md", "templates/t.mustache",
                           "procedures/a.md", "checklists/c.md", "playbooks/p.yml"])
    }

    @Test func partialWithASyntaxErrorIsNotAnUnknownPartial() async {
        let files = ["templates/sidebar.mustache": "{{#open}}\n", "templates/home.mustache": "{{> sidebar}}\n"]
        let lines = await report(files, render: true)
        #expect(lines == ["templates/sidebar.mustache:2:1: invalid Mustache template: expectedSectionEnd [template-syntax]"], "\(lines)")
    }
}

