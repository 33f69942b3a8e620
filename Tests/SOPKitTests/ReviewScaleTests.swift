import Foundation
import GRDB
import Testing
@testable import SOPKit

/// What `sopgen review` does to stay fast and flat at a million rows, pinned: evidence capped at
/// the earliest events (the rest counted), a window read from the store (SQL) giving what the same
/// window read in memory gives, the byte-level reading (white space, CRLF, quotes across lines, a
/// huge field), the row key unchanged for stores that already hold keys, and the v1 → v2 migration.
@Suite struct ReviewScaleTests {
    let folder = TemporaryFolder()
    var roster: String { TestPaths.bundledPack.appendingPathComponent("examples/roster.csv").path }
    static let header = "time,user,event,surface,plan,policy,risk,note,text\r\n"

    func review(_ csv: String, format: ReviewFormat = .json, from: String? = nil, to: String? = nil,
                store: ReviewStore.Location = .memory) async throws -> Pipeline.ReviewOutcome {
        folder.write(["export.csv": csv])
        return try await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today)
            .review(.init(export: folder.url.appendingPathComponent("export.csv").path, roster: roster,
                          from: from.flatMap(CalendarDate.init), to: to.flatMap(CalendarDate.init), format: format, store: store))
    }

    // MARK: - Evidence capped

    @Test func aFindingListsItsTenEarliestEventsAndCountsTheRest() async throws {
        // 25 prompts by a login nobody knows, written latest first: line 2 is 09:24, line 26 is 09:00.
        var csv = Self.header
        for minute in (0..<25).reversed() {
            csv += "2026-11-02T09:\(String(format: "%02d", minute)):00+01:00,temp.contractor,prompt,copilot,,,,,What is installed?\r\n"
        }
        let outcome = try await review(csv)
        let finding = try #require(outcome.report?.findings.first { $0.code == .unknownUser })
        #expect(finding.evidence.map(\.line) == Array((17...26).reversed()))
        #expect(finding.evidence.first?.time == "2026-11-02 09:00")
        #expect(finding.moreEvidence == 15)
        let document = try JSONDecoder().decode(ReviewDocument.self, from: Data(outcome.output!.utf8))
        #expect(document.findings.first { $0.code == "unknown-user" }?.moreEvents == 15)
        #expect(document.findings.filter { $0.code != "unknown-user" }.allSatisfy { $0.moreEvents == nil })
        #expect(try JSONSchemaValidator.validate(outcome.output!, against: "review.schema.json") == "valid")
        let html = try await review(csv, format: .html).output!
        #expect(html.contains("<li>and 15 more events</li>"))
        let markdown = try await review(csv, format: .md).output!
        #expect(markdown.contains("(and 15 more events)"))
    }

    @Test func missingContextKeepsTheEarliestTenRejectionsAndTheirNotes() async throws {
        // 14 of li.chen's plans rejected; plan ids run against time (p-14 was proposed first).
        var rows: [String] = []
        for number in 1...14 {
            let minute = String(format: "%02d", 14 - number)
            let plan = "p-\(String(format: "%02d", number))"
            rows.append("2026-11-03T10:\(minute):00+01:00,li.chen,proposed,support-drafts,\(plan),support-replies,low,,")
            rows.append("2026-11-03T11:\(minute):00+01:00,tom.okafor,rejected,support-drafts,\(plan),support-replies,low,note \(number),")
        }
        let outcome = try await review(Self.header + rows.sorted().joined(separator: "\r\n") + "\r\n")
        let finding = try #require(outcome.report?.findings.first { $0.code == .missingContext })
        #expect(finding.message.hasPrefix("14 of li.chen's plans were rejected"))
        #expect(finding.evidence.count == 10)
        #expect(finding.moreEvidence == 4)
        #expect(finding.notes == (5...14).reversed().map { "note \($0)" })
        #expect(finding.surface == .supportDrafts)
        #expect(finding.policy == "support-replies")
    }

    @Test func missingApprovalsListsTheExecutionAndTheEarliestApprovals() async throws {
        // The store manager approves his own refund twelve times; it runs with one approver of two.
        var rows = ["2026-11-02T09:00:00+01:00,tom.okafor,proposed,approvals,r-1,refunds-and-coupons,high,,"]
        for minute in 1...12 {
            rows.append("2026-11-02T09:\(String(format: "%02d", minute)):00+01:00,tom.okafor,approved,approvals,r-1,refunds-and-coupons,high,,")
        }
        rows.append("2026-11-02T10:00:00+01:00,priya.raman,executed,approvals,r-1,refunds-and-coupons,high,,")
        let outcome = try await review(Self.header + rows.joined(separator: "\r\n") + "\r\n")
        let finding = try #require(outcome.report?.findings.first { $0.code == .missingApprovals })
        #expect(finding.evidence.count == 10)
        #expect(finding.evidence.last?.kind == .executed)
        #expect(finding.evidence.dropLast().map(\.line) == Array(3...11))
        #expect(finding.moreEvidence == 3)
    }

    // MARK: - The window in SQL and in memory

    @Test func aWindowReadFromTheStoreIsTheWindowReadInMemory() async throws {
        let (week, _) = try ReviewFindingsTests.generate(["--seed", "13", "--scale", "2"])
        let export = week.url.appendingPathComponent("first-week.csv").path
        // A window that cuts plans at both ends and holds events of two offsets.
        let window = ReviewWindow(from: CalendarDate("2026-11-03")!, to: CalendarDate("2026-11-05")!, utcOffset: 3600)
        let stored = try await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today)
            .review(.init(export: export, roster: roster, from: window.from, to: window.to, format: .json, store: .memory))
        let report = try #require(stored.report)

        let pack = try #require(await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today).plan().resolved?.pack)
        let rosterFile = WordPressRoster.read(Array(try Data(contentsOf: URL(fileURLWithPath: roster))), path: roster)
        let engine = FindingEngine(pack: pack, directory: ReviewDirectory(people: pack.people ?? People(), roster: rosterFile, salt: []),
                                   settings: pack.settings.review, window: window)
        let events = try ActivityExportReader(settings: pack.settings.review).read(path: export).events
        let inside = events.filter(window.contains)
        #expect(inside.count < events.count && inside.count > events.count / 3)
        var scan = WindowScan(engine: engine)
        for event in inside.sorted(by: WindowScan.readingOrder) { scan.add(event) }
        let memory = scan.finish()

        func described(_ findings: [ReviewFinding]) -> [String] {
            findings.map { "\($0.code.rawValue) \($0.user ?? "-") \($0.plan ?? "-") \($0.message) \($0.evidence.map(\.line)) +\($0.moreEvidence)" }
        }
        #expect(report.counts.events == inside.count)
        #expect(described(report.findings) == described(memory.findings))
        #expect(!report.findings.isEmpty)
        #expect(report.roles == memory.statistics)
        #expect(report.activity == memory.activity)
        #expect(report.trouble == memory.trouble)
        // Events a window leaves out are counted as such.
        #expect(report.counts.outsideWindow == events.count - inside.count)
    }

    // MARK: - Reading bytes

    @Test func cellsAreTrimmedOfTheWhiteSpaceFoundationTrims() {
        let samples = [
            "", " ", "\t", "ana", " ana ", "\u{00A0}ana\u{3000}\t", "\u{2003}\u{2003}", "zoë", " zoë ", "e\u{0301} ",
            "\u{2028}ana\u{2028}", "ana\u{0085}", "\u{FEFF}ana", "\u{1680}x\u{202F}", "  multi word  ", "x\u{00A0}",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let range = bytes.withUnsafeBufferPointer { EventNormaliser.trimmingWhitespace($0, 0..<bytes.count) }
            #expect(String(decoding: bytes[range], as: UTF8.self) == sample.trimmingCharacters(in: .whitespaces),
                    "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let log = ActivityExportReader(settings: ReviewSettings()).read(
            bytes: Array((Self.header + " 2026-11-02T09:00:00+01:00\t,\u{00A0}zoë\u{3000}, prompt ,copilot,,,,,\r\n").utf8), path: "x.csv")
        #expect(log.diagnostics.isEmpty)
        #expect(log.events.map(\.user) == ["zoë"])
    }

    /// Kinds, surfaces and risks are told from bytes (ingest and the store's read-back): the
    /// same answer as `init(rawValue:)` on the text, for every name and for near misses.
    @Test func namesToldFromBytesAreTheNamesToldFromText() {
        func check<Value: RawRepresentable & CaseIterable & Equatable>(_: Value.Type, _ names: ByteNames<Value>) where Value.RawValue == String {
            let samples = Value.allCases.flatMap { value -> [String] in
                let name = value.rawValue
                return [name, name.uppercased(), String(name.dropLast()), name + "s", " " + name, name + "\0", "x" + name.dropFirst()]
            } + ["", "\u{00E9}", "draft", "draft_", "prompt\r"]
            for sample in samples {
                let bytes = Array(sample.utf8)
                #expect(bytes.withUnsafeBufferPointer { names.value($0) } == Value(rawValue: sample), "\(sample)")
            }
        }
        check(ActivityEvent.Kind.self, ActivityEvent.Kind.byteNames)
        check(Surface.self, Surface.byteNames)
        check(Policy.Risk.self, Policy.Risk.byteNames)
        // A risk in capitals is still read (through the text), a surface in capitals is still refused.
        let log = ActivityExportReader(settings: ReviewSettings()).read(
            bytes: Array((Self.header + "2026-11-02T09:00:00+01:00,ana,proposed,approvals,p1,,HIGH,,\r\n"
                          + "2026-11-02T09:00:00+01:00,ana,proposed,Approvals,p2,,high,,\r\n").utf8), path: "x.csv")
        #expect(log.events.map(\.risk) == [.high])
        #expect(log.diagnostics.map(\.message) == ["unknown surface 'Approvals'; did you mean 'approvals'?"])
    }

    @Test func crlfQuotesAcrossLinesAndAHugeFieldAreReadRowByRow() {
        let huge = String(repeating: "x", count: CSVRecordReader.maximumField + 10)
        let text = Self.header
            + "2026-11-02T09:00:00+01:00,ana.silva,prompt,copilot,,,,,\"two\r\nlines, \"\"quoted\"\"\"\r\n"
            + "2026-11-02T09:01:00+01:00,ana.silva,prompt,copilot,,,,,\(huge)\r\n"
            + "2026-11-02T09:02:00+01:00,li.chen,prompt,copilot,,,,\"a note\r\nover two lines\",\r\n"
            + "2026-11-02T09:03:00+01:00,li.chen,prompt,copilot,,,,,last"
        for chunk in [7, 4096, .max] {
            var collector = ActivityExportReader.Collector(settings: ReviewSettings(), path: "x.csv", keys: EventKeyMaker(salt: []),
                                                           sink: MemoryEventSink())
            let bytes = Array(text.utf8)
            var start = 0
            while start < bytes.count {
                let end = min(start + min(chunk, bytes.count), bytes.count)
                collector.consume(Array(bytes[start..<end]))
                start = end
            }
            collector.finish()
            let events = collector.sink.sortedEvents()
            #expect(events.map(\.line) == [2, 5, 7], "chunks of \(chunk)")
            #expect(events.map(\.note) == [nil, "a note\r\nover two lines", nil])
            #expect(collector.log.diagnostics.map(\.location.description) == ["x.csv:4:56"], "chunks of \(chunk)")
            #expect(collector.log.diagnostics.first?.message.contains("longer than 1 MiB") == true)
        }
    }

    // MARK: - The store

    @Test func aRowsKeyIsTheSaltedHashStoresAlreadyHold() {
        // Computed apart from sopgen: sha256(salt + fields, each ended by 1F, a missing one 1E), first 8 bytes.
        let keys = EventKeyMaker(salt: Array(0..<32))
        #expect(keys.key(time: 1_793_606_400, user: "ana.silva", kind: .prompt, surface: .copilot, plan: nil, policy: nil,
                         risk: nil, note: nil, text: "hello") == 2_025_792_711_078_539_922)
        #expect(keys.key(time: -5, user: "zoë", kind: .rejected, surface: .supportDrafts, plan: "p-1", policy: "support-replies",
                         risk: .low, note: "Needs [redacted]", text: "") == 3_313_665_671_073_349_571)
    }

    @Test func aVersionOneStoreIsMigratedAndStillKnowsItsRows() async throws {
        let database = folder.url.appendingPathComponent("review.sqlite").path
        let example = TestPaths.bundledPack.appendingPathComponent("examples/first-week.csv").path
        let text = try String(contentsOfFile: example, encoding: .utf8)
        let first = try await review(text, store: .file(database))
        // Back to the v1 layout: events kept under their key, the v2 migration not applied.
        let queue = try DatabaseQueue(path: database)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                BEGIN;
                CREATE TABLE event_v1 (key INTEGER PRIMARY KEY, time INTEGER NOT NULL, utc_offset INTEGER NOT NULL, user TEXT NOT NULL,
                  kind TEXT NOT NULL, surface TEXT, plan TEXT, policy TEXT, risk TEXT, note TEXT, sensitive TEXT,
                  ingest INTEGER NOT NULL, line INTEGER NOT NULL);
                INSERT INTO event_v1 SELECT key, time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line FROM event;
                DROP TABLE event;
                ALTER TABLE event_v1 RENAME TO event;
                CREATE INDEX event_by_time ON event(time);
                DELETE FROM grdb_migrations WHERE identifier IN ('v2-events-in-ingest-order', 'v3-identifiers-redacted');
                PRAGMA user_version = 1;
                COMMIT;
                """)
        }
        try queue.close()
        let again = try await review(text, store: .file(database))
        let report = try #require(again.report)
        #expect(report.counts.events == first.report!.counts.events)
        #expect(report.counts.alreadyStored > 0)
        let ingests = try ReviewStore.open(.file(database), packRoot: TestPaths.bundledPack, create: false).ingests()
        #expect(ingests.map(\.added) == [first.report!.counts.events, 0])
        #expect(ReviewStoreTests.found(report) == ReviewStoreTests.found(first.report!))
        let migrated = try DatabaseQueue(path: database)
        let (version, columns, indexes) = try await migrated.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try db.columns(in: "event").map(\.name),
             try db.indexes(on: "event").map(\.columns))
        }
        #expect(version == ReviewStoreSchema.version)
        #expect(columns.prefix(2) == ["id", "key"])
        #expect(indexes == [["time", "key"]])
    }
}
