/// How a review's window compares with the windows before it (same length, back to back), read
/// from the review store: the findings of each, and for each finding of this window how many
/// windows running the same user has had it ("missing-context for the third week running").
public struct ReviewTrend: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var from: CalendarDate
        public var to: CalendarDate
        public var events: Int
        public var errors: Int
        public var warnings: Int
        public var infos: Int
        /// Findings by code (info included).
        public var byCode: [ReviewFinding.Code: Int]

        init(window: ReviewWindow, events: Int, findings: [ReviewFinding]) {
            from = window.from
            to = window.to
            self.events = events
            errors = findings.filter { $0.severity == .error }.count
            warnings = findings.filter { $0.severity == .warning }.count
            infos = findings.filter { $0.severity == .info }.count
            byCode = Dictionary(findings.map { ($0.code, 1) }, uniquingKeysWith: +)
        }
    }

    /// An earlier window's events and findings, as the pipeline computed them from the store.
    struct Earlier {
        var window: ReviewWindow
        var events: Int
        var findings: [ReviewFinding]
    }

    /// Earlier windows read at most: a month of weeks.
    public static let lookback = 4

    /// Oldest first; the last point is the review's own window. One point when the store holds
    /// nothing before the window.
    public var points: [Point]

    /// The windows before `window` to read: same length, back to back, most recent first.
    static func earlierWindows(of window: ReviewWindow) -> [ReviewWindow] {
        let length = window.to.day - window.from.day + 1
        return (1...lookback).map {
            ReviewWindow(from: window.from.adding(days: -length * $0), to: window.to.adding(days: -length * $0), utcOffset: window.utcOffset)
        }
    }

    /// The trend, and the findings with "for the Nth week running" added where the same code and
    /// user were found in each of the N-1 windows before (`earlier` most recent first).
    static func compare(_ findings: [ReviewFinding], window: ReviewWindow, events: Int, earlier: [Earlier]) -> (ReviewTrend, [ReviewFinding]) {
        let points = earlier.reversed().map { Point(window: $0.window, events: $0.events, findings: $0.findings) }
            + [Point(window: window, events: events, findings: findings)]
        let length = window.to.day - window.from.day + 1
        let unit = length == 7 ? "week" : length == 1 ? "day" : "\(length)-day window"
        let marked = findings.map { finding -> ReviewFinding in
            guard finding.severity > .info, let user = finding.user else { return finding }
            var running = 1
            for previous in earlier {
                guard previous.findings.contains(where: { $0.code == finding.code && $0.user == user }) else { break }
                running += 1
            }
            guard running > 1 else { return finding }
            var finding = finding
            finding.message += " — for the \(ordinal(running)) \(unit) running"
            finding.running = running
            return finding
        }
        return (ReviewTrend(points: points), marked)
    }

    static func ordinal(_ number: Int) -> String {
        switch number {
        case 2: "second"
        case 3: "third"
        case 4: "fourth"
        case 5: "fifth"
        default: "\(number)th"
        }
    }
}
