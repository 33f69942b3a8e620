import Foundation
import GFM
import Testing
@testable import SOPKit

/// Pages load nothing from the network: an image from another host is an error wherever sopgen
/// renders Markdown, whatever spelling a browser would still fetch, while links and inline images stay.
@Suite struct RemoteImageTests {
    static let remote = ["https://t.example/p.png", "HTTP://t.example/p.png", "//t.example/p.png", "\\\\t.example/p.png",
                         "/\\t.example/p.png", " https://t.example/p.png", "ht\ttps://t.example/p.png", "\u{1}//t.example/p.png",
                         "ftp://t.example/p.png", "blob:https://t.example/x"]
    /// Sources cmark-gfm empties unless raw HTML is allowed (`DroppedLinks`): fetched only then.
    static let emptied = ["javascript:alert(1)", "file:///etc/passwd", "FILE:///C:/img/map.png", "VBScript:x"]
    static let local = ["map.png", "../img/map.png", "/img/map.png", "#top", "", "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
                        "DATA:image/png;base64,AAAA", "img/a:b.png", "./x.png", "1http://not-a-scheme"]

    @Test(arguments: remote) func theseAreFetchedFromElsewhere(destination: String) {
        #expect(RemoteImages.isRemote(destination, keepsUnsafe: false))
        #expect(RemoteImages.isRemote(destination, keepsUnsafe: true))
    }

    @Test(arguments: emptied) func theseAreFetchedOnlyWhenRawHTMLKeepsThem(destination: String) {
        #expect(!RemoteImages.isRemote(destination, keepsUnsafe: false))
        #expect(RemoteImages.isRemote(destination, keepsUnsafe: true))
    }

    @Test(arguments: local + ["data:text/html,<b>x</b>"]) func theseAreNot(destination: String) {
        #expect(!RemoteImages.isRemote(destination, keepsUnsafe: false))
        #expect(!RemoteImages.isRemote(destination, keepsUnsafe: true))
    }

    /// An image with a `javascript:` or `file:` source was a `remote-image` error saying it would
    /// be loaded from the network, though cmark-gfm empties such a source and nothing is loaded:
    /// now the image is `unsafe-link` (it is lost), a warning, and the build goes on. With
    /// `unsafe_html` the source is kept: a `file:` one is an error naming the reader's disk.
    @Test func anImageWhoseSourceIsEmptiedIsAWarningNotARemoteImage() async throws {
        let body = "Intro.\n\n![map](file:///C:/maps/shop.png) and ![x](javascript:alert(1)).\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let text = Build.diagnosticsText(result)
        #expect(!text.contains("[remote-image]"), "\(text)")
        #expect(text.components(separatedBy: "[unsafe-link]").count == 3, "\(text)")
        #expect(text.contains("procedures/guide.md:11:1: warning: "), "\(text)")
        #expect(result.plan != nil)

        var files = PackFiles.pack(PackFiles.sop(body: body))
        files["sopgen.yml"] = try #require(files["sopgen.yml"]) + "options:\n  unsafe_html: true\n"
        let (kept, _) = await Build.plan(files: files)
        let keptText = Build.diagnosticsText(kept)
        #expect(keptText.contains("""
            procedures/guide.md:11:1: error: image 'file:///C:/maps/shop.png' would be loaded from the reader's own disk, outside \
            the site, each time the page opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') \
            or leave it out [remote-image]
            """), "\(keptText)")
        #expect(keptText.contains("image 'javascript:alert(1)' would be loaded from the network"), "\(keptText)")
        #expect(!keptText.contains("[unsafe-link]"), "\(keptText)")
    }

    /// The same in a checklist item and in a playbook's steps: an emptied image is lost, a warning.
    @Test func anEmptiedImageInAChecklistOrAPlaybookIsAWarningToo() async {
        let checklist = "---\ntitle: Rollout\n---\n## Do\n\n- [ ] Compare with ![plan](file:///C:/plans/rollout.png)\n"
        let playbook = PackFiles.stockCheckPlaybook(steps: ["Count the stock.", "![chart](javascript:void(0))"])
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/rollout.md": checklist].merging(playbook) { $1 }))
        let text = Build.diagnosticsText(result)
        #expect(!text.contains("[remote-image]"), "\(text)")
        #expect(text.contains("checklists/rollout.md:6:"), "\(text)")
        #expect(text.contains("playbooks/stock-check.yml:"), "\(text)")
        #expect(text.components(separatedBy: "[unsafe-link]").count == 3, "\(text)")
    }

    /// A checklist item is rendered trimmed, on one line: an item that starts with an indented
    /// snippet shows its image, though the snippet alone is an indented code block. Every check
    /// read the untrimmed text and saw no image, so one from another host was published without a
    /// word (helper 42); now each reads what is rendered, at the image's own column.
    @Test func anImageInAnIndentedSnippetThatStartsAChecklistItemIsChecked() async {
        let checklist = "---\ntitle: Rollout\n---\n## Do\n\n- [ ] {{> indented}}\n- [ ] {{> emptied}}\n"
        var files = PackFiles.pack(["checklists/rollout.md": checklist])
        files["snippets/indented.md"] = "    ![s1](https://evil.example/s1.png)\n"
        files["snippets/emptied.md"] = "\n\n\t![s2](file:///etc/passwd)\n"
        let (result, _) = await Build.plan(files: files)
        let text = Build.diagnosticsText(result)
        #expect(text.contains("snippets/indented.md:1:5: error: image 'https://evil.example/s1.png' would be loaded from the network"), "\(text)")
        #expect(text.contains("snippets/emptied.md:3:2: warning: "), "\(text)")
        #expect(text.components(separatedBy: "[unsafe-link]").count == 2, "\(text)")
        #expect(result.plan == nil)
    }

    /// An image inside another image's description is only alt text: nothing is fetched, nothing reported.
    @Test func anImageInsideAnImagesDescriptionIsNotFetched() async {
        let body = "Intro.\n\n![a ![r5](https://evil.example/r5.png)](map.png)\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        #expect(!Build.diagnosticsText(result).contains("[remote-image]"), "\(Build.diagnosticsText(result))")
        let page = result.plan?.text("sops/guide.html") ?? ""
        #expect(page.contains("<img src=\"map.png\" alt=\"a r5\" />"), "\(page)")
    }

    @Test func aRemoteImageInAnSOPIsAnErrorAtTheImageAndALinkIsNot() async {
        let body = "Intro.\n\nSee [the map](https://maps.example/) and ![map](https://maps.example/m.png).\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("""
            procedures/guide.md:11:42: error: image 'https://maps.example/m.png' would be loaded from the network each time the page \
            opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') or leave it out [remote-image]
            """), "\(text)")
        #expect(text.components(separatedBy: "[remote-image]").count == 2)
        #expect(result.plan == nil || result.diagnostics.contains { $0.code == .remoteImage && $0.severity == .error })
    }

    @Test func aValueThatMakesAnImageRemoteIsCaughtAfterItIsFilledIn() async {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: "![logo]({{site.production_url}}/logo.png)\n")))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("image 'https://shop.example/logo.png' would be loaded from the network"), "\(text)")
    }

    @Test func aRemoteImageInAPlaybooksStepsIsAnError() async {
        let playbook = PackFiles.stockCheckPlaybook(steps: ["Count the stock.", "![chart](//charts.example/c.png)"])
        let (result, _) = await Build.plan(files: PackFiles.pack(playbook))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("playbooks/stock-check.yml:"), "\(text)")
        #expect(text.contains("image '//charts.example/c.png' would be loaded from the network"), "\(text)")
    }

    @Test func aRemoteImageInAChecklistItemIsAnErrorAtTheImageWhateverTheSite() async {
        let checklist = "---\ntitle: Rollout\n---\n## Do\n\n- [ ] Check the logo ![logo]({{site.production_url}}/logo.png)\n- [ ] A local one ![x](img/x.png)\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/rollout.md": checklist]))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("checklists/rollout.md:6:22: error: image 'https://shop.example/logo.png' would be loaded from the network"), "\(text)")
        #expect(text.components(separatedBy: "[remote-image]").count == 2, "\(text)")
        #expect(result.plan == nil)
    }

    @Test func theBundledPackLoadsNothingFromTheNetwork() async throws {
        let result = await Build.plan(TestPaths.bundledPack)
        #expect(!result.diagnostics.contains { $0.code == .remoteImage })
        let plan = try #require(result.plan)
        for file in plan.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.contents, as: UTF8.self)
            for match in html.matches(of: /<(?:img|script|link|iframe|source|video|audio)\b[^>]*\s(?:src|href)="([^"]*)"/) {
                #expect(!RemoteImages.isRemote(String(match.output.1), keepsUnsafe: true), "\(file.path): \(match.output.0)")
            }
        }
    }
}
