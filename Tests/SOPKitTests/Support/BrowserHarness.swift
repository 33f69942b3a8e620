import Foundation
import Testing
@testable import SOPKit

/// Every page of a planned site in one headless Chromium: a probe script is put into each page,
/// one frame of a given width visits the pages in turn, and each page reports a JSON object by
/// message (one process for all pages; a frame per page at once exhausted Chromium's renderers).
struct BrowserHarness {
    /// The pages (site paths) and what each reported, in visiting order.
    var reports: [(page: String, json: String)] = []

    /// `probe` is JavaScript that ends by calling `report(object)`; `scripts` are files put before it.
    static func run(_ plan: OutputPlan, width: Int, probe: String, scripts: [URL] = [], budgetMilliseconds: Int = 120_000) throws -> BrowserHarness {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        let head = scripts.map { "<script src=\"\($0.absoluteString)\"></script>" }.joined()
            + "<script>function report(object) { object.page = location.pathname; parent.postMessage(JSON.stringify(object), '*'); }\n"
            + probe + "</script>"
        var pages: [String] = []
        for file in plan.files {
            let target = site.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if file.path.hasSuffix(".html") {
                let html = String(decoding: file.contents, as: UTF8.self).replacingOccurrences(of: "</head>", with: head + "</head>")
                try Data(html.utf8).write(to: target)
                pages.append(file.path)
            } else {
                try file.contents.write(to: target)
            }
        }
        let list = String(decoding: try JSONEncoder().encode(pages.map { "site/" + $0 }), as: UTF8.self)
        let harness = """
            <!doctype html><html><body><pre id="out"></pre>
            <iframe id="frame" style="width:\(width)px;height:700px;border:0"></iframe>
            <script>const pages = \(list), got = [], frame = document.getElementById('frame');
              addEventListener('message', e => { got.push(e.data); document.getElementById('out').textContent = JSON.stringify(got);
                if (got.length < pages.length) frame.src = pages[got.length]; });
              frame.src = pages[0];</script>
            </body></html>
            """
        let harnessFile = folder.url.appendingPathComponent("harness.html")
        try Data(harness.utf8).write(to: harnessFile)
        let run = try ProcessRun.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=\(budgetMilliseconds)",
                                                  "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                                                  "--dump-dom", harnessFile.absoluteString])
        #expect(run.status == 0, "chromium failed; scripts/test.sh installs Debian's chromium")
        let escaped = run.standardOutput.firstMatch(of: /<pre id="out">(.*?)<\/pre>/)?.output.1 ?? "[]"
        let text = String(escaped).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let messages = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        var result = BrowserHarness()
        for (page, message) in zip(pages, messages) { result.reports.append((page, message)) }
        #expect(messages.count == pages.count, "\(pages.count - messages.count) of \(pages.count) pages did not report; the first: \(pages.dropFirst(messages.count).first ?? "")")
        return result
    }
}
