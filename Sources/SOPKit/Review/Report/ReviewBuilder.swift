/// Builds a `ReviewReport`: the window chosen, events in it kept, findings and statistics
/// computed, the SOPs to update gathered. Pure: the export is already read, the day already decided.
struct ReviewBuilder {
    let pack: Pack
    let people: People
    let roster: WordPressRoster?

    func build(log: ActivityLog, from: CalendarDate?, to: CalendarDate?, today: CalendarDate, rosterPath: String?) -> ReviewReport {
        let settings = pack.settings.review
        let window = ReviewWindow.resolve(events: log.events, from: from, to: to, settings: settings)
        let events = log.events.filter(window.contains)
        let directory = ReviewDirectory(people: people, roster: roster)
        let findings = FindingEngine(pack: pack, directory: directory, settings: settings, window: window).findings(events)
        var counts = ReviewReport.Counts()
        counts.rows = log.rows
        counts.events = events.count
        counts.duplicates = log.duplicates
        counts.malformedRows = log.malformedRows
        counts.outsideWindow = log.events.count - events.count
        counts.unknownEvents = log.unknownEvents
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
            let engine = FindingEngine(pack: pack, directory: directory, settings: settings, window: window)
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
            title: pack.settings.title, organisation: pack.settings.organisation, date: today, export: log.path,
            format: log.format, roster: rosterPath, window: window, counts: counts, findings: findings, roles: statistics,
            roleNames: names, activity: activity,
            trouble: trouble.keys.sorted().map { .init(surface: $0, rejected: trouble[$0]!.rejected, failed: trouble[$0]!.failed) },
            flaggedSOPs: flagged.keys.sorted().map { id in (id, pack.sop(id)?.title ?? id, flagged[id]!.sorted()) })
    }
}
