import Foundation
import Testing
@testable import SOPKit

/// Prints the bundled checklists with headless Chromium to PDF on A4 and US Letter and reads the
/// pages back with pdftotext (both installed by .ci/run): every value, item and the sign-off block
/// are on paper, no item or the sign-off block is split, and every page has its footer.
@Suite(.serialized, .enabled(if: ExternalTool.available(.chromium, .pdftotext, .pdfinfo)))
struct ChecklistPrintTests {
    /// Pages the bundled checklists need; a content change that moves these is a change to review.
    static let expectedPages = ["rollout A4": 3, "rollout letter": 4, "first-run A4": 2, "first-run letter": 3]

    struct Printed {
        var pages: [String]
        var paper: String
    }

    func print(_ kind: String, paper: String, from site: URL, in folder: TemporaryFolder) throws -> Printed {
        let page = site.appendingPathComponent("checklists/harbour-store/\(kind).html")
        let sized = site.appendingPathComponent("checklists/harbour-store/\(kind)-\(paper).html")
        let html = try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "</head>", with: "<style>@page { size: \(paper); }</style></head>")
        try Data(html.utf8).write(to: sized)
        let pdf = folder.url.appendingPathComponent("\(kind)-\(paper).pdf")
        let chromium = try ProcessRun.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                  "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                                                  "--print-to-pdf=\(pdf.path)", sized.absoluteString])
        #expect(chromium.status == 0, "chromium failed; .ci/run installs Debian's chromium")
        let info = try ProcessRun.run("pdfinfo", [pdf.path]).standardOutput
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        let paperLine = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? ""
        var pages: [String] = []
        for number in stride(from: 1, through: count, by: 1) {
            let text = try ProcessRun.run("pdftotext", ["-f", "\(number)", "-l", "\(number)", pdf.path, "-"]).standardOutput
            pages.append(Self.flatten(text))
        }
        return Printed(pages: pages, paper: paperLine)
    }

    static func compact(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "-" && $0 != "\u{AD}" }
    }

    static func flatten(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{0C}" }).joined(separator: " ")
    }

    @Test(arguments: ["rollout", "first-run"], ["A4", "letter"])
    func checklistPrints(kind: String, paper: String) async throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        let result = try await Pipeline(packRoot: TestPaths.bundledPack, today: MistakesPackTests.today).build(into: site)
        #expect(result.succeeded)
        let document = try JSONDecoder().decode(ChecklistDocument.self,
            from: try Data(contentsOf: site.appendingPathComponent("checklists/harbour-store/\(kind).json")))
        let printed = try print(kind, paper: paper, from: site, in: folder)
        #expect(printed.paper.contains(paper == "A4" ? "(A4)" : "(letter)"))
        #expect(printed.pages.count == Self.expectedPages["\(kind) \(paper)"])
        let all = printed.pages.joined(separator: " ")

        let allCompact = Self.compact(all)
        for fact in document.site.facts + document.site.details {
            #expect(allCompact.contains(Self.compact(fact.value ?? "NOT RECORDED")), "\(fact.label) is not on paper")
        }
        // Without spaces or hyphens: pdftotext joins "high-⏎risk" into "highrisk". A split item
        // still fails, because the page footer stands between its halves.
        let compact = printed.pages.map(Self.compact)
        for item in document.sections.flatMap(\.items) {
            let text = Self.compact(item.text)
            #expect(compact.contains { $0.contains(text) }, "item \(item.id) is missing or split across pages")
        }
        let signOffPage = printed.pages.first { $0.contains("Sign-off Role Name Date Signature") }
        #expect(signOffPage != nil, "the sign-off block is missing or split")
        for role in document.signOff {
            #expect(signOffPage?.contains(Self.flatten(role)) == true, "\(role) is not with the sign-off block")
        }
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("SophMate rollout handbook · Harbour & Vine online store · \(document.title) · inputs \(document.inputHash)"), "page \(index + 1) has no footer")
            #expect(page.contains("Page \(index + 1) of \(printed.pages.count)"), "page \(index + 1) has no page number")
        }
    }
}
