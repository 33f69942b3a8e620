import Foundation
import Testing
@testable import SOPKit

/// `sopgen review` through the binary: the loop (review --record → check warns → SOP updated →
/// check clean), exit status by --fail-on, and the safety of what it writes.
@Suite struct ReviewLoopTests {
    let folder = TemporaryFolder()
    var pack: URL { folder.url.appendingPathComponent("pack") }
    var export: String { pack.appendingPathComponent("examples/first-week.csv").path }

    init() {
        _ = folder.copyPack(TestPaths.bundledPack)
    }

    func sopgen(_ arguments: [String], input: String? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, input: input)
    }

    func flaggedSOPs(_ check: ProcessRun) -> [String] {
        check.standardError.split(separator: "\n").filter { $0.hasSuffix("[sop-update-due]") }
            .compactMap { $0.split(separator: "'").dropFirst().first.map(String.init) }.sorted()
    }

    @Test func reviewRecordThenCheckWarnsUntilEachFlaggedSOPIsReviewed() throws {
        #expect(try sopgen(["check", pack.path]).standardOutput.contains("no problems found"))
        let review = try sopgen(["review", export, pack.path, "--record", "--format", "json"])
        #expect(review.status == 0, "\(review.standardError)")
        #expect(review.standardError.contains("recorded reviews/2026-11-21.yml"))
        let record = try String(contentsOf: pack.appendingPathComponent("reviews/2026-11-21.yml"), encoding: .utf8)
        #expect(record.hasPrefix(ReviewRecordWriter.header))

        let warned = try sopgen(["check", pack.path])
        #expect(warned.status == 0)
        let flagged = flaggedSOPs(warned)
        #expect(flagged == ["approvals-queue", "pausing-automation", "product-copy", "read-only-questions", "refunds-and-coupons",
                            "support-drafts", "workflow-approvals"])
        #expect(try sopgen(["check", pack.path, "--strict"]).status == 1)

        // Reviewing one SOP on the day of the review is not enough; the day after is.
        let sops = try FileManager.default.subpathsOfDirectory(atPath: pack.appendingPathComponent("procedures").path)
        func setReviewed(_ id: String, _ day: String) throws {
            let path = sops.first { $0.hasSuffix("/\(id).md") }!
            let url = pack.appendingPathComponent("procedures/\(path)")
            let text = try String(contentsOf: url, encoding: .utf8)
            let updated = text.replacing(try Regex("last_reviewed: [0-9-]+"), with: "last_reviewed: \(day)", maxReplacements: 1)
            try Data(updated.utf8).write(to: url)
        }
        try setReviewed("support-drafts", "2026-11-21")
        #expect(flaggedSOPs(try sopgen(["check", pack.path])).contains("support-drafts"))
        for id in flagged { try setReviewed(id, "2026-11-22") }
        let clean = try sopgen(["check", pack.path, "--today", "2026-11-22"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput.contains("no problems found"), "\(clean.standardError)")
    }

    @Test func theSOPPageAndTheHomePageShowTheFlagUntilTheSOPIsReviewed() throws {
        #expect(try sopgen(["review", export, pack.path, "--record", "--format", "json"]).status == 0)
        let site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", pack.path, "--output", site.path]).status == 0)
        let flag = "flagged by the review of 2026-11-21"
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.components(separatedBy: flag).count - 1 == 7)
        let trainer = try String(contentsOf: site.appendingPathComponent("sops/support-drafts.html"), encoding: .utf8)
        #expect(trainer.contains("Flagged by the review of 2026-11-21"))
        let roleView = try String(contentsOf: site.appendingPathComponent("roles/support-agent/support-drafts.html"), encoding: .utf8)
        #expect(roleView.contains("Flagged by the review of 2026-11-21"))
        let unflagged = try String(contentsOf: site.appendingPathComponent("sops/incident-escalation.html"), encoding: .utf8)
        #expect(!unflagged.contains("Flagged by"))
    }

    func setReviewed(_ id: String, _ day: String) throws {
        let sops = try FileManager.default.subpathsOfDirectory(atPath: pack.appendingPathComponent("procedures").path)
        let path = try #require(sops.first { $0.hasSuffix("/\(id).md") })
        let url = pack.appendingPathComponent("procedures/\(path)")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacing(try Regex("last_reviewed: [0-9-]+"), with: "last_reviewed: \(day)", maxReplacements: 1).utf8).write(to: url)
    }

    func triggered(_ check: ProcessRun) -> [String] {
        check.standardError.split(separator: "\n").filter { $0.hasSuffix("[review-triggered]") }
            .compactMap { $0.split(separator: "'").dropFirst().first.map(String.init) }.sorted()
    }

    @Test func aHostingChangeFromSiteImportMakesItsSOPsDueUntilReviewed() throws {
        let report = TestPaths.fixtures.appendingPathComponent("site-health/full-debug.txt").path
        let imported = try sopgen(["site", "import", report, pack.path, "--force"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Recorded a hosting change in reviews/triggers.yml"))
        let log = try String(contentsOf: pack.appendingPathComponent("reviews/triggers.yml"), encoding: .utf8)
        #expect(log.contains("wordpress_version 6.8.1 → 6.8.3"))
        let warned = try sopgen(["check", pack.path])
        #expect(triggered(warned) == ["providers-and-budgets", "rollout-readiness"])
        #expect(warned.standardError.contains("hosting-change on 2026-11-21"))
        // The same import again changes nothing and records nothing more.
        #expect(try sopgen(["site", "import", report, pack.path, "--force"]).status == 0)
        #expect(try String(contentsOf: pack.appendingPathComponent("reviews/triggers.yml"), encoding: .utf8) == log)
        try setReviewed("providers-and-budgets", "2026-11-22")
        try setReviewed("rollout-readiness", "2026-11-22")
        let clean = try sopgen(["check", pack.path, "--today", "2026-11-22"])
        #expect(clean.standardOutput.contains("no problems found"), "\(clean.standardError)")
    }

    @Test func aProviderChangeInTheSiteRecordMakesSOPsAndPlaybooksDueUntilReviewed() throws {
        let report = TestPaths.fixtures.appendingPathComponent("site-health/full-debug.txt").path
        #expect(try sopgen(["site", "import", report, pack.path, "--force", "--today", "2026-11-21"]).status == 0)
        let remembered = try String(contentsOf: pack.appendingPathComponent("reviews/providers.yml"), encoding: .utf8)
        #expect(remembered.contains("OpenAI gpt-4.1-mini"))
        #expect(!(try String(contentsOf: pack.appendingPathComponent("reviews/triggers.yml"), encoding: .utf8)).contains("provider-change"),
                "the first import only remembers the providers")
        // Someone replaces a provider in the site record by hand; the next import notices.
        let record = pack.appendingPathComponent("sites/harbour-store.yml")
        let text = try String(contentsOf: record, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "name: OpenAI\n    model: gpt-4.1-mini", with: "name: Mistral\n    model: mistral-large").utf8)
            .write(to: record)
        let imported = try sopgen(["site", "import", report, pack.path, "--force", "--today", "2026-11-25"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Recorded a provider change in reviews/triggers.yml (OpenAI gpt-4.1-mini replaced by Mistral mistral-large)"))
        let warned = try sopgen(["check", pack.path, "--today", "2026-11-25"])
        let lines = warned.standardError.split(separator: "\n").filter { $0.hasSuffix("[review-triggered]") && $0.contains("provider-change") }
        #expect(lines.contains { $0.hasPrefix("playbooks/low-stock-watch.yml:") && $0.contains(
            "playbook 'low-stock-watch' is due for review: provider-change on 2026-11-25 (harbour-store; OpenAI gpt-4.1-mini replaced by Mistral mistral-large)") })
        let due = triggered(warned)
        #expect(due.contains("low-stock-watch") && due.contains("providers-and-budgets") && due.contains("workflow-approvals"), "\(due)")
        // The same import again records nothing more.
        let log = try String(contentsOf: pack.appendingPathComponent("reviews/triggers.yml"), encoding: .utf8)
        #expect(try sopgen(["site", "import", report, pack.path, "--force", "--today", "2026-11-26"]).status == 0)
        #expect(try String(contentsOf: pack.appendingPathComponent("reviews/triggers.yml"), encoding: .utf8) == log)
        // Reviewed after the change: clean.
        for id in due where id != "low-stock-watch" { try setReviewed(id, "2026-11-26") }
        let playbook = pack.appendingPathComponent("playbooks/low-stock-watch.yml")
        let playbookText = try String(contentsOf: playbook, encoding: .utf8)
        try Data(playbookText.replacingOccurrences(of: "last_reviewed: 2026-11-10", with: "last_reviewed: 2026-11-26").utf8).write(to: playbook)
        let clean = try sopgen(["check", pack.path, "--today", "2026-11-26"])
        #expect(clean.standardOutput.contains("no problems found"), "\(clean.standardError)")
        // A hand-written providers.yml is not sopgen's: it is neither compared nor replaced.
        try Data("harbour-store: [Someone]\n".utf8).write(to: pack.appendingPathComponent("reviews/providers.yml"))
        #expect(try sopgen(["site", "import", report, pack.path, "--force", "--today", "2026-11-27"]).status == 0)
        #expect(try String(contentsOf: pack.appendingPathComponent("reviews/providers.yml"), encoding: .utf8) == "harbour-store: [Someone]\n")
    }

    @Test func newUsersAndAFailedFirstRunAreTriggersToo() async throws {
        let people = pack.appendingPathComponent("people.yml")
        let text = try String(contentsOf: people, encoding: .utf8)
        try Data((text + "  - login: new.hire\n    role: support-agent\n    added: 2026-11-20\n").utf8).write(to: people)
        var result = await Pipeline(packRoot: pack, today: TestClock.today).plan()
        #expect(result.diagnostics.filter { $0.code == .reviewTriggered }.map(\.message).contains {
            $0.hasPrefix("SOP 'rollout-readiness' is due for review: new-users on 2026-11-20 (new.hire added)")
        })
        let promoted = try sopgen(["playbook", "promote", "low-stock-watch", pack.path, "--to", "staging", "--first-run", "fail",
                                   "--by", "Sam Ibrahim"])
        #expect(promoted.status == 1)
        result = await Pipeline(packRoot: pack, today: TestClock.today).plan()
        let failed = result.diagnostics.filter { $0.code == .reviewTriggered && $0.message.contains("failed-run") }
        #expect(failed.map { $0.message.split(separator: "'")[1] }.sorted() == ["low-stock-watch", "pausing-automation", "workflow-approvals"])
    }

    @Test func failOnSetsTheExitStatus() throws {
        #expect(try sopgen(["review", export, pack.path, "--format", "md"]).status == 0)
        #expect(try sopgen(["review", export, pack.path, "--format", "md", "--fail-on", "none"]).status == 0)
        let failed = try sopgen(["review", export, pack.path, "--format", "md", "--fail-on", "error"])
        #expect(failed.status == 2)
        #expect(failed.standardOutput.hasPrefix("# Review of 2026-11-02 to 2026-11-08"))
        // A week without errors passes --fail-on error but not --fail-on info (in a store of its
        // own: the pack's store holds the example week, the same days).
        folder.write(["quiet.csv": "time,user,event,surface\n2026-11-02T09:00:00+01:00,ana.silva,prompt,copilot\n"])
        let quiet = folder.url.appendingPathComponent("quiet.csv").path
        let db = folder.url.appendingPathComponent("quiet.sqlite").path
        #expect(try sopgen(["review", quiet, pack.path, "--db", db, "--roster", pack.appendingPathComponent("examples/roster.csv").path,
                            "--fail-on", "warning", "--format", "json"]).status == 0)
        #expect(try sopgen(["review", quiet, pack.path, "--db", db, "--fail-on", "info", "--format", "json"]).status == 2)
    }

    @Test func standardInputAndBadUsage() throws {
        let text = try String(contentsOfFile: export, encoding: .utf8)
        let piped = try sopgen(["review", "-", pack.path, "--format", "json"], input: text)
        #expect(piped.status == 0)
        #expect(piped.standardOutput.contains("\"export\" : \"<stdin>\""))
        #expect(piped.standardOutput.contains("\"code\" : \"unknown-user\""), "no roster beside standard input")
        #expect(try sopgen(["review", export, pack.path, "--from", "2026-13-01"]).status == 64)
        #expect(try sopgen(["review", export, pack.path, "--from", "2026-11-05", "--to", "2026-11-01"]).status == 64)
        let missing = try sopgen(["review", folder.url.appendingPathComponent("none.csv").path, pack.path])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("none.csv"))
    }

    @Test func malformedRowsAreReportedWithTheirPlaceAndTheReviewStillWritten() throws {
        folder.write(["bad.csv": "time,user,event,surface\n2026-11-02T09:00:00+01:00,ana.silva,prompt,copilot\nyesterday,ana.silva,prompt,copilot\n"])
        let path = folder.url.appendingPathComponent("bad.csv").path
        let run = try sopgen(["review", path, pack.path, "--format", "json"])
        #expect(run.status == 0)
        #expect(run.standardError.contains("\(path):3:1: error: 'yesterday' is not an ISO 8601 time"))
        #expect(run.standardOutput.contains("\"malformedRows\" : 1"))
        #expect(try sopgen(["review", path, pack.path, "--format", "json", "--fail-on", "error"]).status == 2)
    }

    @Test func theStoreIsListedAndReviewedAgainWithoutTheExport() throws {
        let store = pack.appendingPathComponent(".sopgen/review.sqlite")
        let none = try sopgen(["review", "--list", pack.path])
        #expect(none.status == 0)
        #expect(none.standardOutput.hasPrefix("No review store yet at .sopgen/review.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: store.path), "--list creates nothing")
        let withExport = try sopgen(["review", export, pack.path, "--format", "json"])
        #expect(withExport.status == 0)
        #expect(FileManager.default.fileExists(atPath: store.path))
        let listed = try sopgen(["review", "--list", pack.path])
        #expect(listed.status == 0)
        let lines = listed.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Review store .sopgen/review.sqlite (schema 3): 228 events") == true, "\(listed.standardOutput)")
        #expect(lines.contains { $0.contains("examples/first-week.csv") && $0.contains("2026-11-02 to 2026-11-08") })
        // The export gone, the store still answers: the same findings, from the store alone.
        try FileManager.default.moveItem(atPath: export, toPath: folder.url.appendingPathComponent("moved.csv").path)
        let alone = try sopgen(["review", "--from", "2026-11-02", "--to", "2026-11-08", pack.path, "--format", "json"])
        #expect(alone.status == 0, "\(alone.standardError)")
        #expect(alone.standardOutput.contains("\"export\" : \".sopgen/review.sqlite\""))
        func codes(_ run: ProcessRun) -> [Substring] {
            run.standardOutput.split(separator: "\n").filter { $0.contains("\"code\" : ") }.sorted()
        }
        #expect(codes(alone) == codes(withExport))
        // --db puts the store elsewhere; a file there that is not a store is refused and kept.
        let elsewhere = folder.url.appendingPathComponent("elsewhere.sqlite").path
        #expect(try sopgen(["review", folder.url.appendingPathComponent("moved.csv").path, pack.path, "--db", elsewhere,
                            "--format", "md"]).status == 0)
        #expect(try sopgen(["review", "--list", pack.path, "--db", elsewhere]).standardOutput.contains("moved.csv"))
        folder.write(["notes.txt": "not a database"])
        let notes = folder.url.appendingPathComponent("notes.txt").path
        let refused = try sopgen(["review", folder.url.appendingPathComponent("moved.csv").path, pack.path, "--db", notes])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("is not a sopgen review database"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "not a database")
        #expect(try sopgen(["review", "--list", "--record", pack.path]).status == 64)
    }

    @Test func outputIsWrittenSafely() throws {
        let target = folder.url.appendingPathComponent("review.html")
        #expect(try sopgen(["review", export, pack.path, "-o", target.path]).status == 0)
        #expect(try sopgen(["review", export, pack.path, "-o", target.path]).status == 0, "sopgen's own report is replaced")
        folder.write(["notes.md": "mine\n"])
        let notes = folder.url.appendingPathComponent("notes.md").path
        let refused = try sopgen(["review", export, pack.path, "--format", "md", "-o", notes])
        #expect(refused.status == 1)
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "mine\n")
        let source = pack.appendingPathComponent("roles.yml").path
        #expect(try sopgen(["review", export, pack.path, "-o", source, "--force"]).status == 1)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.html").path, withDestinationPath: notes)
        #expect(try sopgen(["review", export, pack.path, "-o", folder.url.appendingPathComponent("link.html").path, "--force"]).status == 1)
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "mine\n")
    }

    /// A refused --output is said before the export is read: nothing ingested, no store made, no
    /// review summary; the same message as the writer's, and the file kept. Each refusal the
    /// writer has (a hand-written file, a link, a pack source, a missing folder) is checked first.
    @Test func aRefusedOutputIsSaidBeforeTheExportIsIngested() throws {
        let store = pack.appendingPathComponent(".sopgen/review.sqlite")
        folder.write(["notes.md": "mine\n"])
        let notes = folder.url.appendingPathComponent("notes.md").path
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.html").path, withDestinationPath: notes)
        let refusals: [([String], String)] = [
            (["-o", notes], "'\(notes)' exists and sopgen did not write it; choose another --output, or pass --force to replace it"),
            (["-o", folder.url.appendingPathComponent("link.html").path, "--force"], "is a folder, a symbolic link or a special file"),
            (["-o", pack.appendingPathComponent("roles.yml").path, "--force"], "sopgen never writes pack sources"),
            (["-o", folder.url.appendingPathComponent("no/such/folder/review.md").path], "its folder does not exist"),
        ]
        for (arguments, message) in refusals {
            let refused = try sopgen(["review", export, pack.path, "--format", "md"] + arguments)
            #expect(refused.status == 1, "\(arguments)")
            #expect(refused.standardError.hasPrefix("sopgen: error: "), "\(refused.standardError)")
            #expect(refused.standardError.contains(message), "\(refused.standardError)")
            #expect(!refused.standardError.contains("sopgen: review "), "no review was computed: \(refused.standardError)")
            #expect(!FileManager.default.fileExists(atPath: store.path), "nothing ingested before the refusal: \(arguments)")
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "mine\n")
        // Forced over a plain file, or a new file: the review goes on and writes it.
        #expect(try sopgen(["review", export, pack.path, "--format", "md", "-o", notes, "--force"]).status == 0)
        #expect(try String(contentsOfFile: notes, encoding: .utf8).hasPrefix("#"))
        #expect(FileManager.default.fileExists(atPath: store.path))
    }

    @Test func recordNeverWritesThroughALinkOrOverAHandWrittenFile() throws {
        let outside = folder.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: pack.appendingPathComponent("reviews").path, withDestinationPath: outside.path)
        let linked = try sopgen(["review", export, pack.path, "--record", "--format", "json"])
        #expect(linked.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        // Refused before the export is read: no review computed, nothing ingested.
        let store = pack.appendingPathComponent(".sopgen/review.sqlite")
        #expect(!linked.standardError.contains("sopgen: review "), "\(linked.standardError)")
        #expect(!FileManager.default.fileExists(atPath: store.path))

        try FileManager.default.removeItem(at: pack.appendingPathComponent("reviews"))
        folder.write(["pack/reviews/2026-11-21.yml": "date: \"2026-11-21\"\nflagged_sops: []\n"])
        let handWritten = try sopgen(["review", export, pack.path, "--record", "--format", "json"])
        #expect(handWritten.status == 1)
        #expect(handWritten.standardError.contains("sopgen did not write it"))
        #expect(!handWritten.standardError.contains("sopgen: review "), "\(handWritten.standardError)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(try String(contentsOf: pack.appendingPathComponent("reviews/2026-11-21.yml"), encoding: .utf8).hasPrefix("date:"))

        try FileManager.default.removeItem(at: pack.appendingPathComponent("reviews/2026-11-21.yml"))
        #expect(try sopgen(["review", export, pack.path, "--record", "--format", "json"]).status == 0)
        #expect(try sopgen(["review", export, pack.path, "--record", "--format", "json"]).status == 0, "its own record is replaced")
    }
}
