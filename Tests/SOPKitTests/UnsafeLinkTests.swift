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
            procedures/guide.md:9:7: warning: link to 'javascript:restore()' leads nowhere: the handbook empties javascript: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
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
            checklists/rollout.md:3:17: warning: link to 'data:text/html,undo' (for site 'shop-2'; also for 2 more sites: 'shop-3' ('javascript:undo()'), 'shop' ('javascript:undo()')) leads nowhere: the handbook empties data: addresses, which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true in sopgen.yml to keep it [unsafe-link]
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
}
