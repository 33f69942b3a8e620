import Foundation
import Testing
@testable import SOPKit

/// A link the handbook empties (`javascript:`, `vbscript:`, `file:`, `data:` but images) is a
/// warning where it is written, literal or built from a value, in an SOP and in a checklist: it
/// used to lead nowhere without a word.
@Suite struct UnsafeLinkTests {
    @Test func anEmptiedLinkInAnSOPIsAWarningWrittenOrFromAValue() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "Undo: [rollback]({{site.rollback_path}}).\n\n[bad](VBScript:run) [ok](data:image/png;base64,AA)\n"))
        files["sites/shop.yml"] = files["sites/shop.yml"]!.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.", with: "rollback_path: 'javascript:restore()'")
        let expected = """
            procedures/guide.md:9:7: warning: link to 'javascript:restore()', as '{{site.rollback_path}}' is filled in, leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                Undo: [rollback]({{site.rollback_path}}).
                      ^
            procedures/guide.md:11:1: warning: link to 'VBScript:run' leads nowhere: the handbook empties vbscript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                [bad](VBScript:run) [ok](data:image/png;base64,AA)
                ^
            0 errors, 2 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
        let page = try #require(built.plan?.text("sops/guide.html"))
        #expect(page.contains("<a href=\"\">rollback</a>") && page.contains("<a href=\"\">bad</a>"), "\(page)")
        #expect(page.contains("href=\"data:image/png;base64,AA\""))

        files["sopgen.yml"] = "title: T\ndefault_site: shop\noptions:\n  unsafe_html: true\n"
        let (trusted, _) = await Build.plan(files: files)
        #expect(trusted.diagnostics.isEmpty, "\(Build.diagnosticsText(trusted))")
        #expect(trusted.plan?.text("sops/guide.html")?.contains("href=\"javascript:restore()\"") == true)
    }

    /// A checklist is printed for each site: one warning per link, naming the sites whose value
    /// empties it (each other site's address where it differs).
    @Test func anEmptiedLinkInAChecklistIsOneWarningNamingItsSites() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": "## Do\n\n- [ ] Undo with [rollback]({{site.rollback_path}}), or [x](file:///srv/undo.sh)\n",
        ])
        let shop = files["sites/shop.yml"]!
        files["sites/shop.yml"] = shop.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.", with: "rollback_path: 'javascript:undo()'")
        files["sites/shop-2.yml"] = shop.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.", with: "rollback_path: 'data:text/html,undo'")
        files["sites/shop-3.yml"] = files["sites/shop.yml"]
        files["sites/shop-4.yml"] = shop
        let expected = """
            checklists/rollout.md:3:17: warning: link to 'data:text/html,undo', as '{{site.rollback_path}}' is filled in (for site 'shop-2'; also for 2 more sites: 'shop-3' ('javascript:undo()'), 'shop' ('javascript:undo()')), leads nowhere: the handbook empties data: and javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                - [ ] Undo with [rollback]({{site.rollback_path}}), or [x](file:///srv/undo.sh)
                                ^
            checklists/rollout.md:3:56: warning: link to 'file:///srv/undo.sh' leads nowhere: the handbook empties file: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                - [ ] Undo with [rollback]({{site.rollback_path}}), or [x](file:///srv/undo.sh)
                                                                       ^
            0 errors, 2 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
        for site in ["shop", "shop-2"] {
            let page = try #require(built.plan?.text("checklists/\(site)/rollout.html"))
            #expect(page.contains("<a href=\"\">rollback</a>") && page.contains("<a href=\"\">x</a>"), "\(page)")
        }
        #expect(built.plan?.text("checklists/shop-4/rollout.html")?.contains("<a href=\"Restore%20from%20the%20nightly%20backup.\">rollback</a>") == true)
    }

    /// A playbook's steps have no values: a link written there is reported at the steps.
    @Test func anEmptiedLinkInAPlaybooksStepsIsAWarningAtTheLink() async throws {
        let playbook = PackFiles.stockCheckPlaybook(steps: ["Count the stock.", "Then <javascript:recount()> or [the sheet](https://sheets.example/stock)."])
        let (result, _) = await Build.plan(files: PackFiles.pack(playbook))
        let found = result.diagnostics.filter { $0.code == .unsafeLink }
        #expect(found.map(\.message) == ["link to 'javascript:recount()' in playbook 'stock-check' leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it"])
        #expect(found.map(\.location.path) == ["playbooks/stock-check.yml"] && found.first?.location.line == 6 && found.first?.location.column == 8)

        // Imported, its links are emptied whatever the pack's options: the warning does not offer one.
        var imported = playbook
        imported["playbooks/stock-check.yml"]! += "provenance:\n  source_site: site-1\n  export_date: '2026-11-21'\n"
        let (importedResult, _) = await Build.plan(files: PackFiles.pack(imported))
        #expect(importedResult.diagnostics.filter { $0.code == .unsafeLink }.map(\.message) == ["link to 'javascript:recount()' in playbook 'stock-check' leads nowhere: it came from another site, and the handbook empties javascript: addresses in imported steps even with options.unsafe_html: true; link to a web page instead"],
                "\(Build.diagnosticsText(importedResult))")
    }

    /// An autolink is a link, and an image the handbook empties shows nothing (helper 39: both
    /// were emptied without a word; an autolink in a checklist item was not even looked at).
    @Test func anAutolinkAndAnImageTheHandbookEmptiesAreWarnedToo() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "Back up to <file:///srv/backups>.\n\n![icon](data:image/svg+xml;base64,PHN2Zz4=) ![ok](data:image/gif;base64,R0)\n"))
        files["checklists/rollout.md"] = "## Do\n\n- [ ] Or <javascript:void(0)> ![i](data:text/html,x) ![far](https://cdn.example/i.png)\n"
        let expected = """
            procedures/guide.md:9:12: warning: link to 'file:///srv/backups' leads nowhere: the handbook empties file: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                Back up to <file:///srv/backups>.
                           ^
            procedures/guide.md:11:1: warning: image 'data:image/svg+xml;base64,PHN2Zz4=' shows nothing: the handbook empties data: addresses, which can run code or open files in the reader's browser; use an image file, or a data:image/png, gif, jpeg or webp, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                ![icon](data:image/svg+xml;base64,PHN2Zz4=) ![ok](data:image/gif;base64,R0)
                ^
            checklists/rollout.md:3:10: warning: link to 'javascript:void(0)' leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                - [ ] Or <javascript:void(0)> ![i](data:text/html,x) ![far](https://cdn.example/i.png)
                         ^
            checklists/rollout.md:3:31: warning: image 'data:text/html,x' shows nothing: the handbook empties data: addresses, which can run code or open files in the reader's browser; use an image file, or a data:image/png, gif, jpeg or webp, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                - [ ] Or <javascript:void(0)> ![i](data:text/html,x) ![far](https://cdn.example/i.png)
                                              ^
            checklists/rollout.md:3:54: error: image 'https://cdn.example/i.png' would be loaded from the network each time the page opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') or leave it out [remote-image]
                - [ ] Or <javascript:void(0)> ![i](data:text/html,x) ![far](https://cdn.example/i.png)
                                                                     ^
            1 error, 4 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }

    /// A checklist's Markdown and JSON carried an item as written, raw HTML and `javascript:`
    /// links included, where its page left them out or showed them inert: whatever rendered the
    /// `.md` next ran them. Now an item is written as it is only when it is one plain paragraph;
    /// any other is written as the text its page shows, escaped for Markdown (helper 50: re-written
    /// by cmark-gfm, a fenced block became paragraph text after the box and its link live, and a
    /// heading or fence in an item ended the list, so a link definition after it reached every
    /// other item). Raw HTML is a `raw-html` warning as in an SOP; a pack that allows raw HTML
    /// keeps every item as written in all three.
    @Test func aChecklistsMarkdownAndJSONLeaveOutWhatItsPageLeavesOut() async throws {
        var files = PackFiles.pack([
            "checklists/rollout.md": """
                ## Do

                - [ ] Stop <script>alert(1)</script> the [run](javascript:run()) and <b>undo</b> <vbscript:x> ![i](data:text/html,x)
                  with [rollback]({{site.rollback_path}}), `<kbd>` and *care* <!-- note -->.
                - [ ] Keep *this* <as> [written](https://example.com/a_b) \\<b>.
                - [ ] ```
                  [code](javascript:alert(2)) <script>alert(3)</script>
                  ```
                - [ ] See [the runbook][r] and *this*, written as it is.
                - [ ] Then
                  # a heading
                  [r]: javascript:alert(4)
                - [ ] [r]: javascript:alert(5)
                  after a definition

                """,
        ])
        files["sites/shop.yml"] = files["sites/shop.yml"]!.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.", with: "rollback_path: 'javascript:undo()'")
        let (built, checked) = await Build.planAndCheck(files: files)
        let rawHTML = Build.diagnosticsText(checked).components(separatedBy: "\n").filter { $0.contains("[raw-html]") }
        #expect(rawHTML == [
            "checklists/rollout.md:3:12: warning: raw HTML is left out of the checklist, in its Markdown and JSON too; set options.unsafe_html: true in sopgen.yml to keep it [raw-html]",
            "checklists/rollout.md:4:63: warning: raw HTML is left out of the checklist, in its Markdown and JSON too; set options.unsafe_html: true in sopgen.yml to keep it [raw-html]",
            "checklists/rollout.md:5:19: warning: raw HTML is left out of the checklist, in its Markdown and JSON too; set options.unsafe_html: true in sopgen.yml to keep it [raw-html]",
        ])
        #expect(Build.diagnosticsText(built) == Build.diagnosticsText(checked))
        let items = [
            "Stop alert(1) the run and undo vbscript:x with rollback, \\<kbd\\> and care .",
            "Keep this written \\<b\\>.",
            "\\[code\\](javascript:alert(2)) \\<script\\>alert(3)\\</script\\>",
            "See [the runbook][r] and *this*, written as it is.",
            "Then a heading",
            "after a definition",
        ]
        let markdown = try #require(built.plan?.text("checklists/shop/rollout.md"))
        #expect(markdown.contains("## Do\n\n" + items.map { "- [ ] \($0)\n" }.joined() + "\n## Sign-off"), "\(markdown)")
        let json = try #require(built.plan?.text("checklists/shop/rollout.json"))
        let document = try JSONDecoder().decode(ChecklistDocument.self, from: Data(json.utf8))
        #expect(document.sections.flatMap(\.items).map(\.text) == items)
        for output in [markdown, json] {
            for left in ["<script>", "</script>", "<b>", "<as>", "(javascript:run", "<vbscript:", "data:text", "<!-- note", "]: javascript", "```"] {
                #expect(!output.contains(left), "\(left) in \(output)")
            }
        }

        // An item that is only raw HTML would print as an empty box: an error, as an empty line is.
        files["checklists/rollout.md"] = "## Do\n\n- [ ] Fine\n- [ ] <br> <!-- x -->\n"
        let (onlyHTML, onlyHTMLChecked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(onlyHTMLChecked) == """
            checklists/rollout.md:4:7: error: this checklist item is only raw HTML, which the checklist leaves out, so its box would print with no text; write what to check in Markdown, or set options.unsafe_html: true in sopgen.yml [empty-checklist-item]
                - [ ] <br> <!-- x -->
                      ^
            1 error, 0 warnings

            """)
        #expect(Build.diagnosticsText(onlyHTML) == Build.diagnosticsText(onlyHTMLChecked))

        // A link definition or an emptied image shows no text either.
        files["checklists/rollout.md"] = "## Do\n\n- [ ] Fine\n- [ ] [x]: https://a.example\n- [ ] ![i](data:text/html,x)\n"
        let (noText, _) = await Build.planAndCheck(files: files)
        #expect(noText.diagnostics.filter { $0.code == .emptyChecklistItem }.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "4:7 this checklist item shows no text (a link definition shows none, nor an image the checklist empties), so its box would print with no text; write what to check",
            "5:7 this checklist item shows no text (a link definition shows none, nor an image the checklist empties), so its box would print with no text; write what to check",
        ])

        // A `<` before a letter that cmark-gfm reads as text is a tag to a laxer renderer
        // (markdown-it splits attributes at a no-break space): the item is written as its text,
        // its white space one space apart.
        files["checklists/rollout.md"] = "## Do\n\n- [ ] Check <x\u{A0}y autofocus onfocus=alert(1)> and <https://example.com> but `\\<b>` \\<i> 1 <2\n"
        let (lax, _) = await Build.plan(files: files)
        #expect(lax.plan?.text("checklists/shop/rollout.md")?.contains("- [ ] Check \\<x y autofocus onfocus=alert(1)\\> and https://example.com but \\\\\\<b\\> \\<i\\> 1 \\<2\n") == true,
                "\(lax.plan?.text("checklists/shop/rollout.md") ?? "")")

        // A value that closes a link's title early in the Markdown would show as text there and
        // lose the link (helper 53): the item is written as its page's text.
        var titled = files
        titled["checklists/rollout.md"] = "## Do\n\n- [ ] See [x](https://example.com \"{{site.name}}\") now\n"
        titled["sites/shop.yml"] = titled["sites/shop.yml"]!.replacingOccurrences(of: "name: Shop", with: "name: '\" onmouseover=\"alert(1)'")
        let (title, _) = await Build.plan(files: titled)
        #expect(title.plan?.text("checklists/shop/rollout.md")?.contains("- [ ] See x now\n") == true, "\(title.plan?.text("checklists/shop/rollout.md") ?? Build.diagnosticsText(title))")

        // A plain paragraph stays as written, over lines too, its lines after the first indented
        // into the item: unindented, a line that cannot interrupt the paragraph alone began a list
        // with an HTML block, or a link definition for every item, in the file (helper 51).
        files["checklists/rollout.md"] = """
            ## Do

            - [ ] Keep *this* as [written](https://example.com/a_b) \\<b> 1 < 2
              3) [a]: javascript:alert(2)
              *
            - [ ] Next [a]

            """
        let (plain, _) = await Build.plan(files: files)
        let plainMarkdown = try #require(plain.plan?.text("checklists/shop/rollout.md"))
        #expect(plainMarkdown.contains("""
            - [ ] Keep *this* as [written](https://example.com/a_b) \\<b> 1 < 2
              3) [a]: javascript:alert(2)
              *
            - [ ] Next [a]

            """), "\(plainMarkdown)")
        let plainDocument = try JSONDecoder().decode(ChecklistDocument.self, from: Data(try #require(plain.plan?.text("checklists/shop/rollout.json")).utf8))
        #expect(plainDocument.sections.flatMap(\.items).map(\.text).first == "Keep *this* as [written](https://example.com/a_b) \\<b> 1 < 2\n3) [a]: javascript:alert(2)\n*")

        // A pack that allows raw HTML keeps it in all three, and is not warned.
        files["checklists/rollout.md"] = "## Do\n\n- [ ] Stop <b>now</b> or [run](javascript:run()).\n"
        files["sopgen.yml"] = "title: T\ndefault_site: shop\noptions:\n  unsafe_html: true\n"
        let (trusted, _) = await Build.plan(files: files)
        #expect(trusted.diagnostics.isEmpty, "\(Build.diagnosticsText(trusted))")
        #expect(trusted.plan?.text("checklists/shop/rollout.md")?.contains("- [ ] Stop <b>now</b> or [run](javascript:run()).") == true)
        #expect(trusted.plan?.text("checklists/shop/rollout.json")?.contains("Stop <b>now</b> or [run](javascript:run()).") == true)
        #expect(trusted.plan?.text("checklists/shop/rollout.html")?.contains("Stop <b>now</b> or <a href=\"javascript:run()\">run</a>.") == true)
    }

    /// A role's value fills a link in each reader's view: one warning naming the roles whose view
    /// empties it (helper 39: `[p]({{role.escalates_to}}:x)` was emptied in the agent's view only,
    /// without a word); the trainer view, with no role, keeps it.
    @Test func aLinkARoleValueEmptiesIsAWarningNamingTheRoles() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "Ask [your page]({{role.name}}) or [up]({{role.escalates_to}}:x).\n"))
        files["roles.yml"] = files["roles.yml"]!.replacingOccurrences(of: "name: Site administrator", with: "name: 'javascript:void(0)'")
        let expected = """
            procedures/guide.md:9:5: warning: link to 'javascript:void(0)', as '{{role.name}}' is filled in (for role 'admin'), leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                Ask [your page]({{role.name}}) or [up]({{role.escalates_to}}:x).
                    ^
            procedures/guide.md:9:35: warning: link to 'javascript:void(0):x', as '{{role.escalates_to}}:x' is filled in (for role 'agent'), leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                Ask [your page]({{role.name}}) or [up]({{role.escalates_to}}:x).
                                                  ^
            0 errors, 2 warnings

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
        #expect(built.plan?.text("roles/admin/guide.html")?.contains("<a href=\"\">your page</a>") == true)
        #expect(built.plan?.text("roles/agent/guide.html")?.contains("<a href=\"\">up</a>") == true)
        #expect(built.plan?.text("roles/agent/guide.html")?.contains("<a href=\"\">your page</a>") == false)
    }

    /// Helper 40: a link hidden from a role in a role block is not that role's problem; an image
    /// a role's value empties or brings from another host is reported for that role (the first was
    /// silent, the second broke the no-network promise); a link inside an image's description is
    /// only alt text; an image from another host in every view is one error.
    @Test func eachRoleIsCheckedOnlyForWhatItsViewShows() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "::: for admin\n[me]({{role.name}})\n:::\n\n![p]({{role.name}}) ![see [x](javascript:alt) here](pic.png)\n\n![c](https://cdn.example/{{role.id}}.png)\n"))
        files["roles.yml"] = files["roles.yml"]!
            .replacingOccurrences(of: "name: Site administrator", with: "name: 'https://evil.example/x.png'")
            .replacingOccurrences(of: "name: Support agent", with: "name: 'data:agent'")
        let expected = """
            procedures/guide.md:13:1: error: image 'https://evil.example/x.png' would be loaded from the network each time the page opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') or leave it out (for role 'admin') [remote-image]
                ![p]({{role.name}}) ![see [x](javascript:alt) here](pic.png)
                ^
            procedures/guide.md:13:1: warning: image 'data:agent', as '{{role.name}}' is filled in (for role 'agent'), shows nothing: the handbook empties data: addresses, which can run code or open files in the reader's browser; use an image file, or a data:image/png, gif, jpeg or webp, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
                ![p]({{role.name}}) ![see [x](javascript:alt) here](pic.png)
                ^
            procedures/guide.md:15:1: error: image 'https://cdn.example/.png' would be loaded from the network each time the page opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') or leave it out [remote-image]
                ![c](https://cdn.example/{{role.id}}.png)
                ^
            2 errors, 1 warning

            """
        let (built, checked) = await Build.planAndCheck(files: files)
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
    }
}
