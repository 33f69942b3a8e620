import GFM
import Testing
@testable import SOPKit

/// Readers whose views of an SOP are alike share one rendering (`SOPViewRenderer.viewGroups`):
/// every shared view must be the very view rendered for that reader alone, and readers whose
/// views differ in anything (a role block, a value, a link to an SOP one of them cannot read)
/// must not share.
@Suite struct SharedViewTests {
    /// Every page view and print view of every SOP of the bundled pack and the fixture packs.
    @Test func sharedViewsAreEachReadersOwnInEveryPack() async throws {
        var shared = 0, views = 0
        for pack in [TestPaths.bundledPack] + ["harbour-mini", "agency-overrides", "agency-source", "client-target", "mistakes"].map(TestPaths.fixturePack) {
            let result = await Build.plan(pack)
            let resolved = try #require(result.resolved, "\(pack.path)")
            let sharing = SOPViewRenderer(resolved: resolved)
            var alone = sharing
            alone.sharesViews = false
            for item in resolved.sops {
                let readers = sharing.readers(of: item)
                let (together, apart) = (sharing.render(item), alone.render(item))
                #expect(together.trainer == apart.trainer, "\(item.sop.path)")
                #expect(together.roles == apart.roles, "\(item.sop.path)")
                #expect(sharing.printViews(item, roles: readers) == alone.printViews(item, roles: readers), "\(item.sop.path)")
                // Pages and print views asked for together (a build's way) are rendered together.
                let (both, bothApart) = (sharing.render(item, printRoles: readers), alone.render(item, printRoles: readers))
                #expect(both.roles == bothApart.roles && both.prints == bothApart.prints && both.trainer == apart.trainer, "\(item.sop.path)")
                let groups = sharing.viewGroups(of: item, for: [nil] + readers)
                views += readers.count + 1
                shared += readers.count + 1 - groups.count
            }
        }
        // Sharing happens on these packs (12 of the 100 views of the bundled pack and the fixture
        // packs when this was written: most of their SOPs hold a role block, a role value or a
        // link some readers cannot follow).
        #expect(shared >= 10, "\(shared) of \(views) views shared")
    }

    /// Role names by group, for a pack whose SOP `guide` has `body` and whose SOP `other`
    /// (linked from some bodies) only admins read. Roles: admin, agent, lead.
    func groups(_ body: String) async throws -> [[String]] {
        // The base pack's admin and agent, and a lead with the agent's values but for the name.
        var files = PackFiles.pack(["roles.yml": PackFiles.base["roles.yml"]!
            + "  - id: lead\n    name: Team lead\n    capabilities: {copilot: read}\n    escalates_to: admin\n"])
        files.merge(PackFiles.sop(audience: "[admin, agent, lead]", body: body)) { $1 }
        files.merge(PackFiles.sop("other", audience: "[admin]", body: "## Rules\n\nText.\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        let resolved = try #require(result.resolved)
        let item = try #require(resolved.sop("guide"))
        let renderer = SOPViewRenderer(resolved: resolved)
        var alone = renderer
        alone.sharesViews = false
        let readers = renderer.readers(of: item)
        #expect(renderer.render(item).roles == alone.render(item).roles)
        #expect(renderer.printViews(item, roles: readers) == alone.printViews(item, roles: readers))
        return renderer.viewGroups(of: item, for: [nil] + readers).map { $0.map { $0 ?? "trainer" } }
    }

    @Test func plainTextIsOneViewForEveryone() async throws {
        #expect(try await groups("## Steps\n\nDo the thing.\n") == [["trainer", "admin", "agent", "lead"]])
    }

    @Test func aLinkToAnSOPSomeReadersCannotReadParts() async throws {
        // Agents and leads have no view of `other`: their link leads to the trainer view.
        #expect(try await groups("See [rules](other.md#rules).\n") == [["trainer", "admin"], ["agent", "lead"]])
    }

    @Test func aRoleBlockPartsWhoSeesIt() async throws {
        let body = "Text.\n\n::: for agent\nAgents only.\n:::\n"
        // The trainer view labels the block: it is its own.
        #expect(try await groups(body) == [["trainer"], ["admin", "lead"], ["agent"]])
    }

    @Test func aValueThatDiffersByRolePartsAndOneThatDoesNotKeepsTogether() async throws {
        #expect(try await groups("You escalate to {{role.escalates_to}}.\n") == [["trainer"], ["admin"], ["agent", "lead"]])
        #expect(try await groups("Work on {{site.production_url}}.\n") == [["trainer", "admin", "agent", "lead"]])
        #expect(try await groups("You read this as {{role.name}}.\n") == [["trainer"], ["admin"], ["agent"], ["lead"]])
    }

    @Test func aLinkBuiltFromAValueKeepsEachReaderApart() async throws {
        #expect(try await groups("[Shop]({{site.production_url}}/wp-admin)\n") == [["trainer"], ["admin"], ["agent"], ["lead"]])
    }
}
