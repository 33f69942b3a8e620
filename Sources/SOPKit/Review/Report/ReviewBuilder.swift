/// Builds a `ReviewReport`: the window chosen, events in it kept, findings and statistics
/// computed, the SOPs to update gathered. Pure: the export is already read, the day already decided.
struct ReviewBuilder {
    let pack: Pack
    let people: People
    let roster: WordPressRoster?

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
        FindingEngine(pack: pack, directory: ReviewDirectory(people: people, roster: roster), settings: pack.settings.review,
                      window: window, sources: sources)
    }

    /// The findings of an earlier window, for the trend.
    func earlier(_ window: ReviewWindow, events: [ActivityEvent]) -> ReviewTrend.Earlier {
        ReviewTrend.Earlier(window: window, events: events.count, findings: engine(window).findings(events))
    }

    /// `events` are the window's, in time order; `earlier` the windows before it, most recent first.
    func build(events: [ActivityEvent], window: ReviewWindow, source: Source, earlier: [ReviewTrend.Earlier],
               today: CalendarDate, rosterPath: String?) -> ReviewReport {
        let directory = ReviewDirectory(people: people, roster: roster)
        let engine = engine(window, sources: source.otherExports)
        let (trend, findings) = ReviewTrend.compare(engine.findings(events), window: window, events: events.count, earlier: earlier)
        var counts = ReviewReport.Counts()
        if let log = source.log {
            counts.rows = log.rows
            counts.duplicates = log.duplicates
            counts.alreadyStored = log.alreadyStored
            counts.malformedRows = log.malformedRows
            counts.unknownEvents = log.unknownEvents
        }
        counts.events = events.count
        counts.outsideWindow = source.outsideWindow
        let statistics = RoleStatistics.compute(events, directory: directory, pack: pack)

        let days = window.days
        var activity: [ReviewReport.DailyActivity] = statistics.map { .init(role: $0.role, perDay: Array(repeating: 0, count: days.count)) }
        var trouble: [Surface: (rejected: Int, failed: Int)] = [:]
        for event in events {
            let role = directory.role(of: event.user) ?? "unknown"
            let index = window.day(of: event.time).day - window.from.day
            if let row = activity.firstIndex(where: { $0.role == role }), index >= 0, index < days.count {
                activity[row].perDay[index] += 1
            }
            guard event.kind == .rejected || event.kind == .failed else { continue }
            guard let surface = engine.surface(of: event) else { continue }
            var entry = trouble[surface] ?? (0, 0)
            if event.kind == .rejected { entry.rejected += 1 } else { entry.failed += 1 }
            trouble[surface] = entry
        }
        var flagged: [String: Set<ReviewFinding.Code>] = [:]
        for finding in findings where finding.severity > .info {
            for sop in finding.sops { flagged[sop, default: []].insert(finding.code) }
        }
        var names = Dictionary(pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        names["unknown"] = "No pack role"
        return ReviewReport(
            title: pack.settings.title, organisation: pack.settings.organisation, date: today, export: source.export,
            format: source.format, roster: rosterPath, window: window, counts: counts, findings: findings, roles: statistics,
            roleNames: names, activity: activity,
            trouble: trouble.keys.sorted().map { .init(surface: $0, rejected: trouble[$0]!.rejected, failed: trouble[$0]!.failed) },
            trend: trend,
            flaggedSOPs: flagged.keys.sorted().map { id in (id, pack.sop(id)?.title ?? id, flagged[id]!.sorted()) })
    }
}
