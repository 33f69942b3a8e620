import Foundation
import Testing
@testable import SOPKit

/// The store manager's printed handbook, printed by `sopgen pdf` on A4 and Letter and read back
/// page by page: a contents page naming every SOP, and on every page the footer with the pack, the
/// role, the site, the input hash and "Page N of M".
@Suite(.serialized, .enabled(if: ExternalTool.available(.chromium, .pdftotext, .pdfinfo)))
struct HandbookPrintTests {
    @Test(arguments: ["a4", "letter"])
    func theHandbookPrintsWithContentsAndAFooterOnEveryPage(paper: String) async throws {
        let folder = TemporaryFolder()
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["pdf", TestPaths.bundledPack.path, "--output", "pdf", "--paper", paper,
                                                                   "--today", "2026-11-21"], in: folder.url)
        try #require(run.status == 0, "\(run.standardError)")
        let pdf = folder.url.appendingPathComponent("pdf/handbook-store-manager.pdf").path
        let info = try ProcessRun.run("pdfinfo", [pdf]).standardOutput
        let count = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(info.contains(paper == "a4" ? "(A4)" : "(letter)"))
        let result = await Build.plan(TestPaths.bundledPack)
        let hash = try #require(result.resolved?.pack.inputHash)
        let titles = try #require(result.resolved).handbooks.first { $0.role.id == "store-manager" }?.sopIDs
            .compactMap { result.resolved?.pack.sop($0)?.title } ?? []
        #expect(titles.count > 5)
        var contentsPage: String?
        for number in 1...count {
            let text = try ProcessRun.run("pdftotext", ["-f", "\(number)", "-l", "\(number)", pdf, "-"]).standardOutput
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("Store manager handbook · Harbour & Vine online store · inputs \(hash)"), "page \(number) has no footer")
            #expect(flat.contains("Page \(number) of \(count)"), "page \(number)")
            if flat.hasPrefix("Contents") || flat.contains(" Contents Decision guide") { contentsPage = contentsPage ?? flat }
        }
        let contents = try #require(contentsPage, "no contents page")
        for title in titles { #expect(contents.contains(title.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "\(title)") }
    }
}
