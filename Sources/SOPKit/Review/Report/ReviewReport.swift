/// Everything a review found, as values: what `--format json|md|html` render and `--record`
/// writes. Built by `ReviewBuilder` from the export, the roster and the pack; holds no prompt
/// text, no email address and no value the scanner found.
public struct ReviewReport: Sendable {
    public struct Counts: Sendable, Hashable {
        /// Rows read (duplicates and unknown events included, malformed rows not).
        public var rows = 0
        /// Distinct events inside the window.
        public var events = 0
        /// Rows this export holds more than once.
        public var duplicates = 0
        /// Rows an earlier export already brought into the store (overlapping exports).
        public var alreadyStored = 0
        public var malformedRows = 0
        public var outsideWindow = 0
        public var unknownEvents: [String: Int] = [:]
    }

    /// Events per local day for one role (chart: events per day by role).
    public struct DailyActivity: Sendable, Hashable {
        public var role: String
        public var perDay: [Int]
    }

    /// Rejections and failures on one surface (chart).
    public struct SurfaceTrouble: Sendable, Hashable {
        public var surface: Surface
        public var rejected: Int
        public var failed: Int
    }

    public var title: String
    public var organisation: String
    /// The day the review was run (the file name `--record` writes).
    public var date: CalendarDate
    public var export: String
    public var format: ExportFormat
    public var roster: String?
    public var window: ReviewWindow
    public var counts: Counts
    public var findings: [ReviewFinding]
    public var roles: [RoleStatistics]
    /// Role names by id, for the pages.
    public var roleNames: [String: String]
    public var activity: [DailyActivity]
    public var trouble: [SurfaceTrouble]
    /// This window against the ones before it in the store.
    public var trend: ReviewTrend
    /// Every SOP some finding asks to update, with the codes that flagged it, by SOP id.
    public var flaggedSOPs: [(id: String, title: String, codes: [ReviewFinding.Code])]

    /// The most severe finding's severity, nil without findings.
    public var highestSeverity: ReviewFinding.Severity? { findings.map(\.severity).max() }

    public func count(_ severity: ReviewFinding.Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
