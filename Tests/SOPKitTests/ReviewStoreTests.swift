import Foundation
import GRDB
import Testing
@testable import SOPKit

/// The review store: migrations (a fresh database, re-opened, a newer one refused, a damaged or
/// foreign file refused and left as it was), links in the way, overlapping exports kept once,
/// trends across windows, reviews from the store alone, and no secret in the database file.
@Suite struct ReviewStoreTests {
    let folder = TemporaryFolder()
    var pack: URL { folder.url.appendingPathComponent("pack") }
    var example: String { pack.appendingPathComponent("examples/first-week.csv").path }
    var database: String { folder.url.appendingPathComponent("review.sqlite").path }

    init() {
        _ = folder.copyPack(TestPaths.bundledPack)
    }

    func review(_ export: String?, from: String? = nil, to: String? = nil, store: ReviewStore.Location? = nil) async throws -> Pipeline.ReviewOutcome {
        try await Pipeline(packRoot: pack, today: TestClock.today)
            .review(.init(export: export, roster: pack.appendingPathComponent("examples/roster.csv").path,
                          from: from.flatMap(CalendarDate.init), to: to.flatMap(CalendarDate.init), format: .json,
                          store: store ?? .file(database)))
    }

    /// The example week moved `days` later (every date of November shifted), as a new export file.
    func shifted(_ days: Int, name: String) throws -> String {
        let text = try String(contentsOfFile: example, encoding: .utf8)
        let moved = text.replacing(try Regex("2026-11-([0-9]{2})T")) { match in
            let day = Int(match.output[1].substring!)! + days
            // November has 30 days.
            return day > 30 ? "2026-12-\(String(format: "%02d", day - 30))T" : "2026-11-\(String(format: "%02d", day))T"
        }
        folder.write([name: moved])
        return folder.url.appendingPathComponent(name).path
    }

    static func found(_ report: ReviewReport) -> [String] {
        report.findings.map { "\($0.code.rawValue) \($0.user ?? "") \($0.plan ?? "") \($0.severity.rawValue)" }.sorted()
    }

    // MARK: - Migrations

    @Test func aFreshDatabaseIsCreatedMarkedAndReopened() async throws {
        let first = try await review(example)
        #expect(first.report!.counts.rows == 231)
        #expect(first.report!.counts.duplicates == 2)
        let queue = try DatabaseQueue(path: database)
        try queue.inDatabase { (db: Database) throws in
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == ReviewStoreSchema.applicationID)
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == ReviewStoreSchema.version)
            #expect(try ReviewStoreSchema.migrator.hasCompletedMigrations(db))
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") == 228)
        }
        try queue.close()
        // Re-opened: the same export again adds nothing, and the review is the same.
        let again = try await review(example)
        let unknown = first.report!.counts.unknownEvents.values.reduce(0, +)
        #expect(unknown == 1)
        #expect(again.report!.counts.alreadyStored == 231 - unknown)
        #expect(again.report!.counts.duplicates == 0, "a row seen twice in this export and before is already stored")
        #expect(Self.found(again.report!) == Self.found(first.report!))
        let store = try ReviewStore.open(.file(database), packRoot: pack)
        #expect(try store.ingests().map(\.added) == [228, 0])
    }

    @Test func aDatabaseOfANewerSopgenIsRefusedAndLeftAsItWas() async throws {
        _ = try await review(example)
        let queue = try DatabaseQueue(path: database)
        try queue.inDatabase { (db: Database) throws in try db.execute(sql: "PRAGMA user_version = \(ReviewStoreSchema.version + 1)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(throws: ReviewStoreFailure.newer(database, detail: "schema 4; this sopgen knows up to 3")) {
            try ReviewStore.open(.file(database), packRoot: pack)
        }
        await #expect(throws: Pipeline.ReviewError.self) { try await review(example) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

        // A migration this sopgen does not know, with the version unchanged.
        let other = try DatabaseQueue(path: database)
        try other.inDatabase { (db: Database) throws in
            try db.execute(sql: "PRAGMA user_version = \(ReviewStoreSchema.version)")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        }
        try other.close()
        do {
            _ = try ReviewStore.open(.file(database), packRoot: pack)
            Issue.record("a database with an unknown migration was opened")
        } catch {
            #expect(String(describing: error).contains("v2-from-the-future"))
            #expect(String(describing: error).contains("newer sopgen"))
        }
    }

    @Test func aFileThatIsNotOurDatabaseIsRefusedNeverOverwritten() async throws {
        let cases: [(String, Data)] = [
            ("notes.sqlite", Data("these are my notes, not a database\n".utf8)),
            ("truncated.sqlite", Data("SQLite format 3\0".utf8) + Data(repeating: 0xA5, count: 4096)),
            ("short.sqlite", Data("SQLite".utf8)),
        ]
        for (name, bytes) in cases {
            let path = folder.url.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            do {
                _ = try await review(example, store: .file(path))
                Issue.record("\(name) was used as the review store")
            } catch {
                #expect(String(describing: error).contains(path), "\(error)")
                #expect(String(describing: error).contains("leaves it as it is"), "\(error)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name) was changed")
        }
        // Another program's SQLite database.
        let foreign = folder.url.appendingPathComponent("app.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.inDatabase { (db: Database) throws in try db.execute(sql: "CREATE TABLE customer (name TEXT)") }
        try queue.close()
        #expect(throws: ReviewStoreFailure.foreign(foreign)) { try ReviewStore.open(.file(foreign), packRoot: pack) }
    }

    @Test func aLinkInTheWayIsRefusedAndNothingIsWrittenThroughIt() async throws {
        let outside = folder.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        // The pack's .sopgen folder is a link.
        try FileManager.default.createSymbolicLink(atPath: pack.appendingPathComponent(".sopgen").path, withDestinationPath: outside.path)
        await #expect(throws: Pipeline.ReviewError.self) { try await review(example, store: .pack) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        try FileManager.default.removeItem(atPath: pack.appendingPathComponent(".sopgen").path)
        // The database itself, or its journal, is a link.
        try FileManager.default.createDirectory(at: pack.appendingPathComponent(".sopgen"), withIntermediateDirectories: true)
        let target = outside.appendingPathComponent("elsewhere.sqlite").path
        for name in ["review.sqlite", "review.sqlite-journal"] {
            let link = pack.appendingPathComponent(".sopgen/\(name)").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            #expect(throws: ReviewStoreFailure.symlink(".sopgen/\(name)")) { try ReviewStore.open(.pack, packRoot: pack) }
            #expect(!FileManager.default.fileExists(atPath: target))
            try FileManager.default.removeItem(atPath: link)
        }
        // --db naming a link is refused too; a folder where the file would be is not a database.
        let link = folder.url.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: ReviewStoreFailure.symlink(link)) { try ReviewStore.open(.file(link), packRoot: pack) }
        #expect(throws: ReviewStoreFailure.notAFile(outside.path)) { try ReviewStore.open(.file(outside.path), packRoot: pack) }
        #expect(throws: ReviewStoreFailure.noFolder("/nonexistent-sopgen/x.sqlite")) {
            try ReviewStore.open(.file("/nonexistent-sopgen/x.sqlite"), packRoot: pack)
        }
        // The default place works, inside the pack.
        _ = try await review(example, store: .pack)
        #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent(".sopgen/review.sqlite").path))
    }

    /// `--db procedures/notes.md` wrote an SQLite file where the loader reads SOPs, and the pack
    /// no longer checked (red team): a database inside the pack's sources, or a source file itself,
    /// is refused as `--output` is, and nothing is created.
    @Test func aDatabaseAmongThePackSourcesIsRefused() throws {
        for name in ["procedures/notes.md", "roles.yml", "snippets/store.sqlite", "procedures"] {
            let path = pack.appendingPathComponent(name).path
            let existed = FileManager.default.fileExists(atPath: path)
            #expect(throws: ReviewStoreFailure.self) { try ReviewStore.open(.file(path), packRoot: pack) }
            do {
                _ = try ReviewStore.open(.file(path), packRoot: pack)
            } catch {
                #expect(error.description.contains("inside the pack's sources") || error.description.contains("pack's source"), "\(error)")
            }
            #expect(FileManager.default.fileExists(atPath: path) == existed, "\(name)")
            #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        }
        // Beside the pack's sources (its own .sopgen folder, a folder of the pack sopgen does not read) is fine.
        _ = try ReviewStore.open(.file(pack.appendingPathComponent("review.sqlite").path), packRoot: pack)
    }

    /// An empty export (0 bytes, a header alone, a byte-order mark alone) was reviewed as the week
    /// of 1970-01-01 with "0 errors" and exit 0 (red team): a failed export looked like a clean
    /// week. With no window given, it is now refused, naming the file; with one, the store's days
    /// in it are reviewed as before.
    @Test(arguments: ["", "\u{FEFF}", "time,user,event,surface,plan,policy,risk,note,text\n", "\n\n"])
    func anExportWithNoEventsIsNoCleanWeek(text: String) async throws {
        folder.write(["empty.csv": text])
        let empty = folder.url.appendingPathComponent("empty.csv").path
        do {
            _ = try await review(empty)
            Issue.record("an export with no events was reviewed")
        } catch {
            #expect("\(error)".contains("'\(empty)' holds no events"), "\(error)")
        }
        let windowed = try await review(empty, from: "2026-11-02", to: "2026-11-08")
        #expect(windowed.report?.window.from == CalendarDate("2026-11-02"))
    }

    // MARK: - Ingest

    @Test func overlappingExportsAreKeptOnce() async throws {
        // The example is written with CRLF, as exports from Windows tools are.
        let lines = try String(contentsOfFile: example, encoding: .utf8).components(separatedBy: "\r\n")
        let header = String(lines[0])
        let rows = lines.dropFirst().filter { !$0.isEmpty }
        let early = rows.filter { $0 < "2026-11-06" }
        let late = rows.filter { $0 >= "2026-11-04" }
        let overlap = rows.filter { $0 >= "2026-11-04" && $0 < "2026-11-06" }
        let earlyText: String = ([header] + early).joined(separator: "\r\n") + "\r\n"
        let lateText: String = ([header] + late).joined(separator: "\r\n") + "\r\n"
        folder.write(["early.csv": earlyText, "late.csv": lateText])
        let whole = try await review(example, store: .memory)
        _ = try await review(folder.url.appendingPathComponent("early.csv").path)
        let second = try await review(folder.url.appendingPathComponent("late.csv").path, from: "2026-11-02")
        #expect(!overlap.isEmpty)
        #expect(second.report!.counts.alreadyStored == overlap.count)
        #expect(second.report!.counts.events == whole.report!.counts.events)
        #expect(Self.found(second.report!) == Self.found(whole.report!))
        // An event first seen in the earlier export names that file as its place.
        let places = second.report!.findings.flatMap(\.evidence).compactMap(\.file)
        #expect(!places.isEmpty && places.allSatisfy { $0.hasSuffix("early.csv") })
    }

    /// Rows that differ in one field only are distinct events, however alike: each is kept; the
    /// same row twice in one export is a duplicate, and every row again in a later export is
    /// already stored. Repeated policy ids and notes (made once from bytes) must not be conflated.
    @Test func nearDuplicatesDifferingInOneFieldAreKeptApart() throws {
        let base = ["2026-11-02T09:00:00+01:00", "ana.silva", "proposed", "approvals", "plan-1", "support-replies", "high",
                    "Checked against the order history.", "Refund order 1001"]
        let changed = ["2026-11-02T09:00:01+01:00", "ana.silvb", "approved", "diagnostics", "plan-2", "support-replieS", "low",
                       "Checked against the order history!", "Refund order 1002"]
        var rows = [base]
        for field in base.indices {
            var row = base
            row[field] = changed[field]
            rows.append(row)
        }
        // A missing optional field is not the same as a present one.
        for field in 3..<base.count {
            var row = base
            row[field] = ""
            rows.append(row)
        }
        let header = "time,user,event,surface,plan,policy,risk,note,text\n"
        let body = rows.map { $0.joined(separator: ",") + "\n" }.joined()
        folder.write(["near.csv": header + body + base.joined(separator: ",") + "\n", "again.csv": header + body])
        let store = try ReviewStore.open(.file(database), packRoot: pack)
        let reader = ActivityExportReader(settings: ReviewSettings())
        let first = try store.ingest(path: folder.url.appendingPathComponent("near.csv").path, reader: reader, day: TestClock.today)
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        #expect(first.rows == rows.count + 1)
        #expect(first.added == rows.count)
        #expect(first.duplicates == 1)
        let again = try store.ingest(path: folder.url.appendingPathComponent("again.csv").path, reader: reader, day: TestClock.today)
        #expect(again.added == 0)
        #expect(again.alreadyStored == rows.count)
        #expect(try store.totals().events == rows.count)
    }

    @Test func aReviewFromTheStoreAloneNeedsNoExport() async throws {
        let withExport = try await review(example)
        try FileManager.default.removeItem(atPath: example)
        let alone = try await review(nil, from: "2026-11-02", to: "2026-11-08")
        #expect(Self.found(alone.report!) == Self.found(withExport.report!))
        #expect(alone.report!.counts.events == withExport.report!.counts.events)
        let newest = try await review(nil)
        #expect(newest.report!.window == withExport.report!.window)
        // Nothing ingested: a clear message, and no database created.
        let empty = folder.url.appendingPathComponent("empty.sqlite").path
        do {
            _ = try await review(nil, store: .file(empty))
            Issue.record("a review of an empty store")
        } catch {
            #expect(String(describing: error).contains("nothing has been ingested yet"))
        }
        #expect(!FileManager.default.fileExists(atPath: empty))
    }

    @Test func aReviewComparesItsWindowWithTheWeeksBefore() async throws {
        let first = try await review(example)
        #expect(first.report!.trend.points.count == 1)
        let context = { (outcome: Pipeline.ReviewOutcome) in
            outcome.report?.findings.first { $0.code == .missingContext } ?? ReviewFinding(code: .missingContext, severity: .info, message: "none")
        }
        #expect(first.report!.findings.contains { $0.code == .missingContext })
        #expect(context(first).running == 1)
        let second = try await review(try shifted(7, name: "week2.csv"))
        #expect(second.report!.window.from.description == "2026-11-09")
        #expect(context(second).running == 2)
        #expect(context(second).message.hasSuffix("for the second week running"))
        let third = try await review(try shifted(14, name: "week3.csv"))
        #expect(context(third).message.hasSuffix("for the third week running"))
        let points = third.report!.trend.points
        #expect(points.map(\.from.description) == ["2026-11-02", "2026-11-09", "2026-11-16"])
        #expect(points.map(\.events) == Array(repeating: first.report!.counts.events, count: 3))
        #expect(points[0].byCode[.missingContext] == 1)
        let json = ReviewRenderer(pack: try #require(await Pipeline(packRoot: pack, today: TestClock.today).plan().resolved?.pack))
        let document = try JSONDecoder().decode(ReviewDocument.self, from: Data(json.render(third.report!, format: .json).utf8))
        #expect(document.trend.count == 3)
        #expect(document.findings.first { $0.code == "missing-context" }?.running == 3)
        let html = json.render(third.report!, format: .html)
        #expect(html.contains("id=\"trend\""))
        #expect(html.contains("<polyline class=\"stroke-error\""))
        #expect(json.render(third.report!, format: .md).contains("- 2026-11-02 to 2026-11-08: "))
        // A gap ends the trend: a week with nothing before it compares with nothing.
        let later = try await review(try shifted(28, name: "week5.csv"))
        #expect(later.report!.window.from.description == "2026-11-30")
        #expect(later.inputDiagnostics.isEmpty)
        #expect(later.report!.findings.contains { $0.code == .missingContext })
        #expect(later.report!.trend.points.count == 1)
        #expect(context(later).running == 1)
    }

    @Test func theDatabaseHoldsNoSecretFromTheExport() async throws {
        var csv = "time,user,event,surface,plan,policy,risk,note,text\n"
        for (index, secret) in SensitiveDataScannerTests.secrets.enumerated() {
            func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let minute = String(format: "%02d", index % 60)
            csv += "2026-11-02T09:\(minute):00+01:00,ana.silva,prompt,copilot,,,,,\(quoted("please check " + secret.1))\n"
            csv += "2026-11-03T09:\(minute):00+01:00,tom.okafor,rejected,support-drafts,p\(index),support-replies,low,\(quoted(secret.1)),\n"
        }
        folder.write(["week.csv": csv])
        let outcome = try await review(folder.url.appendingPathComponent("week.csv").path)
        #expect(outcome.report!.findings.filter { $0.code == .unsafePrompt }.count == SensitiveDataScannerTests.secrets.count)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
        for (name, secret) in SensitiveDataScannerTests.secrets {
            for probe in SensitiveDataScanner().scan(secret).map(\.text) where probe.count >= 8 {
                #expect(bytes.range(of: Data(probe.utf8)) == nil, "\(name) is in the database file")
            }
        }
        #expect(bytes.range(of: Data("please check".utf8)) == nil, "prompt text is in the database file")
    }

    @Test func aLargeExportIsStreamedIntoTheStoreInBoundedMemory() throws {
        // About 100,000 rows (scale 500 of the generated week).
        let (week, _) = try ReviewFindingsTests.generate(["--seed", "5", "--scale", "500"])
        let export = week.url.appendingPathComponent("first-week.csv").path
        let rows = try Data(contentsOf: URL(fileURLWithPath: export)).filter { $0 == 0x0A }.count - 1
        #expect(rows > 100_000)
        let run = try MeasuredRun.peak(of: TestPaths.sopgenBinary, ["review", export, pack.path, "--db", database, "--format", "json",
                                                                    "-o", folder.url.appendingPathComponent("review.json").path])
        #expect(run.status == 0, "\(run.standardError)")
        let ingest = try #require(try ReviewStore.open(.file(database), packRoot: pack, create: false).ingests().first)
        #expect(ingest.rows + ingest.malformed == rows)
        #expect(ingest.added + ingest.duplicates + ingest.alreadyStored <= ingest.rows)
        #expect(ingest.added > 90_000)
        // The binary's own peak (MeasuredRun.peak: not the test runner's memory). The issue's
        // target is 100 MiB on a 1,000,000-row week; the release binary peaks at about 47 MiB
        // whatever the export's size, and this debug binary must stay under the target too.
        #expect(run.peakKiB < 100 * 1024, "peak \(run.peakKiB) KiB")
    }
}
