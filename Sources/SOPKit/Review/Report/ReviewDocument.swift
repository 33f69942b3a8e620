import Foundation

/// A review as data: what `sopgen review --format json` writes (schemas/review.schema.json), for
/// dashboards and CI. Keys sorted, so the same review is the same bytes.
public struct ReviewDocument: Sendable, Codable, Hashable {
    public struct Window: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var utcOffset: String
    }

    public struct Counts: Sendable, Codable, Hashable {
        public var rows: Int
        public var events: Int
        public var duplicates: Int
        public var alreadyStored: Int
        public var malformedRows: Int
        public var outsideWindow: Int
        public var unknownEvents: [String: Int]
    }

    public struct Event: Sendable, Codable, Hashable {
        public var line: Int
        public var event: String
        public var time: String
        public var user: String
        /// The export the line is in, when it is not `export` (an earlier export in the store).
        public var file: String?
    }

    /// One window of the trend: this review's (the last) and the ones before it in the store.
    public struct TrendPoint: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var events: Int
        public var summary: [String: Int]
        public var codes: [String: Int]
    }

    public struct Card: Sendable, Codable, Hashable {
        public var role: String
        public var policy: String
        public var link: String
    }

    public struct Finding: Sendable, Codable, Hashable {
        public var code: String
        public var severity: String
        public var user: String?
        public var role: String?
        public var surface: String?
        public var plan: String?
        public var policy: String?
        public var message: String
        public var events: [Event]
        /// Events that also prove the finding, not listed (`events` holds the earliest ten); absent when none.
        public var moreEvents: Int?
        public var notes: [String]
        public var sops: [String]
        public var cards: [Card]
        /// Windows running (this one included) the store has this code for this user; absent when 1.
        public var running: Int?
    }

    public struct Latency: Sendable, Codable, Hashable {
        public var median: Int?
        public var p90: Int?
    }

    public struct Role: Sendable, Codable, Hashable {
        public var role: String
        public var name: String
        public var users: Int
        public var prompts: Int
        public var proposed: Int
        public var approved: Int
        public var rejected: Int
        public var failed: Int
        public var escalations: Int
        public var approvalLatencyMinutes: Latency
    }

    public struct FlaggedSOP: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var codes: [String]
    }

    public var format = 1
    public var kind = "sopgen-review"
    public var version: String
    public var pack: String
    public var organisation: String
    public var date: String
    public var export: String
    public var exportFormat: String
    public var roster: String?
    public var window: Window
    public var counts: Counts
    public var summary: [String: Int]
    public var findings: [Finding]
    public var roles: [Role]
    public var flaggedSOPs: [FlaggedSOP]
    public var trend: [TrendPoint]

    init(_ report: ReviewReport) {
        version = SopgenVersion.current
        pack = report.title
        organisation = report.organisation
        date = report.date.description
        export = report.export
        exportFormat = report.format.rawValue
        roster = report.roster
        window = Window(from: report.window.from.description, to: report.window.to.description,
                        utcOffset: ExportTime.offsetText(report.window.utcOffset))
        let counts = report.counts
        self.counts = Counts(rows: counts.rows, events: counts.events, duplicates: counts.duplicates,
                             alreadyStored: counts.alreadyStored, malformedRows: counts.malformedRows,
                             outsideWindow: counts.outsideWindow, unknownEvents: counts.unknownEvents)
        summary = Dictionary(uniqueKeysWithValues: ReviewFinding.Severity.allCases.map { ($0.rawValue, report.count($0)) })
        findings = report.findings.map { finding in
            Finding(code: finding.code.rawValue, severity: finding.severity.rawValue, user: finding.user, role: finding.role,
                    surface: finding.surface?.rawValue, plan: finding.plan, policy: finding.policy, message: finding.message,
                    events: finding.evidence.map { Event(line: $0.line, event: $0.kind.rawValue, time: $0.time, user: $0.user, file: $0.file) },
                    moreEvents: finding.moreEvidence > 0 ? finding.moreEvidence : nil,
                    notes: finding.notes, sops: finding.sops,
                    cards: finding.cards.map { Card(role: $0.role, policy: $0.policy, link: $0.link) },
                    running: finding.running > 1 ? finding.running : nil)
        }
        roles = report.roles.map { stats in
            Role(role: stats.role, name: report.roleNames[stats.role] ?? stats.role, users: stats.users, prompts: stats.prompts,
                 proposed: stats.proposed, approved: stats.approved, rejected: stats.rejected, failed: stats.failed,
                 escalations: stats.escalations,
                 approvalLatencyMinutes: Latency(median: stats.approvalLatencyMedianMinutes, p90: stats.approvalLatencyP90Minutes))
        }
        flaggedSOPs = report.flaggedSOPs.map { FlaggedSOP(id: $0.id, title: $0.title, codes: $0.codes.map(\.rawValue)) }
        trend = report.trend.points.map { point in
            TrendPoint(from: point.from.description, to: point.to.description, events: point.events,
                       summary: ["error": point.errors, "warning": point.warnings, "info": point.infos],
                       codes: Dictionary(uniqueKeysWithValues: point.byCode.map { ($0.key.rawValue, $0.value) }))
        }
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number or list of them: encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
