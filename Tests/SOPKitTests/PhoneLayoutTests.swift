import Foundation
import Testing
@testable import SOPKit

/// Every page of the bundled site (`StatefulSite`: with a blocked rollout, an overdue review, flagged
/// SOPs and the first-week review report), laid out by headless Chromium in a frame 390 pixels wide (a
/// phone): none is wider than the frame, so nothing scrolls sideways and no column is cut off.
@Suite(.enabled(if: ExternalTool.available(.chromium)))
struct PhoneLayoutTests {
    static let width = 390

    /// Reports the page's width and its first elements past the right edge.
    static let probe = """
        addEventListener('load', () => {
          const d = document.documentElement;
          const past = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
          report({scroll: d.scrollWidth, client: d.clientWidth, past});
        });
        """

    struct Measure: Decodable {
        var scroll: Int
        var client: Int
        var past: [String]
    }

    @Test func noPageScrollsSidewaysAtPhoneWidth() async throws {
        let plan = try await StatefulSite.plan()
        let harness = try BrowserHarness.run(plan, width: Self.width, probe: Self.probe)
        #expect(harness.reports.count > 50)
        for (page, json) in harness.reports {
            let measure = try JSONDecoder().decode(Measure.self, from: Data(json.utf8))
            #expect(measure.client > 300 && measure.client <= Self.width, "\(page): the frame is \(measure.client) px")
            #expect(measure.scroll <= measure.client, "\(page) is \(measure.scroll) px wide at \(measure.client) px: \(measure.past)")
        }
    }
}
