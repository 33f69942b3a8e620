import Foundation
import Testing
@testable import SOPKit

/// `sopgen pdf` through the binary: the printed handbooks and checklists as PDFs on the paper
/// asked for, written like a build; without Chromium, one clear line naming the package.
@Suite(.serialized) struct PDFCommandTests {
    func sopgen(_ arguments: [String], in folder: URL, path: String? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, in: folder, environment: path.map { ["PATH": $0] } ?? [:])
    }

    @Test(.enabled(if: ExternalTool.available(.chromium, .pdfinfo)))
    func everyPrintedPageBecomesAPDFOnThePaperAskedFor() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.fixturePack("harbour-mini"))
        let run = try sopgen(["pdf", pack.path, "--output", "pdf", "--paper", "letter", "--today", "2026-11-21"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("pdf").path).sorted()
        #expect(names.contains(".sopgen-manifest"))
        let pdfs = names.filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.contains { $0.hasPrefix("handbook-") })
        #expect(run.standardOutput == "Printed \(pdfs.count) PDFs (letter) into pdf/\n", "\(run.standardOutput)")
        for name in pdfs {
            let info = try ProcessRun.run("pdfinfo", [folder.url.appendingPathComponent("pdf/\(name)").path]).standardOutput
            #expect(info.contains("(letter)"), "\(name): \(info)")
        }
        // Again: the folder sopgen wrote is replaced; a file someone put there stops it.
        #expect(try sopgen(["pdf", pack.path, "--output", "pdf", "--today", "2026-11-21"], in: folder.url).status == 0)
        try Data("mine".utf8).write(to: folder.url.appendingPathComponent("pdf/notes.txt"))
        let refused = try sopgen(["pdf", pack.path, "--output", "pdf", "--today", "2026-11-21"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("notes.txt"), "\(refused.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pdf/notes.txt").path))
    }

    @Test func withoutChromiumTheErrorNamesThePackageAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let empty = folder.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try sopgen(["pdf", TestPaths.bundledPack.path, "--output", "pdf"], in: folder.url, path: empty.path)
        #expect(run.status == 1)
        #expect(run.standardError == "sopgen: error: sopgen pdf prints through headless Chromium, which is not installed: install Debian's "
                + "package chromium (apt-get install chromium), or put chromium on the PATH\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pdf").path))
    }

    @Test func thePagesToPrintAreTheHandbooksAndChecklists() {
        var plan = OutputPlan()
        for path in ["index.html", "roles/admin/print.html", "roles/admin/index.html", "checklists/shop/rollout.html",
                     "checklists/shop/rollout.md", "sops/x.html"] { plan.add(path, "x") }
        #expect(PrintedPDFs.pages(in: plan).map(\.pdf) == ["checklist-shop--rollout.pdf", "handbook-admin.pdf"])
    }

    /// Valid ids that joined with a single `-` gave one name (the red team's `harbour` +
    /// `store-rollout` against `harbour-store` + `rollout`): two PDFs, two names.
    @Test func checklistsOfSitesWhoseIDsRunTogetherGetTwoNames() {
        var plan = OutputPlan()
        plan.add("checklists/harbour/store-rollout.html", "a")
        plan.add("checklists/harbour-store/rollout.html", "b")
        let names = PrintedPDFs.pages(in: plan).map(\.pdf)
        #expect(names == ["checklist-harbour-store--rollout.pdf", "checklist-harbour--store-rollout.pdf"])
        #expect(Set(names).count == 2)
    }
}
