import Foundation
import Testing
@testable import SOPKit

/// Drives the built pages in headless Chromium (installed by scripts/test.sh): the knowledge check
/// scores in the browser from `file://`, and the sign-off sheet and the printable check print on
/// A4 and US Letter with the handbook's version on every page (read back with pdftotext).
@Suite(.serialized, .enabled(if: ExternalTool.available(.chromium, .pdftotext, .pdfinfo)))
struct TrainingBrowserTests {
    static let role = "store-manager"

    static func build(into folder: TemporaryFolder) async throws -> (site: URL, check: KnowledgeCheck, version: HandbookVersion) {
        let site = folder.url.appendingPathComponent("site")
        let result = try await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today).build(into: site)
        #expect(result.succeeded)
        let check = try #require(result.resolved?.handbooks.first { $0.role.id == role }?.check)
        let version = try HandbookVersion.decode(try Data(contentsOf: site.appendingPathComponent(HandbookVersion.fileName)), shown: "v").get()
        return (site, check, version)
    }

    /// The check page with a script after the page's own that clicks `choices` (question id →
    /// option index), then the DOM as Chromium has it once the scripts ran.
    static func answer(_ choices: [(id: String, option: Int)], site: URL, folder: TemporaryFolder) throws -> String {
        let page = site.appendingPathComponent("roles/\(role)/check.html")
        let clicks = choices.map { "document.querySelectorAll('#q-\($0.id) input')[\($0.option)].click();" }.joined(separator: "\n")
        let html = try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "</body>", with: "<script>\n\(clicks)\n</script>\n</body>")
        let driven = site.appendingPathComponent("roles/\(role)/check-driven.html")
        try Data(html.utf8).write(to: driven)
        let run = try ProcessRun.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu",
                                                  "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                                                  "--virtual-time-budget=5000", "--dump-dom", driven.absoluteString])
        #expect(run.status == 0, "chromium failed: \(run.standardError)")
        return run.standardOutput
    }

    /// Text as Chromium serializes it in `--dump-dom`.
    static func serialized(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The question's `<li>` in the DOM.
    static func item(_ id: String, in dom: String) -> String? {
        dom.components(separatedBy: "<li class=\"question").first { $0.contains("id=\"q-\(id)\"") }
    }

    @Test func allAnswersRightScoresOneHundredPercent() async throws {
        let folder = TemporaryFolder()
        let (site, check, _) = try await Self.build(into: folder)
        let dom = try Self.answer(check.questions.map { ($0.id, $0.answer) }, site: site, folder: folder)
        let total = check.questions.count
        #expect(dom.contains("Score: 100 % (\(total) of \(total) right)."), "\(dom.suffix(800))")
        for question in check.questions {
            let item = try #require(Self.item(question.id, in: dom))
            #expect(item.contains("is-right") && item.contains("Right."))
            #expect(!item.contains("data-feedback=\"\" hidden") && !item.contains("hidden=\"\""), "\(question.id) hides its explanation")
        }
    }

    @Test func aWrongAnswerShowsItsExplanationAndLink() async throws {
        let folder = TemporaryFolder()
        let (site, check, _) = try await Self.build(into: folder)
        let first = try #require(check.questions.first)
        let wrong = first.options.indices.first { $0 != first.answer }!
        let dom = try Self.answer([(first.id, wrong)], site: site, folder: folder)
        #expect(dom.contains("Answered 1 of \(check.questions.count): 0 right."))
        let item = try #require(Self.item(first.id, in: dom))
        #expect(item.contains("is-wrong"))
        #expect(item.contains("Not right."))
        let feedback = try #require(item.components(separatedBy: "data-feedback").dropFirst().first)
        #expect(!feedback.hasPrefix("=\"\" hidden") && !feedback.hasPrefix(" hidden") && !feedback.hasPrefix("=\"\" hidden=\"\""),
                "the explanation stays hidden: \(feedback.prefix(80))")
        #expect(feedback.contains(Self.serialized(first.explanation)))
        for link in first.links {
            #expect(feedback.contains("<a href=\"\(link.href)\">\(Self.serialized(link.label))</a>"))
        }
        // The other questions are still unanswered, their explanations hidden.
        let second = try #require(check.questions.dropFirst().first)
        #expect(Self.item(second.id, in: dom)?.contains("hidden=\"\"") == true)
    }

    // MARK: - Paper

    static func printPages(_ page: URL, paper: String, folder: TemporaryFolder) throws -> (pages: [String], size: String) {
        let html = try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "</head>", with: "<style>@page { size: \(paper); }</style></head>")
        let sized = page.deletingLastPathComponent().appendingPathComponent("sized-\(paper)-" + page.lastPathComponent)
        try Data(html.utf8).write(to: sized)
        let pdf = folder.url.appendingPathComponent("\(page.lastPathComponent)-\(paper).pdf")
        let chromium = try ProcessRun.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                      "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                                                      "--print-to-pdf=\(pdf.path)", sized.absoluteString])
        #expect(chromium.status == 0)
        let info = try ProcessRun.run("pdfinfo", [pdf.path]).standardOutput
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? ""
        let pages = try (1...max(count, 1)).map { number in
            ChecklistPrintTests.flatten(try ProcessRun.run("pdftotext", ["-f", "\(number)", "-l", "\(number)", pdf.path, "-"]).standardOutput)
        }
        return (count == 0 ? [] : pages, size)
    }

    @Test(arguments: ["A4", "letter"])
    func theSignOffSheetAndThePrintableCheckCarryTheVersionOnEveryPage(paper: String) async throws {
        let folder = TemporaryFolder()
        let (site, check, version) = try await Self.build(into: folder)
        let folderURL = site.appendingPathComponent("roles/\(Self.role)")
        let footer = "handbook \(version.inputs!) of \(version.date!)"

        let signOff = try Self.printPages(folderURL.appendingPathComponent("sign-off.html"), paper: paper, folder: folder)
        #expect(signOff.size.contains(paper == "A4" ? "(A4)" : "(letter)"))
        #expect(signOff.pages.count >= 2)
        for (index, page) in signOff.pages.enumerated() {
            #expect(page.contains("Store manager · sign-off · \(footer)"), "sign-off page \(index + 1) has no version")
            #expect(page.contains("Page \(index + 1) of \(signOff.pages.count)"))
        }
        let all = signOff.pages.joined(separator: " ")
        #expect(all.contains("Handbook version \(version.inputs!)"))
        let signature = signOff.pages.first { $0.contains("Sign-off Name Date Signature Trainer") }
        #expect(signature != nil, "the signature block is missing or split across pages")
        let compact = ChecklistPrintTests.compact(all)
        for sop in version.sops where sop.roles.contains(Self.role) {
            #expect(compact.contains(ChecklistPrintTests.compact(sop.title ?? "")), "\(sop.id) is not on the sheet")
        }

        let sheet = try Self.printPages(folderURL.appendingPathComponent("check-print.html"), paper: paper, folder: folder)
        for (index, page) in sheet.pages.enumerated() {
            #expect(page.contains("Store manager · knowledge check · \(footer)"), "check page \(index + 1) has no version")
        }
        let sheetCompact = sheet.pages.map(ChecklistPrintTests.compact)
        for question in check.questions {
            // A question and its options stay on one page.
            let texts = ([question.prompt] + question.options).map(ChecklistPrintTests.compact)
            #expect(sheetCompact.contains { page in texts.allSatisfy(page.contains) }, "\(question.id) is missing or split")
        }
    }
}
