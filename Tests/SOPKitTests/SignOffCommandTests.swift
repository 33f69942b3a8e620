import Foundation
import Testing

/// `sopgen build --since` through the binary: the earlier version is read before the output is
/// replaced, so the output's own manifest or version file may be named; a file that cannot be
/// used is a usage error and nothing is written.
@Suite(.serialized) struct SignOffCommandTests {
    func sopgen(_ arguments: [String], in directory: URL? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, in: directory)
    }

    @Test func aRebuildSinceItsOwnOutputListsWhatChanged() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let first = try sopgen(["build", pack.path, "--output", "site"], in: folder.url)
        #expect(first.status == 0, "\(first.standardError)")

        // Unchanged: the sheet says so, both from the version file and from the manifest.
        for since in ["site/handbook-version.json", "site/.sopgen-manifest"] {
            let again = try sopgen(["build", pack.path, "--output", "site", "--since", since], in: folder.url)
            #expect(again.status == 0, "\(again.standardError)")
            let sheet = try String(contentsOf: folder.url.appendingPathComponent("site/roles/store-manager/sign-off.html"), encoding: .utf8)
            #expect(sheet.contains("No SOP of this handbook was added, changed or removed."), "\(since)")
        }

        // One SOP edited, one removed: the store manager's sheet lists both.
        let kept = folder.url.appendingPathComponent("v1.json")
        try FileManager.default.copyItem(at: folder.url.appendingPathComponent("site/handbook-version.json"), to: kept)
        let drafts = pack.appendingPathComponent("procedures/support/support-drafts.md")
        try (try String(contentsOf: drafts, encoding: .utf8) + "\nOne more line.\n").write(to: drafts, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: pack.appendingPathComponent("procedures/commerce/approvals-queue.md"))
        let changed = try sopgen(["build", pack.path, "--output", "site", "--since", kept.path], in: folder.url)
        #expect(changed.status == 0, "\(changed.standardError)")
        let sheet = try String(contentsOf: folder.url.appendingPathComponent("site/roles/store-manager/sign-off.html"), encoding: .utf8)
        #expect(sheet.contains("<h3>Changed</h3><ul><li>Reviewing and sending support drafts</li></ul>"))
        #expect(sheet.contains("<h3>Removed</h3><ul><li>Working the approvals queue</li></ul>"))
        #expect(!sheet.contains("<h3>Added</h3>"))
    }

    @Test func aSinceFileThatCannotBeUsedIsAUsageErrorAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        folder.write(["junk.json": "[1, 2, 3]"])
        for since in ["missing.json", "junk.json", "."] {
            let run = try sopgen(["build", TestPaths.bundledPack.path, "--output", "site", "--since", since], in: folder.url)
            #expect(run.status == 64, "\(since): \(run.standardError)")
            #expect(run.standardError.contains("--since"))
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
        }
    }
}
