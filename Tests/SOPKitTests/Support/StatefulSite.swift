import Foundation
import Testing
@testable import SOPKit

/// The bundled site as the browser tests see it: every page of the bundled pack, with each state a
/// reader must be able to see switched on (a blocked rollout with a failing value, an overdue
/// review, SOPs flagged by a recorded review) and the first-week review report as one more page,
/// so layout and accessibility are checked on every page kind, in every state, in one run.
enum StatefulSite {
    static func plan() async throws -> OutputPlan {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack, as: "sops")
        try edit(pack.appendingPathComponent("sites/harbour-store.yml"), "php_version: 8.2.28", "php_version: 7.4.33")
        try edit(pack.appendingPathComponent("procedures/automation/pausing-automation.md"), "last_reviewed: 2026-11-10", "last_reviewed: 2026-01-10")
        let pipeline = Pipeline(packRoot: pack, today: TestClock.today)
        let export = pack.appendingPathComponent("examples/first-week.csv").path
        let review = try await pipeline.review(.init(export: export, format: .html))
        let report = try #require(review.report, "\(Build.diagnosticsText(review.result))")
        _ = try pipeline.record(report)
        let result = await pipeline.plan()
        var plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        plan.add("reviews/first-week.html", try #require(review.output))
        // The states are there, so a test on this site cannot pass by losing them.
        let home = try #require(plan.text("index.html"))
        #expect(home.contains("Rollout blocked: "), "no blocked rollout on home")
        #expect(home.contains("fact fact-failing"), "no failing value marked")
        #expect(home.contains("review overdue since"), "no overdue review")
        #expect(home.contains("flagged by the review of"), "no SOP flagged by the review")
        return plan
    }

    private static func edit(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old), "\(file.lastPathComponent) no longer holds '\(old)'")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }
}
