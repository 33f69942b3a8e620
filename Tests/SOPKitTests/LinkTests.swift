import Testing
import Foundation
@testable import SOPKit

@Suite struct LinkTests {
    func build() async throws -> OutputPlan {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: "## Refunds\n\nSee [policy](policy.md#rules), [here](#refunds) and [web](https://example.com).\n")) { $1 }
        files.merge(PackFiles.sop("policy", audience: "[admin]", body: "## Rules\n\nBack to [replies](replies.md).\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        return try #require(result.plan, "\(Build.diagnosticsText(result))")
    }

    @Test func linksPointAtTheRolesOwnPageWhenItHasOne() async throws {
        let plan = try await build()
        #expect(plan.text("roles/admin/replies.html")?.contains("<a href=\"policy.html#rules\">policy</a>") == true)
        #expect(plan.text("roles/admin/policy.html")?.contains("<a href=\"replies.html\">replies</a>") == true)
    }

    @Test func linksFallBackToTheTrainerViewWhenTheRoleHasNoSuchSOP() async throws {
        let plan = try await build()
        #expect(plan.text("roles/agent/replies.html")?.contains("<a href=\"../../sops/policy.html#rules\">policy</a>") == true)
    }

    @Test func trainerViewLinksStayBetweenTrainerPages() async throws {
        let plan = try await build()
        let trainer = try #require(plan.text("sops/replies.html"))
        #expect(trainer.contains("<a href=\"policy.html#rules\">policy</a>"))
        #expect(trainer.contains("<a href=\"#refunds\">here</a>"))
        #expect(trainer.contains("<a href=\"https://example.com\">web</a>"))
    }

    @Test func printHandbookLinksToSectionsOfTheSamePage() async throws {
        let plan = try await build()
        let print = try #require(plan.text("roles/admin/print.html"))
        #expect(print.contains("<a href=\"#policy--rules\">policy</a>"))
        #expect(print.contains("<a href=\"#replies--refunds\">here</a>"))
        #expect(print.contains("<h2 id=\"policy--rules\">Rules</h2>"))
        #expect(print.contains("<article class=\"sop print-sop\" id=\"policy\">"))
    }

    /// A link from the pack's root, with a query or with an encoded dot leads to the SOP's page
    /// like any other (once written as it was: a dead link), and is checked like any other.
    @Test func rootedQueriedAndEncodedLinksAreRewrittenAndChecked() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: "[a](/procedures/policy.md#rules), [b](policy.md?v=2#rules), [c](policy%2Emd).\n")) { $1 }
        files.merge(PackFiles.sop("policy", body: "## Rules\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let page = try #require(plan.text("roles/admin/replies.html"))
        #expect(page.contains("<a href=\"policy.html#rules\">a</a>, <a href=\"policy.html#rules\">b</a>, <a href=\"policy.html\">c</a>"), "\(page)")
        let print = try #require(plan.text("roles/admin/print.html"))
        #expect(print.contains("<a href=\"#policy--rules\">a</a>, <a href=\"#policy--rules\">b</a>, <a href=\"#policy\">c</a>"))

        // An image's source is a file, not a page: `![d](policy.md)` stays as written, unchecked.
        files.merge(PackFiles.sop("replies", body: "![d](policy.md) ![e](/procedures/nope.md#x)\n")) { $1 }
        let (images, _) = await Build.plan(files: files)
        let imagesPlan = try #require(images.plan, "\(Build.diagnosticsText(images))")
        #expect(imagesPlan.text("roles/admin/replies.html")?.contains("<img src=\"policy.md\" alt=\"d\" /> <img src=\"/procedures/nope.md#x\" alt=\"e\" />") == true)
        #expect(imagesPlan.text("roles/admin/print.html")?.contains("<img src=\"policy.md\" alt=\"d\" />") == true)

        // A role value in the query alone: the query is dropped, every view leads to one heading.
        files.merge(PackFiles.sop("replies", body: "[a](policy.md?from={{role.id}}#rules) [b](policy.md?t=10:30#rules)\n")) { $1 }
        let (queried, _) = await Build.plan(files: files)
        let queriedPlan = try #require(queried.plan, "\(Build.diagnosticsText(queried))")
        #expect(queriedPlan.text("sops/replies.html")?.contains("<a href=\"policy.html#rules\">a</a> <a href=\"policy.html#rules\">b</a>") == true)

        files.merge(PackFiles.sop("replies", body: "[a](/procedures/polcy.md), [b](policy.md?v=2#nope).\n")) { $1 }
        let (broken, _) = await Build.plan(files: files)
        #expect(broken.plan == nil)
        #expect(Build.diagnosticsText(broken) == """
            procedures/replies.md:9:1: error: link to 'procedures/polcy.md', which is not an SOP of this pack; did you mean 'procedures/policy.md'? [broken-link]
                [a](/procedures/polcy.md), [b](policy.md?v=2#nope).
                ^
            procedures/replies.md:9:28: error: 'procedures/policy.md' has no heading with id 'nope' [broken-anchor]
                [a](/procedures/polcy.md), [b](policy.md?v=2#nope).
                                           ^
            2 errors, 0 warnings

            """)
    }

    @Test func brokenLinksAndAnchorsAreErrorsWithPositions() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: "Text [a](polcy.md) and [b](policy.md#nope).\n\n[Top](#content), [same](#nope), [empty](#).\n")) { $1 }
        files.merge(PackFiles.sop("policy", body: "## Rules\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        #expect(result.plan == nil)
        #expect(Build.diagnosticsText(result) == """
            procedures/replies.md:9:6: error: link to 'procedures/polcy.md', which is not an SOP of this pack; did you mean 'procedures/policy.md'? [broken-link]
                Text [a](polcy.md) and [b](policy.md#nope).
                     ^
            procedures/replies.md:9:24: error: 'procedures/policy.md' has no heading with id 'nope' [broken-anchor]
                Text [a](polcy.md) and [b](policy.md#nope).
                                       ^
            procedures/replies.md:11:18: error: 'procedures/replies.md' has no heading with id 'nope' [broken-anchor]
                [Top](#content), [same](#nope), [empty](#).
                                 ^
            3 errors, 0 warnings

            """)
    }

    /// A heading id and a link's fragment that are the same text in other code points (`café`
    /// decomposed and precomposed): the browser compares them scalar by scalar and does not
    /// jump, so the link is broken; the same spelling is fine (helper 46).
    @Test func aFragmentInOtherCodePointsThanTheHeadingsIDIsBroken() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: "[a](policy.md#caf\u{E9}-rules) [b](policy.md#cafe\u{301}-rules)\n")) { $1 }
        files.merge(PackFiles.sop("policy", body: "## Cafe\u{301} rules\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        let anchors = result.diagnostics.filter { $0.code == .brokenAnchor }
        #expect(anchors.map(\.location.column) == [1], "\(Build.diagnosticsText(result))")
    }

    /// A link to a heading inside a role block of another SOP: the trainer view has the heading,
    /// but a role shown the link lands in its own view of that SOP, where the block is hidden.
    /// A link inside a block for the roles who see the heading is fine; so is a role without a
    /// view of the target (it lands in the trainer view). `check` finds what `build` finds.
    @Test func aLinkIntoAHeadingARoleCannotSeeIsAnErrorForThatRole() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: """
            See [rules](policy.md#rules) and [secret](policy.md#secret).

            ::: for admin
            Admins see [secret](policy.md#secret).
            :::

            """)) { $1 }
        files.merge(PackFiles.sop("policy", body: "## Rules\n\n::: for admin\n## Secret\n\nOnly admins.\n:::\n\nSee [above](#secret).\n")) { $1 }
        files.merge(PackFiles.sop("admins", audience: "[admin]", body: "## Keys\n\n::: for agent\n## Note\n:::\n")) { $1 }
        files.merge(PackFiles.sop("notes", audience: "[agent]", body: "Agents never see [keys](admins.md#note) themselves: they land in the trainer view.\n")) { $1 }
        let expected = """
            procedures/policy.md:17:5: error: 'procedures/policy.md' has a heading with id 'secret', but not in the view this link leads Support agent to (a role block hides it there, or the role's value changes it); put the link in a role block for the roles who see the heading [broken-anchor]
                See [above](#secret).
                    ^
            procedures/replies.md:9:34: error: 'procedures/policy.md' has a heading with id 'secret', but not in the view this link leads Support agent to (a role block hides it there, or the role's value changes it); put the link in a role block for the roles who see the heading [broken-anchor]
                See [rules](policy.md#rules) and [secret](policy.md#secret).
                                                 ^
            2 errors, 0 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(built.plan == nil)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }

    /// Fragments that land: a footnote and its back-reference, `#top` in any case, a
    /// percent-encoded heading (as GitHub copies one), the theme's `#content`, and `#` alone. In
    /// print they go to the SOP's own section, or to the heading's (footnotes take the prefix).
    @Test func footnotesTopAndEncodedFragmentsLand() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("guide", body: """
            ## Café crème

            A claim.[^why] See [the note](#fn-why), [back](#fnref-why), [top](#top), [TOP](#Top), [encoded](#caf%C3%A9-cr%C3%A8me), [main](#content), [here](#).

            [^why]: Because.

            """)) { $1 }
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let print = try #require(plan.text("roles/admin/print.html"))
        for link in ["#guide--fn-why", "#guide--fnref-why", "#guide--caf%C3%A9-cr%C3%A8me"] {
            #expect(print.contains("href=\"\(link)\""), "\(link)")
            #expect(print.contains("id=\"\(link.dropFirst().removingPercentEncoding!)\""), "\(link)")
        }
        #expect(print.components(separatedBy: "href=\"#guide\"").count - 1 >= 4)
    }

    /// A heading whose id the page's theme already has (`content`) is `content-1` on the page, and
    /// `guide--content-1` in print, so one link lands in both (it was `guide--content`).
    @Test func aHeadingTakesThePagesIdInPrintWithThePrefix() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("guide", body: "## Content\n\nSee [the heading](#content-1).\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        #expect(plan.text("roles/admin/guide.html")?.contains("<h2 id=\"content-1\">Content</h2>") == true)
        let print = try #require(plan.text("roles/admin/print.html"))
        #expect(print.contains("<h2 id=\"guide--content-1\">Content</h2>"))
        #expect(print.contains("<a href=\"#guide--content-1\">the heading</a>"))
    }

    /// A link built from a role value (`b.md#{{role.id}}`) points elsewhere in each role's view
    /// and nowhere in the trainer view, which has no role; it passed every check (attack6). A
    /// value every view shares (`{{site.id}}`) and an external link with a role value are fine.
    @Test func aLinkBuiltFromARoleValueIsAnError() async throws {
        var files = PackFiles.pack([:])
        files.merge(PackFiles.sop("replies", body: """
            [yours](policy.md#{{role.id}}), [here](#{{role.id}}), [site](policy.md#{{site.id}}) and [web](https://example.com/{{role.id}}).

            ## Shop

            """)) { $1 }
        files.merge(PackFiles.sop("policy", body: "## Shop\n")) { $1 }
        let (result, _) = await Build.plan(files: files)
        #expect(result.plan == nil)
        #expect(Build.diagnosticsText(result) == """
            procedures/replies.md:9:1: error: a link to an SOP or heading cannot be built from a role value ({{role.…}}): the trainer view has no role, so it would lead nowhere there; write a link for each role, in role blocks [broken-link]
                [yours](policy.md#{{role.id}}), [here](#{{role.id}}), [site](policy.md#{{site.id}}) and [web](https://example.com/{{role.id}}).
                ^
            procedures/replies.md:9:33: error: a link to an SOP or heading cannot be built from a role value ({{role.…}}): the trainer view has no role, so it would lead nowhere there; write a link for each role, in role blocks [broken-link]
                [yours](policy.md#{{role.id}}), [here](#{{role.id}}), [site](policy.md#{{site.id}}) and [web](https://example.com/{{role.id}}).
                                                ^
            2 errors, 0 warnings

            """)
    }
}
