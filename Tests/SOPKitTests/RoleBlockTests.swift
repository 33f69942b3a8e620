import Testing
@testable import SOPKit

@Suite struct RoleBlockTests {
    let body = """
        Everyone reads this.

        ::: for admin
        Admin only.
        :::

        ::: except admin
        Not for admins.
        :::

        """

    @Test func blocksAppearOnlyInTheirRolesViews() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let admin = try #require(plan.text("roles/admin/guide.html"))
        let agent = try #require(plan.text("roles/agent/guide.html"))
        #expect(admin.contains("Everyone reads this."))
        #expect(admin.contains("Admin only."))
        #expect(!admin.contains("Not for admins."))
        #expect(agent.contains("Not for admins."))
        #expect(!agent.contains("Admin only."))
        #expect(!agent.contains("role-block"))
    }

    @Test func trainerViewShowsEveryBlockInALabelledBox() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let trainer = try #require(result.plan?.text("sops/guide.html"))
        #expect(trainer.contains("""
            <aside class="role-block role-block-for" data-roles="admin">
            <p class="role-block-label">Only for: Site administrator</p>
            <p>Admin only.</p>
            </aside>
            """))
        #expect(trainer.contains("""
            <aside class="role-block role-block-except" data-roles="admin">
            <p class="role-block-label">Everyone except: Site administrator</p>
            <p>Not for admins.</p>
            </aside>
            """))
    }

    @Test func printHandbookFollowsTheRolesView() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let print = try #require(result.plan?.text("roles/agent/print.html"))
        #expect(print.contains("Not for admins."))
        #expect(!print.contains("Admin only."))
    }

    @Test func blockInsideCodeFenceIsCode() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: "```\n::: for admin\nshown as code\n:::\n```\n")))
        let agent = try #require(result.plan?.text("roles/agent/guide.html"))
        #expect(agent.contains("<pre><code>::: for admin\nshown as code\n:::\n</code></pre>"))
    }

    @Test func nestedBlocksNeedBothConditions() async throws {
        let nested = "::: except agent\nouter\n\n::: for admin\ninner\n:::\n:::\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: nested)))
        let admin = try #require(result.plan?.text("roles/admin/guide.html"))
        let agent = try #require(result.plan?.text("roles/agent/guide.html"))
        #expect(admin.contains("outer") && admin.contains("inner"))
        #expect(!agent.contains("outer") && !agent.contains("inner"))
    }
}
