/// Builds a `ReviewReport` from a window's `WindowScan` (findings, statistics, chart counts): the
/// trend compared, the SOPs to update gathered. Pure: the export is already read, the day already decided.
struct ReviewBuilder {
    let pack: Pack
    let people: People
    let roster: WordPressRoster?
    /// The store's salt, which the identifiers in it are kept with (`IdentifierRedactor`).
    var salt: [UInt8] = []

    /// What the report is of: the export just ingested (its log, with counts and diagnostics), or
    /// the store alone (`log` nil).
    struct Source {
        var export: String
        var format: ExportFormat
        var log: ActivityLog?
        /// This export's events outside the window.
        var outsideWindow = 0
        /// Where events of earlier ingests came from, by ingest.
        var otherExports: [Int64: String] = [:]
    }

    func engine(_ window: ReviewWindow, sources: [Int64: String] = [:]) -> FindingEngine {
        FindingEngine(pack: pack, directory: ReviewDirectory(people: people, roster: roster, salt: salt), settings: pack.settings.review,
                      window: window, sources: sources)
    }

    /// The findings of an earlier window, for the trend.
    func earlier(_ window: ReviewWindow, scan: WindowScan.Result) -> ReviewTrend.Earlier {
        ReviewTrend.Earlier(window: window, events: scan.events, findings: scan.findings)
    }

    /// `scan` is the window's, read by `engine(window, sources:)`; `earlier` the windows before it,
    /// most recent first.
    func build(scan: WindowScan.Result, window: ReviewWindow, source: Source, earlier: [ReviewTrend.Earlier],
               today: CalendarDate, rosterPath: String?) -> ReviewReport {
        let (trend, findings) = ReviewTrend.compare(scan.findings, window: window, events: scan.events, earlier: earlier)
        var counts = ReviewReport.Counts()
        if let log = source.log {
            counts.rows = log.rows
            counts.duplicates = log.duplicates
            counts.alreadyStored = log.alreadyStored
            counts.malformedRows = log.malformedRows
            counts.unknownEvents = log.unknownEvents
        }
        counts.events = scan.events
        counts.outsideWindow = source.outsideWindow
        var flagged: [String: Set<ReviewFinding.Code>] = [:]
        for finding in findings where finding.severity > .info {
            for sop in finding.sops { flagged[sop, default: []].insert(finding.code) }
        }
        var names = Dictionary(pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        names["unknown"] = "No pack role"
        return ReviewReport(
            title: pack.settings.title, organisation: pack.settings.organisation, date: today, export: source.export,
            format: source.format, roster: rosterPath, window: window, counts: counts, findings: findings, roles: scan.statistics,
            roleNames: names, activity: scan.activity, trouble: scan.trouble, trend: trend,
            flaggedSOPs: flagged.keys.sorted().map { id in (id, pack.sop(id)?.title ?? id, flagged[id]!.sorted()) })
    }
}
