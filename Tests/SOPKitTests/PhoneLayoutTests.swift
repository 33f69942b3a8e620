import Foundation
import Testing
@testable import SOPKit

/// Every page of the bundled site, laid out by headless Chromium in a frame 390 pixels wide (a
/// phone): none is wider than the frame, so nothing scrolls sideways and no column is cut off.
@Suite(.enabled(if: ExternalTool.available(.chromium)))
struct PhoneLayoutTests {
    static let width = 390

    /// Put into every page: reports the page's width and its first elements past the right edge.
    static let probe = """
        <script>addEventListener('load', () => {
          const d = document.documentElement;
          const past = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
          parent.postMessage(JSON.stringify({page: location.pathname, scroll: d.scrollWidth, client: d.clientWidth, past}), '*');
        });</script>
        """

    struct Measure: Decodable {
        var page: String
        var scroll: Int
        var client: Int
        var past: [String]
    }

    @Test func noPageScrollsSidewaysAtPhoneWidth() async throws {
        let result = await Build.plan(TestPaths.bundledPack)
        let plan = try #require(result.plan)
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        var pages: [String] = []
        for file in plan.files {
            let target = site.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if file.path.hasSuffix(".html") {
                let html = String(decoding: file.contents, as: UTF8.self).replacingOccurrences(of: "</head>", with: Self.probe + "</head>")
                try Data(html.utf8).write(to: target)
                pages.append(file.path)
            } else {
                try file.contents.write(to: target)
            }
        }
        #expect(pages.count > 50)
        // One Chromium for all pages, one frame that visits them in turn; each page reports by message.
        let list = String(decoding: try JSONEncoder().encode(pages.map { "site/" + $0 }), as: UTF8.self)
        let harness = """
            <!doctype html><html><body><pre id="out"></pre>
            <iframe id="frame" style="width:\(Self.width)px;height:700px;border:0"></iframe>
            <script>const pages = \(list), got = [], frame = document.getElementById('frame');
              addEventListener('message', e => { got.push(e.data); document.getElementById('out').textContent = '[' + got.join(',') + ']';
                if (got.length < pages.length) frame.src = pages[got.length]; });
              frame.src = pages[0];</script>
            </body></html>
            """
        let harnessFile = folder.url.appendingPathComponent("phone.html")
        try Data(harness.utf8).write(to: harnessFile)
        let run = try ProcessRun.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=60000",
                                                  "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                                                  "--dump-dom", harnessFile.absoluteString])
        #expect(run.status == 0, "chromium failed; scripts/test.sh installs Debian's chromium")
        let dom = run.standardOutput
        let json = try #require(dom.firstMatch(of: /<pre id="out">(\[.*?\])<\/pre>/)?.output.1, "no page reported: \(dom.prefix(300))")
        let text = String(json).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let measures = try JSONDecoder().decode([Measure].self, from: Data(text.utf8))
        let reported = Set(measures.map { String($0.page.split(separator: "/site/", maxSplits: 1).last ?? "") })
        #expect(Set(pages).subtracting(reported).sorted() == [], "pages that did not report")
        for measure in measures {
            #expect(measure.client > 300 && measure.client <= Self.width, "\(measure.page): the frame is \(measure.client) px")
            #expect(measure.scroll <= measure.client, "\(measure.page) is \(measure.scroll) px wide at \(measure.client) px: \(measure.past)")
        }
    }
}
