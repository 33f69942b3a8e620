import GFM

/// Renders a `ReviewReport` as HTML (the site's theme, styles inlined, charts as inline SVG),
/// Markdown (a summary to paste into a ticket) or JSON (`ReviewDocument`).
struct ReviewRenderer {
    let pack: Pack

    func render(_ report: ReviewReport, format: ReviewFormat) -> String {
        switch format {
        case .json: return ReviewDocument(report).json
        case .html: return pack.theme.render(page(report))
        case .md: return pack.theme.render(page(report), with: ReviewPage.markdownTemplate)
        }
    }

    func page(_ report: ReviewReport) -> ReviewPage {
        let root = "../../"
        func sopLink(_ id: String) -> ReviewPage.Link {
            ReviewPage.Link(text: pack.sop(id)?.title ?? id, href: "\(root)sops/\(id).html")
        }
        func finding(_ finding: ReviewFinding) -> ReviewPage.Finding {
            ReviewPage.Finding(
                code: finding.code.rawValue, severity: finding.severity.rawValue, message: finding.message, user: finding.user,
                plan: finding.plan, surface: finding.surface?.rawValue,
                evidence: finding.evidence.map { .init(place: "\($0.file ?? report.export):\($0.line)", event: $0.kind.rawValue, time: $0.time, user: $0.user) },
                moreEvidence: finding.moreEvidence > 0 ? "and \(Counted.text(finding.moreEvidence, "more event"))" : nil,
                notes: finding.notes, hasNotes: !finding.notes.isEmpty,
                sops: finding.sops.map(sopLink),
                cards: finding.cards.map { card in
                    .init(text: "\(report.roleNames[card.role] ?? card.role): \(card.policy)", href: root + card.link)
                },
                hasUpdates: !finding.sops.isEmpty || !finding.cards.isEmpty)
        }
        var roleIDs = report.roles.map(\.role)
        for item in report.findings { if let role = item.role, !roleIDs.contains(role) { roleIDs.append(role) } }
        var roles: [ReviewPage.Role] = roleIDs.map { id in
            let stats = report.roles.first { $0.role == id }
            let findings = report.findings.filter { $0.role == id }
            let sops = Array(Set(findings.filter { $0.severity > .info }.flatMap(\.sops))).sorted()
            var figures: [ReviewPage.Figure] = []
            if let stats {
                figures = [
                    .init(label: "Users", value: "\(stats.users)"), .init(label: "Prompts", value: "\(stats.prompts)"),
                    .init(label: "Plans proposed", value: "\(stats.proposed)"), .init(label: "Approved", value: "\(stats.approved)"),
                    .init(label: "Rejected", value: "\(stats.rejected)"), .init(label: "Failed", value: "\(stats.failed)"),
                    .init(label: "Escalations", value: "\(stats.escalations)"),
                    .init(label: "Approval latency, median", value: stats.approvalLatencyMedianMinutes.map(Self.minutes) ?? "—"),
                    .init(label: "Approval latency, 90th percentile", value: stats.approvalLatencyP90Minutes.map(Self.minutes) ?? "—"),
                ]
            }
            return ReviewPage.Role(
                id: id, name: report.roleNames[id] ?? id,
                handbook: pack.role(id).map { .init(text: "\($0.name) handbook", href: "\(root)roles/\(id)/index.html") },
                figures: figures, hasFigures: !figures.isEmpty, findings: findings.map(finding), hasFindings: !findings.isEmpty,
                sops: sops.map(sopLink), hasSOPs: !sops.isEmpty)
        }
        let roleless = report.findings.filter { $0.role == nil }
        if !roleless.isEmpty {
            roles.append(.init(id: "no-role", name: "Users without a pack role", handbook: nil, figures: [], hasFigures: false,
                               findings: roleless.map(finding), hasFindings: true, sops: [], hasSOPs: false))
        }
        let counts = report.counts
        let offset = ExportTime.offsetText(report.window.utcOffset)
        return ReviewPage(
            pageTitle: "First-week review \(report.window.from) to \(report.window.to)",
            title: "Review of \(report.window.from) to \(report.window.to)",
            pack: PackTitle(title: report.title, organisation: report.organisation.isEmpty ? nil : report.organisation),
            inlineCSS: pack.theme.inlineStylesheets(["sopgen.css"]),
            date: report.date.description,
            window: "\(report.window.from) to \(report.window.to) (days counted at UTC\(offset))",
            export: report.export, roster: report.roster,
            figures: [
                .init(label: "Events in the window", value: "\(counts.events)"), .init(label: "Rows read", value: "\(counts.rows)"),
                .init(label: "Duplicate rows (counted once)", value: "\(counts.duplicates)"),
                .init(label: "Rows already in the review store (earlier exports)", value: "\(counts.alreadyStored)"),
                .init(label: "Malformed rows (skipped)", value: "\(counts.malformedRows)"),
                .init(label: "Events outside the window", value: "\(counts.outsideWindow)"),
                .init(label: "Unknown event names", value: "\(counts.unknownEvents.values.reduce(0, +))"),
            ],
            codes: ReviewFinding.Code.allCases.compactMap { code in
                let matching = report.findings.filter { $0.code == code }
                guard let severity = matching.map(\.severity).max() else { return nil }
                return .init(code: code.rawValue, severity: severity.rawValue, count: matching.count, summary: code.summary)
            },
            hasFindings: !report.findings.isEmpty, errors: Counted.text(report.count(.error), "error"), warnings: Counted.text(report.count(.warning), "warning"),
            infos: Counted.text(report.count(.info), "note"),
            unknownEvents: counts.unknownEvents.keys.sorted().map { .init(label: $0, value: "\(counts.unknownEvents[$0]!)") },
            hasUnknownEvents: !counts.unknownEvents.isEmpty,
            charts: charts(report),
            trend: report.trend.points.map { point in
                .init(label: "\(point.from) to \(point.to)",
                      value: "\(Counted.text(point.events, "event")), \(Counted.text(point.errors, "error")), \(Counted.text(point.warnings, "warning")), \(Counted.text(point.infos, "note"))")
            },
            hasTrend: report.trend.points.count > 1,
            roles: roles,
            flaggedSOPs: report.flaggedSOPs.map { sopLink($0.id) }, hasFlaggedSOPs: !report.flaggedSOPs.isEmpty,
            version: SopgenVersion.current)
    }

    private func charts(_ report: ReviewReport) -> [ReviewChart] {
        let days = report.window.days.map { String($0.description.suffix(5)) }
        let perDay = ReviewChart.stackedColumns(
            id: "events-per-day", title: "Events per day, by role",
            summary: "How many events each role caused on each day of the window.",
            categories: days, series: report.activity.map { (report.roleNames[$0.role] ?? $0.role, $0.perDay) })
        let trouble = ReviewChart.groupedRows(
            id: "trouble-by-surface", title: "Rejections and failures, by surface",
            summary: "Plans rejected and runs failed on each SophMate surface in the window.",
            categories: report.trouble.map(\.surface.displayName),
            series: [("Rejected", report.trouble.map(\.rejected)), ("Failed", report.trouble.map(\.failed))])
        var roleIDs: [String] = []
        for item in report.findings { let id = item.role ?? "unknown"; if !roleIDs.contains(id) { roleIDs.append(id) } }
        let bySeverity = ReviewFinding.Severity.allCases.reversed().map { severity in
            (severity.rawValue, roleIDs.map { id in report.findings.filter { ($0.role ?? "unknown") == id && $0.severity == severity }.count })
        }
        let findings = ReviewChart.groupedRows(
            id: "findings-by-role", title: "Findings, by role", summary: "Errors, warnings and notes the review found, per role.",
            categories: roleIDs.map { report.roleNames[$0] ?? $0 }, series: bySeverity,
            classes: ReviewFinding.Severity.allCases.reversed().map { "chart-\($0.rawValue)" })
        guard report.trend.points.count > 1 else { return [perDay, trouble, findings] }
        let points = report.trend.points
        let trend = ReviewChart.lines(
            id: "trend", title: "Findings, this window against earlier ones",
            summary: "Errors, warnings and notes in each window the review store holds, oldest first; the last is this review's.",
            categories: points.map { String($0.from.description.suffix(5)) },
            series: [("error", points.map(\.errors)), ("warning", points.map(\.warnings)), ("info", points.map(\.infos))],
            classes: ["error", "warning", "info"])
        return [perDay, trouble, findings, trend]
    }

    static func minutes(_ value: Int) -> String {
        value < 60 ? "\(value) min" : "\(value / 60) h \(value % 60) min"
    }
}

/// The formats `sopgen review` writes.
public enum ReviewFormat: String, Sendable, CaseIterable {
    case html, md, json
}
