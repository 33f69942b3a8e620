import Foundation
import Testing
@testable import SOPKit

/// Reading activity exports: RFC 4180 CSV and JSON Lines, gzip, located problems, mapping,
/// time zones, duplicates and unknown events.
@Suite struct ReviewIngestTests {
    static let header = "time,user,event,surface,plan,policy,risk,note,text\n"

    func read(_ text: String, settings: ReviewSettings = ReviewSettings(), path: String = "export.csv") -> ActivityLog {
        ActivityExportReader(settings: settings).read(bytes: Array(text.utf8), path: path)
    }

    func records(_ text: String, chunk: Int = .max) -> (records: [[String]], lines: [Int], problems: [String]) {
        var reader = CSVRecordReader()
        var records: [CSVRecordReader.Record] = []
        var problems: [CSVRecordReader.Problem] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            reader.feed(Array(bytes[start..<end]), record: { records.append($0) }, problem: { problems.append($0) })
            start = end
        }
        reader.finish(record: { records.append($0) }, problem: { problems.append($0) })
        return (records.map(\.fields), records.map(\.line), problems.map { "\($0.line):\($0.column): \($0.message)" })
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,row,here"
        let result = records(text)
        #expect(result.records == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["last", "row", "here"]])
        #expect(result.lines == [1, 2, 4])
        #expect(result.problems == [])
    }

    @Test func chunkBoundariesChangeNothing() {
        let text = "\u{FEFF}a,\"b\"\"c\",d\r\n\"é\nx\",ü,\n"
        let whole = records(text)
        for size in [1, 2, 3, 5] {
            let chunked = records(text, chunk: size)
            #expect(chunked.records == whole.records, "chunks of \(size)")
            #expect(chunked.lines == whole.lines)
        }
        #expect(whole.records == [["a", "b\"c", "d"], ["é\nx", "ü", ""]])
    }

    @Test func aBrokenRecordIsReportedAtItsColumnAndTheNextRecordIsRead() {
        let result = records("a,b\nok,\"x\"y,z\nab\"c,d\nfine,row\n\"never closed\n")
        #expect(result.records == [["a", "b"], ["fine", "row"]])
        #expect(result.problems == [
            "2:7: text after the closing quote of a field; double a quote inside a quoted field (\"\")",
            "3:3: a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
            "5:1: a quoted field is never closed; the export ends inside it",
        ])
    }

    @Test func columnsCountUnicodeScalarsNotBytes() {
        let log = read(Self.header + "2026-11-02T09:00:00+01:00,zoë,prompt,copilöt,,,,,\n")
        #expect(log.diagnostics.map(\.location.description) == ["export.csv:2:38"])
        #expect(log.diagnostics.first?.message == "unknown surface 'copilöt'; did you mean 'copilot'?")
        #expect(log.malformedRows == 1)
    }

    @Test func malformedRowsAreLocatedAndTheOtherRowsStillRead() {
        let text = Self.header
            + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,hello\n"
            + "2026-11-02 9:00,ana,prompt,copilot,,,,,\n"
            + "2026-11-02T09:05:00+01:00,ana,prompt,copilot,,,high-ish,,\n"
            + "2026-11-02T09:06:00+01:00,,prompt,copilot,,,,,\n"
            + "2026-11-02T09:07:00+01:00,ana,prompt\n"
            + "2026-11-02T09:08:00,ana,prompt,copilot,,,,,\n"
            + "2026-11-02T09:09:00+01:00,ana,approved,approvals,p1,,,,\n"
        let log = read(text)
        #expect(log.events.map(\.line) == [2, 8])
        #expect(log.malformedRows == 5)
        #expect(log.diagnostics.map { "\($0.location): \($0.code)" } == [
            "export.csv:3:1: malformed-row", "export.csv:4:48: malformed-row", "export.csv:5:27: malformed-row",
            "export.csv:6:1: malformed-row", "export.csv:7:1: malformed-row",
        ])
        #expect(log.diagnostics[4].message.contains("has no UTC offset"))
        #expect(log.diagnostics[3].message == "this row has 3 fields; the header has 9")
    }

    @Test func timeZonesAreHonouredAndTheSameInstantIsOneEvent() {
        let text = Self.header
            + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,hello\n"
            + "2026-11-02T08:00:00Z,ana,prompt,copilot,,,,,hello\n"
            + "2026-11-02T03:00:00-05:00,ana,prompt,copilot,,,,,hello\n"
            + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,hello again\n"
        let log = read(text)
        #expect(log.events.count == 2)
        #expect(log.duplicates == 2)
        #expect(log.rows == 4)
        #expect(Set(log.events.map(\.time)).count == 1)
    }

    @Test func theWindowsDaysAreLocalToTheExport() {
        // 23:30 on the 8th at +01:00 is the 8th locally, the 8th at 22:30 in UTC too; 00:30 on the 9th is outside.
        let text = Self.header
            + "2026-11-02T00:30:00+01:00,ana,prompt,copilot,,,,,\n"
            + "2026-11-08T23:30:00+01:00,ana,prompt,copilot,,,,,\n"
            + "2026-11-09T00:30:00+01:00,ana,prompt,copilot,,,,,\n"
        let log = read(text)
        let window = ReviewWindow.resolve(events: log.events, from: nil, to: nil, settings: ReviewSettings())
        #expect(window.from.description == "2026-11-02")
        #expect(window.to.description == "2026-11-08")
        #expect(log.events.filter(window.contains).map(\.line) == [2, 3])
    }

    @Test func unknownEventNamesAreCountedNotReported() {
        let text = Self.header
            + "2026-11-02T09:00:00+01:00,ana,user_login,,,,,,\n"
            + "2026-11-02T09:01:00+01:00,ana,user_login,,,,,,\n"
            + "2026-11-02T09:02:00+01:00,ana,teleported,,,,,,\n"
        let log = read(text)
        #expect(log.events.isEmpty)
        #expect(log.unknownEvents == ["user_login": 2, "teleported": 1])
        #expect(log.diagnostics.isEmpty)
    }

    @Test func theReviewSectionMapsAnExportsOwnHeadersAndEventNames() async {
        let (result, _) = await Build.plan(files: PackFiles.pack(["sopgen.yml": """
            title: Mapped
            review:
              columns: {time: When, user: Login, event: Action, surface: Module}
              events: {plan_created: proposed, ai_prompt: prompt}
              utc_offset: "+02:00"
            """]))
        let settings = result.resolved!.pack.settings.review
        #expect(result.diagnostics.filter { $0.location.path == "sopgen.yml" }.isEmpty)
        let log = read("When;Login,Action,Module\n".replacingOccurrences(of: ";", with: ",")
                       + "2026-11-02 09:00:00,ana,ai_prompt,copilot\n2026-11-02 10:00:00,ana,plan_created,approvals\n",
                       settings: settings)
        #expect(log.events.map(\.kind) == [.prompt, .proposed])
        #expect(log.events.map(\.utcOffset) == [7200, 7200])
        let unmapped = read("When,Login,Action\n2026-11-02 09:00:00,ana,ai_prompt\n")
        #expect(unmapped.diagnostics.map { "\($0.location) \($0.code)" } == Array(repeating: "export.csv:1:1 missing-column", count: 3))
        #expect(unmapped.diagnostics.first!.message.contains("review: columns: {time: …}"))
    }

    @Test func jsonLinesAreToldFromTheContentWithColumnsOfTheirKeys() {
        let text = """
            {"time": "2026-11-02T09:00:00+01:00", "user": "ana", "event": "prompt", "surface": "copilot"}
            {"time": "2026-11-02T09:01:00+01:00", "user": "ana", "event": "proposed", "plan": 42}
            {"time": "2026-11-02T09:02:00+01:00", "user": "ana", "event": "prompt", "surface": "copilot"
            {"time": "2026-11-02T09:03:00+01:00", "user": ["ana"], "event": "prompt"}

            {"time": "2026-11-02T09:04:00+01:00", "user": "ana", "event": "prompt", "risk": "severe"}
            """
        let log = read(text, path: "export.csv")
        #expect(log.format == .jsonLines)
        #expect(log.events.map(\.line) == [1, 2])
        #expect(log.events[1].plan == "42")
        #expect(log.diagnostics.map(\.location.description) == ["export.csv:3:93", "export.csv:4:39", "export.csv:6:73"])
    }

    @Test func aGzippedExportIsReadFromAFileWhateverItsName() throws {
        let folder = TemporaryFolder()
        let text = Self.header + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,hello\n"
        folder.write(["week.csv": text])
        let gzip = try ProcessRun.run("gzip", ["-9", folder.url.appendingPathComponent("week.csv").path])
        #expect(gzip.status == 0)
        let path = folder.url.appendingPathComponent("week.csv.gz").path
        let log = try ActivityExportReader(settings: ReviewSettings()).read(path: path)
        #expect(log.events.count == 1)
        #expect(log.diagnostics.isEmpty)
        // A truncated gzip file is one clear error, not a crash or a silent half.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 12).write(to: URL(fileURLWithPath: path))
        #expect(throws: ActivityExportReader.Failure.self) { try ActivityExportReader(settings: ReviewSettings()).read(path: path) }
    }

    @Test func aFolderOrAMissingFileIsRefusedWithItsName() {
        let folder = TemporaryFolder()
        for path in [folder.url.path, folder.url.appendingPathComponent("none.csv").path] {
            do {
                _ = try ActivityExportReader(settings: ReviewSettings()).read(path: path)
                Issue.record("read \(path)")
            } catch {
                #expect(error.description.contains(path))
            }
        }
    }

    @Test func emptyAndHeaderOnlyExportsReadAsNoEvents() {
        #expect(read("").events.isEmpty)
        #expect(read("").diagnostics.isEmpty)
        let headerOnly = read(Self.header)
        #expect(headerOnly.events.isEmpty && headerOnly.diagnostics.isEmpty)
        let noNewline = read(Self.header + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,")
        #expect(noNewline.events.count == 1)
    }

    @Test func thousandsOfBadRowsAreCountedNotListed() {
        let bad = String(repeating: "not,a,row\n", count: 5_000)
        let log = read(Self.header + bad)
        #expect(log.diagnostics.count == ActivityExportReader.maximumDiagnostics + 1)
        #expect(log.diagnostics.last?.code == .tooManyProblems)
        #expect(log.malformedRows == 5_000)
    }

    @Test func promptTextIsScannedAndDroppedAndNotesAreRedacted() {
        let text = Self.header
            + "2026-11-02T09:00:00+01:00,ana,prompt,copilot,,,,,my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123\n"
            + "2026-11-02T09:01:00+01:00,tom,rejected,approvals,p1,,,\"call me on jane@example.org\",\n"
        let log = read(text)
        #expect(log.events[0].sensitiveKinds == ["OpenAI API key"])
        #expect(log.events[1].note == "call me on [removed: email address]")
        #expect(!String(describing: log.events).contains("sk-proj"))
        #expect(!String(describing: log.events).contains("jane@"))
    }

    @Test func isoTimesAreReadStrictly() {
        func parse(_ text: String) -> String {
            switch ExportTime.parse(text, defaultOffset: nil) {
            case .success(let value): "\(value.time) \(value.offset)"
            case .failure(let problem): "\(problem)"
            }
        }
        #expect(parse("2026-11-02T09:15:00+01:00") == "1793607300 3600")
        #expect(parse("2026-11-02 08:15:00.123Z") == "1793607300 0")
        #expect(parse("2026-11-02T03:15:00-0500") == "1793607300 -18000")
        #expect(parse("2026-11-02T09:15:00") == "noOffset")
        #expect(parse("2026-02-30T09:15:00Z") == "outOfRange")
        #expect(parse("2026-11-02T25:15:00Z") == "outOfRange")
        #expect(parse("2/11/2026 09:15") == "notISO8601")
        #expect(parse("2026-11-02T09:15:00+01:00 trailing") == "notISO8601")
    }
}
