/// The days a review reads, inclusive, as local days of the export's time zone: the offset of the
/// first event (or `review.utc_offset`). By default the first seven days of the export.
public struct ReviewWindow: Sendable, Hashable {
    public var from: CalendarDate
    public var to: CalendarDate
    /// The offset local days are counted in, in seconds.
    public var utcOffset: Int32

    public init(from: CalendarDate, to: CalendarDate, utcOffset: Int32) {
        self.from = from
        self.to = to
        self.utcOffset = utcOffset
    }

    /// The window for `events` (sorted by time): `from`/`to` when given, else seven days from the
    /// first event's day (or from `from`).
    public static func resolve(events: [ActivityEvent], from: CalendarDate?, to: CalendarDate?, settings: ReviewSettings) -> ReviewWindow {
        resolve(first: events.first.map { ActivityLog.FirstEvent(time: $0.time, utcOffset: $0.utcOffset, line: $0.line) },
                from: from, to: to, settings: settings)
    }

    /// The window from the export's (or the store's) first event.
    public static func resolve(first event: ActivityLog.FirstEvent?, from: CalendarDate?, to: CalendarDate?, settings: ReviewSettings) -> ReviewWindow {
        let offset = settings.utcOffset ?? event?.utcOffset ?? 0
        let first = event.map { day(of: $0.time, offset: offset) }
        let start = from ?? first ?? to?.adding(days: -6) ?? CalendarDate(secondsSince1970: 0)
        return ReviewWindow(from: start, to: to ?? start.adding(days: 6), utcOffset: offset)
    }

    /// A `--to` before the day the window would start from (the export's first day): refused, not
    /// reviewed as a window that ends before it begins.
    public struct Reversed: Error, CustomStringConvertible {
        public var window: ReviewWindow
        public var description: String {
            "--to \(window.to) is before \(window.from), the first day of the export's events, so there is nothing to review; "
                + "give a later --to, or --from as well"
        }
    }

    /// An export that holds no event (empty, a header alone) and no window given: there is no
    /// first day to start from, and a review of nothing would read as a clean week.
    public struct NoEvents: Error, CustomStringConvertible {
        public var export: String
        public var description: String {
            "'\(export)' holds no events (no row under a header), so there is no week to review; "
                + "check that it is SophMate's activity export, or give --from and --to to review those days of the review store"
        }
    }

    /// The window, or `Reversed` when it would end before it starts.
    public func checkedOrder() throws(Reversed) -> ReviewWindow {
        guard from <= to else { throw Reversed(window: self) }
        return self
    }

    public func day(of time: Int64) -> CalendarDate { Self.day(of: time, offset: utcOffset) }

    static func day(of time: Int64, offset: Int32) -> CalendarDate {
        CalendarDate(secondsSince1970: Int(time + Int64(offset)))
    }

    public func contains(_ event: ActivityEvent) -> Bool {
        let day = day(of: event.time)
        return from <= day && day <= to
    }

    /// Every day of the window, in order (at most 366: a longer window is charted by its first year).
    public var days: [CalendarDate] {
        let count = min(max(to.day - from.day + 1, 0), 366)
        return (0..<count).map { from.adding(days: $0) }
    }
}
