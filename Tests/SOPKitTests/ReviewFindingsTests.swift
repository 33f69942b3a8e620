import Foundation
import Testing
@testable import SOPKit

/// The findings on a generated first week with planted problems: exactly the planted ones (and
/// the informational unused capabilities), pinned by a golden JSON report; no secret or email in
/// any output.
@Suite struct ReviewFindingsTests {
    struct Planted: Codable, Hashable {
        var code: String
        var user: String
        var plan: String
    }

    /// Runs scripts/generate-first-week.py into a temporary folder.
    static func generate(_ arguments: [String]) throws -> (folder: TemporaryFolder, planted: [Planted]) {
        let folder = TemporaryFolder()
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/generate-first-week.py").path
        let planted = folder.url.appendingPathComponent("planted.json").path
        let run = try ProcessRun.run("python3", [script, "--out", folder.url.path, "--planted", planted] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        let list = try JSONDecoder().decode([Planted].self, from: Data(contentsOf: URL(fileURLWithPath: planted)))
        return (folder, list)
    }

    static func review(_ export: String, roster: String? = nil, format: ReviewFormat = .json,
                       pack: URL = TestPaths.bundledPack) async throws -> Pipeline.ReviewOutcome {
        try await Pipeline(packRoot: pack, today: TestClock.today)
            .review(.init(export: export, roster: roster, format: format, store: .memory))
    }

    static func found(_ outcome: Pipeline.ReviewOutcome) -> [Planted] {
        outcome.report!.findings.filter { $0.severity > .info }
            .map { Planted(code: $0.code.rawValue, user: $0.user ?? "", plan: $0.plan ?? "") }
            .sorted { ($0.code, $0.user, $0.plan) < ($1.code, $1.user, $1.plan) }
    }

    static func sortedPlanted(_ list: [Planted]) -> [Planted] {
        list.sorted { ($0.code, $0.user, $0.plan) < ($1.code, $1.user, $1.plan) }
    }

    @Test func aGeneratedWeekListsExactlyThePlantedFindings() async throws {
        let (folder, planted) = try Self.generate(["--seed", "11"])
        let outcome = try await Self.review(folder.url.appendingPathComponent("first-week.csv").path)
        #expect(outcome.inputDiagnostics.isEmpty)
        // Planted findings with no plan (unsafe prompts, missing context, …) match on code and user.
        let found = Self.found(outcome).map { finding in
            planted.contains(finding) ? finding : Planted(code: finding.code, user: finding.user, plan: "")
        }
        #expect(Self.sortedPlanted(found) == Self.sortedPlanted(planted))
        #expect(planted.count == 10)
        let json = outcome.output!.replacingOccurrences(of: folder.url.path, with: "WEEK")
        Golden.assertText(json, matches: "review/first-week.json")
        #expect(try JSONSchemaValidator.validate(json, against: "review.schema.json") == "valid")
    }

    @Test func aLargerWeekHasTheSameFindings() async throws {
        let small = try Self.generate(["--seed", "5"])
        let large = try Self.generate(["--seed", "5", "--scale", "4"])
        let smallOutcome = try await Self.review(small.folder.url.appendingPathComponent("first-week.csv").path)
        let largeOutcome = try await Self.review(large.folder.url.appendingPathComponent("first-week.csv").path)
        #expect(largeOutcome.report!.counts.events > 3 * smallOutcome.report!.counts.events)
        #expect(Self.found(largeOutcome).map(\.code) == Self.found(smallOutcome).map(\.code))
    }

    @Test func jsonLinesAndMalformedRowsGiveTheSameFindings() async throws {
        let csv = try Self.generate(["--seed", "9"])
        let jsonl = try Self.generate(["--seed", "9", "--jsonl", "--malformed", "3"])
        let csvOutcome = try await Self.review(csv.folder.url.appendingPathComponent("first-week.csv").path)
        let jsonlOutcome = try await Self.review(jsonl.folder.url.appendingPathComponent("first-week.jsonl").path)
        #expect(jsonlOutcome.report!.format == .jsonLines)
        #expect(jsonlOutcome.inputDiagnostics.count == 3)
        #expect(jsonlOutcome.inputDiagnostics.allSatisfy { $0.code == .malformedRow })
        #expect(Self.found(jsonlOutcome) == Self.found(csvOutcome))
        let broken = try Self.generate(["--seed", "9", "--malformed", "2"])
        let brokenOutcome = try await Self.review(broken.folder.url.appendingPathComponent("first-week.csv").path)
        #expect(brokenOutcome.inputDiagnostics.map(\.code.rawValue) == ["malformed-row", "malformed-row"])
        #expect(Self.found(brokenOutcome) == Self.found(csvOutcome))
    }

    @Test func noSecretFromTheExportAndNoEmailFromTheRosterReachesAnyOutput() async throws {
        let folder = TemporaryFolder()
        var csv = "time,user,event,surface,plan,policy,risk,note,text\n"
        for (index, secret) in SensitiveDataScannerTests.secrets.enumerated() {
            func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let minute = String(format: "%02d", index % 60)
            csv += "2026-11-02T09:\(minute):00+01:00,ana.silva,prompt,copilot,,,,,\(quoted("please check " + secret.1))\n"
            csv += "2026-11-03T09:\(minute):00+01:00,tom.okafor,rejected,support-drafts,p\(index),support-replies,low,\(quoted(secret.1)),\n"
            csv += "2026-11-03T08:\(minute):00+01:00,li.chen,proposed,support-drafts,p\(index),support-replies,low,,\n"
        }
        folder.write(["week.csv": csv,
                      "roster.csv": "user_login,user_email,roles\nana.silva,ana.private@mailbox.example,contributor\n"])
        var outputs: [String] = []
        for format in ReviewFormat.allCases {
            let outcome = try await Self.review(folder.url.appendingPathComponent("week.csv").path, format: format)
            outputs.append(outcome.output!)
            if format == .json {
                let unsafe = outcome.report!.findings.filter { $0.code == .unsafePrompt }
                #expect(unsafe.count == SensitiveDataScannerTests.secrets.count)
            }
        }
        for output in outputs {
            #expect(!output.contains("ana.private"))
            for (name, secret) in SensitiveDataScannerTests.secrets {
                // What the scanner takes for the secret itself (prose around it may be quoted in notes).
                for probe in SensitiveDataScanner().scan(secret).map(\.text) where probe.count >= 8 {
                    #expect(!output.contains(probe), "\(name) reached the report")
                }
            }
        }
    }

    @Test func findingsNameTheSOPsAndDecisionCardsToUpdate() async throws {
        let outcome = try await Self.review(TestPaths.bundledPack.appendingPathComponent("examples/first-week.csv").path)
        let report = outcome.report!
        let selfApproval = try #require(report.findings.first { $0.code == .selfApproval })
        #expect(selfApproval.role == "store-manager")
        #expect(selfApproval.sops == ["approvals-queue", "refunds-and-coupons"])
        #expect(selfApproval.cards.map(\.link) == ["roles/store-manager/index.html#policy-refunds-and-coupons"])
        #expect(selfApproval.evidence.count == 2)
        let context = try #require(report.findings.first { $0.code == .missingContext })
        #expect(context.notes.count == 3)
        let stats = try #require(report.roles.first { $0.role == "store-manager" })
        #expect(stats.approvalLatencyMedianMinutes != nil)
        #expect(stats.approvalLatencyP90Minutes! >= stats.approvalLatencyMedianMinutes!)
    }

    @Test func percentilesAreNearestRank() {
        #expect(RoleStatistics.percentile([Int](), 50) == nil)
        #expect(RoleStatistics.percentile([5], 90) == 5)
        #expect(RoleStatistics.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50) == 5)
        #expect(RoleStatistics.percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90) == 9)
    }

    @Test func theHTMLReportIsOfflineAndDrawsItsChartsAsSVG() async throws {
        let outcome = try await Self.review(TestPaths.bundledPack.appendingPathComponent("examples/first-week.csv").path, format: .html)
        let html = outcome.output!
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count == 4)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src=\"http"))
        #expect(html.contains("href=\"../../roles/store-manager/index.html#policy-refunds-and-coupons\""))
        #expect(Pipeline.isReview(Data(html.utf8)))
        let markdown = try await Self.review(TestPaths.bundledPack.appendingPathComponent("examples/first-week.csv").path, format: .md).output!
        #expect(Pipeline.isReview(Data(markdown.utf8)))
        #expect(!Pipeline.isReview(Data("# Notes\n\nmine\n".utf8)))
    }
}
