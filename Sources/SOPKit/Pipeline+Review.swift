import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sopgen review`: an activity export read against a pack that checks without errors.
extension Pipeline {
    public struct ReviewRequest: Sendable {
        /// The export's path, `-` for standard input; nil reviews what the store already holds.
        public var export: String?
        /// The `wp user list` roster; nil looks for `roster.csv` beside the export.
        public var roster: String?
        public var from: CalendarDate?
        public var to: CalendarDate?
        public var format: ReviewFormat
        /// Where the review store is (default: `.sopgen/review.sqlite` in the pack).
        public var store: ReviewStore.Location

        public init(export: String?, roster: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, format: ReviewFormat = .html,
                    store: ReviewStore.Location = .pack) {
            self.export = export
            self.roster = roster
            self.from = from
            self.to = to
            self.format = format
            self.store = store
        }
    }

    public struct ReviewOutcome: Sendable {
        /// The pack's own diagnostics: with errors, there is no report.
        public var result: Result
        /// Problems in the export and the roster: located, and the other rows still read.
        public var inputDiagnostics: [Diagnostic] = []
        public var report: ReviewReport?
        public var output: String?
    }

    public enum ReviewError: Error, CustomStringConvertible {
        case unreadable(String)

        public var description: String {
            switch self {
            case .unreadable(let reason): reason
            }
        }
    }

    /// The largest roster read: a `wp user list` of a few thousand users is well under this.
    static let maximumRosterSize = 16 * 1024 * 1024

    public func review(_ request: ReviewRequest) async throws(ReviewError) -> ReviewOutcome {
        let result = await plan()
        guard let pack = result.resolved?.pack, !result.diagnostics.hasErrors else { return ReviewOutcome(result: result) }
        var outcome = ReviewOutcome(result: result)
        var rosterPath = request.roster
        if rosterPath == nil, let export = request.export, export != "-" {
            let beside = PathText.parent(export)
            let candidate = beside.isEmpty ? "roster.csv" : beside + "/roster.csv"
            if Self.isRegularFile(candidate) { rosterPath = candidate }
        }
        var roster: WordPressRoster?
        if let rosterPath {
            guard Self.isRegularFile(rosterPath), let handle = FileHandle(forReadingAtPath: rosterPath) else {
                throw .unreadable("cannot read the roster '\(rosterPath)'")
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: Self.maximumRosterSize + 1)) ?? Data()
            guard data.count <= Self.maximumRosterSize else {
                throw .unreadable("the roster '\(rosterPath)' is larger than \(Self.maximumRosterSize / 1_048_576) MiB")
            }
            roster = WordPressRoster.read([UInt8](data), path: rosterPath)
            outcome.inputDiagnostics += roster!.diagnostics
        }
        let report: ReviewReport
        do {
            let store = try ReviewStore.open(request.store, packRoot: packRoot, create: request.export != nil)
            let read = try Self.readStore(store, request: request, pack: pack, today: today)
            outcome.inputDiagnostics += read.log?.diagnostics ?? []
            let builder = ReviewBuilder(pack: pack, people: pack.people ?? People(), roster: roster)
            var earlier: [ReviewTrend.Earlier] = []
            for window in ReviewTrend.earlierWindows(of: read.window) {
                guard try store.count(in: window) > 0 else { break }
                earlier.append(builder.earlier(window, scan: try store.scan(window, engine: builder.engine(window))))
            }
            let scan = try store.scan(read.window, engine: builder.engine(read.window, sources: read.source.otherExports))
            report = builder.build(scan: scan, window: read.window, source: read.source,
                                   earlier: earlier, today: today, rosterPath: rosterPath)
        } catch {
            throw .unreadable("\(error)")
        }
        outcome.report = report
        outcome.output = ReviewRenderer(pack: pack).render(report, format: request.format)
        return outcome
    }

    /// Ingests the request's export (if any) and decides the window: from/to, else the first
    /// seven days of the export, else of the newest ingest.
    static func readStore(_ store: ReviewStore, request: ReviewRequest, pack: Pack, today: CalendarDate) throws
        -> (log: ActivityLog?, window: ReviewWindow, source: ReviewBuilder.Source) {
        let settings = pack.settings.review
        let ingests = try store.ingests()
        var log: ActivityLog?
        if let export = request.export {
            log = try store.ingest(path: export, reader: ActivityExportReader(settings: settings), day: today)
        }
        if let log, log.first == nil, log.rows == 0, log.malformedRows == 0, log.diagnostics.isEmpty,
           request.from == nil, request.to == nil {
            throw ReviewWindow.NoEvents(export: log.path)
        }
        let newest = ingests.last { $0.first != nil }
        if log == nil, request.from == nil, request.to == nil, newest == nil {
            throw ReviewStoreFailure.missing(store.shownPath)
        }
        let window = try ReviewWindow.resolve(first: log?.first ?? newest?.first, from: request.from, to: request.to, settings: settings)
            .checkedOrder()
        let shown = log?.path ?? store.shownPath
        var source = ReviewBuilder.Source(export: shown, format: log?.format ?? ExportFormat(rawValue: newest?.format ?? "") ?? .csv, log: log)
        if let id = log?.storeIngest { source.outsideWindow = try store.countAdded(by: id, outside: window) }
        for ingest in ingests where ingest.export != shown { source.otherExports[ingest.id] = ingest.export }
        return (log, window, source)
    }

    /// Writes `reviews/<date>.yml` into the pack; returns its pack-relative path.
    public func record(_ report: ReviewReport) throws -> String {
        try ReviewRecordWriter(packRoot: packRoot).write(report)
    }

    /// Refuses, before any work, a record `record` would refuse for today's review.
    public func checkRecord() throws {
        try ReviewRecordWriter(packRoot: packRoot).check(date: today)
    }

    /// A regular file, through links (an input is read, never written): a pipe or a device would block.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// True when `data` is a review sopgen wrote (any format), so `--output` may replace it.
    public static func isReview(_ data: Data) -> Bool {
        if let document = try? JSONDecoder().decode(ReviewDocument.self, from: data), document.kind == "sopgen-review" { return true }
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        if text.hasPrefix("<!DOCTYPE html>"), text.contains("<meta name=\"generator\" content=\"sopgen\">"),
           text.contains("<body class=\"review\">") {
            return true
        }
        // The summary line: "**1 error, 2 warnings, 0 notes.**" or "**3 errors, …".
        return text.hasPrefix("# Review of ") && (text.contains(" errors, ") || text.contains(" error, ")) && text.contains(" · reviewed ")
    }
}
