import Foundation
import GRDB
import Testing
@testable import SOPKit

/// A secret or an email address in an export's identifiers (user, plan, policy, event name) or in
/// a cell a row is refused for (time, surface, risk), and a roster login that is an email address:
/// none reaches a report, a diagnostic, the review record or the store, and the identifiers still
/// do their work (a plan chains, a login meets its roster entry).
@Suite struct ReviewIdentifierRedactionTests {
    let folder = TemporaryFolder()
    var pack: URL { folder.url.appendingPathComponent("pack") }

    init() {
        _ = folder.copyPack(TestPaths.bundledPack)
    }

    func sopgen(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments)
    }

    static func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// What the scanner takes for each corpus secret itself, at 8 characters or more.
    static var probes: [(name: String, text: String)] {
        SensitiveDataScannerTests.secrets.flatMap { name, secret in
            SensitiveDataScanner().scan(secret).map(\.text).filter { $0.count >= 8 }.map { (name, $0) }
        }
    }

    static let emailLogin = "li.private@mailbox.example"

    /// Every corpus secret in every identifier and in each cell a row can be refused for, and a
    /// login that is an email address approving plans for the store manager's role.
    static var export: String {
        var csv = "time,user,event,surface,plan,policy,risk,note,text\n"
        for (index, (_, secret)) in SensitiveDataScannerTests.secrets.enumerated() {
            let time = "2026-11-02T09:\(String(format: "%02d", index % 60)):00+01:00"
            let secret = cell(secret)
            csv += "\(time),tom.okafor,proposed,approvals,\(secret),refunds-and-coupons,high,,\n"
            csv += "\(time),\(emailLogin),approved,approvals,\(secret),\(secret),high,,\n"
            csv += "\(time),tom.okafor,executed,approvals,\(secret),refunds-and-coupons,high,,\n"
            csv += "\(time),\(secret),prompt,copilot,,,,,\n"
            csv += "\(time),tom.okafor,\(secret),copilot,,,,,\n"
            csv += "\(secret),tom.okafor,prompt,copilot,,,,,\n"
            csv += "\(time),tom.okafor,prompt,\(secret),,,,,\n"
            csv += "\(time),tom.okafor,proposed,approvals,p\(index),refunds-and-coupons,\(secret),,\n"
        }
        return csv
    }

    /// Reviews `export` with `roster` into a report of each format (JSON with `--record`), each
    /// expected to succeed with a malformed row said; returns each report, standard output and
    /// diagnostics by a name for messages.
    func reviewInEveryFormat(_ export: String, roster: String) throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        for format in ["json", "md", "html"] {
            let output = folder.url.appendingPathComponent("report.\(format)").path
            var arguments = ["review", export, "--roster", roster, "--format", format, "--output", output, pack.path]
            if format == "json" { arguments.append("--record") }
            let run = try sopgen(arguments)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardError.contains("[malformed-row]"))
            outputs += [("\(format) report", try String(contentsOfFile: output, encoding: .utf8)),
                        ("\(format) standard output", run.standardOutput), ("\(format) diagnostics", run.standardError)]
        }
        return outputs
    }

    /// Every file the reviews wrote into the pack (the record, the store and its journal), by its
    /// pack path, its bytes read as UTF-8.
    func writtenByTheReviews() -> [(String, String)] {
        FileManager.default.enumerator(atPath: pack.path)!.compactMap { $0 as? String }
            .filter { $0.hasPrefix("reviews/") || $0.hasPrefix(".sopgen/") }
            .compactMap { path in
                FileManager.default.contents(atPath: pack.appendingPathComponent(path).path).map { (path, String(decoding: $0, as: UTF8.self)) }
            }
    }

    @Test func aSecretInAnIdentifierReachesNoReportNoDiagnosticNoRecordAndNoStore() throws {
        folder.write(["week.csv": Self.export,
                      "roster.csv": "user_login,user_email,roles\n\(Self.emailLogin),\(Self.emailLogin),shop_manager\n"])
        let week = folder.url.appendingPathComponent("week.csv").path, roster = folder.url.appendingPathComponent("roster.csv").path
        var outputs = try reviewInEveryFormat(week, roster: roster)
        let listed = try sopgen(["review", "--list", pack.path])
        outputs.append(("review --list", listed.standardOutput + listed.standardError))
        let written = writtenByTheReviews()
        #expect(written.contains { $0.0.hasPrefix("reviews/") && $0.0.hasSuffix(".yml") })
        #expect(written.contains { $0.0.hasSuffix(".sqlite") })
        outputs += written
        for (place, text) in outputs {
            #expect(!text.contains("li.private"), "the email login reached \(place)")
            for probe in Self.probes {
                #expect(!text.contains(probe.text), "\(probe.name) reached \(place)")
            }
        }
        // The redacted forms still work: each secret plan chains (approved, so no unapproved
        // execution), and the email login meets its roster entry (no unknown-user).
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("report.json"))) as? [String: Any])
        let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!codes.contains("unapproved-execution"))
        let unknownUsers = (report["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "unknown-user" }
        #expect(!unknownUsers.isEmpty)
        let redactor = IdentifierRedactor(salt: try Self.salt(of: pack.appendingPathComponent(".sopgen/review.sqlite").path))
        #expect(!unknownUsers.contains { $0["user"] as? String == redactor.kept(Self.emailLogin) })
        #expect(outputs.contains { $0.1.contains("[removed: email address] #") })
    }

    /// `--list`, every report, the review record, the store and the diagnostics name the export
    /// (and the report the roster) by its path: a secret or an email address in a folder's or a
    /// file's name is shown as in an identifier, and the review still reads both files.
    @Test func aSecretInTheExportsOrTheRostersPathReachesNoOutput() throws {
        let folderName = "sk_live_51H8fakeKEYabcdefghijklmnop"
        let week = "\(folderName)/week for \(Self.emailLogin) AKIAIOSFODNN7EXAMPLE.csv"
        let roster = "\(folderName)/roster of jane.doe@example.com.csv"
        folder.write([week: """
            time,user,event,surface,plan,policy,risk,note,text
            2026-11-02T09:00:00+01:00,tom.okafor,proposed,approvals,plan-1,refunds-and-coupons,high,,
            2026-11-02T09:05:00+01:00,tom.okafor,executed,approvals,plan-1,refunds-and-coupons,high,,
            2026-11-02 09:10,tom.okafor,prompt,copilot,,,,,

            """, roster: "user_login,user_email,roles\ntom.okafor,tom@example.com,shop_manager\nbroken\n"])
        var outputs = try reviewInEveryFormat(folder.url.appendingPathComponent(week).path,
                                              roster: folder.url.appendingPathComponent(roster).path)
        let missing = try sopgen(["review", folder.url.appendingPathComponent("\(folderName)/gone \(Self.emailLogin).csv").path, pack.path])
        #expect(missing.status == 1)
        let listed = try sopgen(["review", "--list", pack.path])
        outputs += [("missing export", missing.standardError), ("review --list", listed.standardOutput + listed.standardError)]
        outputs += writtenByTheReviews()
        #expect(outputs.contains { $0.0 == "review --list" && $0.1.contains("[removed: ") })
        for (place, text) in outputs {
            for probe in ["sk_live_51H8fake", "li.private", "AKIAIOSFODNN7EXAMPLE", "jane.doe"] {
                #expect(!text.contains(probe), "\(probe) reached \(place)")
            }
        }
        // The export was read and the roster met: tom.okafor is the store manager he is.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("report.json"))) as? [String: Any])
        #expect((report["counts"] as? [String: Any])?["events"] as? Int == 2)
        #expect(!(report["findings"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "unknown-user" })
    }

    /// Two random plan ids (taken for high-entropy secrets) whose SHA-256 begin with the same 32
    /// bits: under an 8-digit mark they were one plan, and the first plan's approvals hid the
    /// second's unapproved execution. About 150,000 such ids hold such a pair.
    @Test func twoPlansWhoseMarksOnceCollidedStayTwoPlans() throws {
        let first = "mGxZff0jv2KLHgciNtOJoffsPPVUae", second = "dHWZFkkkG5xS5Uwb68fE8CBF17lAzi"
        #expect(ContentSeed.key(first).prefix(8) == ContentSeed.key(second).prefix(8))
        folder.write(["week.csv": """
            time,user,event,surface,plan,policy,risk,note,text
            2026-11-02T09:00:00+01:00,tom.okafor,proposed,approvals,\(first),refunds-and-coupons,high,,
            2026-11-02T09:10:00+01:00,priya.raman,approved,approvals,\(first),refunds-and-coupons,high,,
            2026-11-02T09:20:00+01:00,tom.okafor,approved,approvals,\(first),refunds-and-coupons,high,,
            2026-11-02T09:30:00+01:00,priya.raman,executed,approvals,\(first),refunds-and-coupons,high,,
            2026-11-02T10:00:00+01:00,tom.okafor,proposed,approvals,\(second),refunds-and-coupons,high,,
            2026-11-02T10:30:00+01:00,priya.raman,executed,approvals,\(second),refunds-and-coupons,high,,

            """])
        let run = try sopgen(["review", folder.url.appendingPathComponent("week.csv").path, "--roster",
                              TestPaths.bundledPack.appendingPathComponent("examples/roster.csv").path, "--format", "json", pack.path])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let unapproved = (report["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "unapproved-execution" }
        #expect(unapproved.count == 1)
        #expect(!run.standardOutput.contains(first) && !run.standardOutput.contains(second))
    }

    /// The store's salt, which its identifiers' marks are keyed with.
    static func salt(of database: String) throws -> [UInt8] {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return [UInt8](try queue.read { db in try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'salt'") } ?? Data())
    }

    /// A path keeps its folders: only what has a format of its own goes, not a temporary folder's
    /// random name (which the entropy net would take).
    @Test func aPathLosesOnlyItsFindings() {
        let temporary = "/tmp/sopgen-test-EA32439A-AE8A-433F-AA86-1104C7165A3A/week.csv"
        #expect(IdentifierRedactor.shownPath(temporary) == temporary)
        // A UUID whose digits read as a phone number (0986-7979-476) once failed a test run.
        let unlucky = "/tmp/sopgen-test-D99A0986-7979-476B-98E2-855E0AC613B5/bad.csv"
        #expect(IdentifierRedactor.shownPath(unlucky) == unlucky)
        // And one whose middle groups are all digits, after a dash (a CI run, 2026-11-23).
        let dashed = "/tmp/sopgen-test-9ADEDD4F-1234-5678-9012-A8E3D0937154/first-week.csv"
        #expect(IdentifierRedactor.shownPath(dashed) == dashed)
        #expect(IdentifierRedactor.shownPath("/srv/sk_live_51H8fakeKEYabcdefghijklmnop/week of jane.doe@example.com.csv")
                == "/srv/[removed: Stripe key]/week of [removed: email address]")
        #expect(IdentifierRedactor.shownPath("exports/+44 20 7946 0958.csv") == "exports/[removed: phone number].csv")
    }

    @Test func twoIdentifiersWithDifferentSecretsStayTwo() {
        var redactor = IdentifierRedactor(salt: Array("a store's salt".utf8))
        let first = "plan-sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz_FAKE0123"
        let second = "plan-sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz_FAKE0124"
        let kept = [first, second].map { text in Array(text.utf8).withUnsafeBufferPointer { redactor.text($0) } }
        #expect(kept[0] != kept[1])
        // The key's whole token goes, the dash-joined prefix with it; sixteen hex digits tell them apart.
        #expect(kept.allSatisfy { $0.hasPrefix("[removed: OpenAI API key] #") && $0.count == "[removed: OpenAI API key] #".count + 16 })
        #expect(kept[0] == redactor.kept(first))
        #expect(redactor.kept("plan-00042") == "plan-00042")
        #expect(redactor.kept("refunds-and-coupons-for-wholesale") == "refunds-and-coupons-for-wholesale")
        #expect(IdentifierRedactor.shown(first) == "[removed: OpenAI API key]")
        // Keyed with the store's salt: another store marks the same value otherwise, and the mark is
        // not the value's plain hash, which anyone could compute for every number of a range.
        let phone = "+44 20 7946 0958"
        let mark = String(redactor.kept(phone).suffix(16))
        #expect(mark != String(IdentifierRedactor(salt: Array("another salt".utf8)).kept(phone).suffix(16)))
        let plain = ContentSeed.key(phone)   // the SHA-256 of the value alone, in hex
        #expect(!plain.contains(mark) && !plain.hasPrefix(String(mark.prefix(8))))
    }

    /// A store filled before schema 3 kept identifiers as the export wrote them; opening it
    /// redacts them in place, and the unknown event names each ingest counted.
    @Test func openingAnOlderStoreRedactsTheIdentifiersItHolds() async throws {
        let database = folder.url.appendingPathComponent("review.sqlite").path
        let secret = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz_FAKE0123"
        folder.write(["week.csv": """
            time,user,event,surface,plan,policy,risk,note,text
            2026-11-02T09:00:00+01:00,tom.okafor,proposed,approvals,plan-1,refunds-and-coupons,high,,
            2026-11-02T09:05:00+01:00,tom.okafor,nudged,approvals,plan-1,refunds-and-coupons,high,,

            """])
        let week = folder.url.appendingPathComponent("week.csv").path
        #expect(try sopgen(["review", week, "--db", database, "--format", "json", pack.path]).status == 0)
        // Back to schema 2, as an earlier sopgen would have left it: the raw values stored.
        let queue = try DatabaseQueue(path: database)
        try await queue.writeWithoutTransaction { db in
            // As an earlier sopgen left it on a SQLite that does not zero what it frees (v2 moved
            // v1's events, freeing their pages): the raw values in free pages too.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
            try db.execute(sql: "UPDATE event SET user = ?, plan = ?, policy = ?", arguments: [Self.emailLogin, secret, secret])
            try db.execute(sql: "CREATE TABLE moved AS SELECT * FROM event; INSERT INTO moved SELECT * FROM moved; DROP TABLE moved")
            try db.execute(sql: "UPDATE ingest SET unknown_events = ?, export = ?", arguments: ["{\"\(secret)\":1}", "exports/\(Self.emailLogin).csv"])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-identifiers-redacted'")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        try queue.close()
        let listed = try sopgen(["review", "--list", "--db", database, pack.path])
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains("(schema \(ReviewStoreSchema.version))"))
        let migrated = try DatabaseQueue(path: database)
        let (row, unknown) = try migrated.read { db in
            (try Row.fetchOne(db, sql: "SELECT user, plan, policy FROM event")!, try String.fetchOne(db, sql: "SELECT unknown_events FROM ingest")!)
        }
        let user: String = row["user"], plan: String = row["plan"], policy: String = row["policy"]
        let redactor = IdentifierRedactor(salt: try Self.salt(of: database))
        #expect(user == redactor.kept(Self.emailLogin))
        #expect(plan == redactor.kept(secret) && policy == plan)
        #expect(unknown == "{\"\(redactor.kept(secret))\":1}")
        #expect(!plan.contains("sk-proj") && !user.contains("li.private"))
        #expect(!listed.standardOutput.contains("li.private"))
        // Nor in the file's free pages: the store is rewritten once its values are replaced.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(bytes.range(of: Data("sk-proj-AbCdEf".utf8)) == nil)
        #expect(bytes.range(of: Data("li.private".utf8)) == nil)
        #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
        let mark = try await migrated.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE name = ?", arguments: [ReviewStoreSchema.scrubMark]) }
        #expect(mark == 0)
    }
}
