import Foundation
import GRDB

extension ReviewStore {
    /// One ingested export, as `sopgen review --list` shows it.
    public struct Ingest: Sendable, Hashable {
        public var id: Int64
        public var export: String
        public var format: String
        /// The day of the review that ingested it.
        public var day: String
        public var rows: Int
        public var added: Int
        public var duplicates: Int
        public var alreadyStored: Int
        public var malformed: Int
        /// The export's first and last local days (in its first event's offset), nil when it held no event.
        public var firstDay: CalendarDate?
        public var lastDay: CalendarDate?
        public var first: ActivityLog.FirstEvent?
    }

    /// Every ingest, oldest first.
    public func ingests() throws -> [Ingest] {
        try guarded {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, export, format, day, rows, added, duplicates, already_stored, malformed, first_time, last_time, utc_offset
                    FROM ingest ORDER BY id
                    """).map { row in
                    let offset: Int32 = row["utc_offset"]
                    let first: Int64? = row["first_time"]
                    let last: Int64? = row["last_time"]
                    return Ingest(id: row["id"], export: row["export"], format: row["format"], day: row["day"], rows: row["rows"],
                                  added: row["added"], duplicates: row["duplicates"], alreadyStored: row["already_stored"],
                                  malformed: row["malformed"],
                                  firstDay: first.map { ReviewWindow.day(of: $0, offset: offset) },
                                  lastDay: last.map { ReviewWindow.day(of: $0, offset: offset) },
                                  first: first.map { ActivityLog.FirstEvent(time: $0, utcOffset: offset, line: 0) })
                }
            }
        }
    }

    /// How many events the store holds in `window`.
    public func count(in window: ReviewWindow) throws -> Int {
        let (start, end) = window.bounds
        return try guarded {
            try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE time BETWEEN ? AND ?", arguments: [start, end]) ?? 0
            }
        }
    }

    /// How many events `ingest` brought into the store outside `window`.
    public func countAdded(by ingest: Int64, outside window: ReviewWindow) throws -> Int {
        let (start, end) = window.bounds
        return try guarded {
            try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE ingest = ? AND time NOT BETWEEN ? AND ?",
                                 arguments: [ingest, start, end]) ?? 0
            }
        }
    }

    /// All events the store holds, how many, from the first day to the last (UTC).
    public func totals() throws -> (events: Int, first: Int64?, last: Int64?) {
        try guarded {
            try queue.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(time) AS first, MAX(time) AS last FROM event")
                return (row?["n"] ?? 0, row?["first"], row?["last"])
            }
        }
    }

    /// The events in `window`, in time order (then by ingest and line), each with its ingest as `source`.
    public func events(in window: ReviewWindow) throws -> [ActivityEvent] {
        let (start, end) = window.bounds
        return try guarded {
            try queue.read { db in
                var events: [ActivityEvent] = []
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line
                    FROM event WHERE time BETWEEN ? AND ? ORDER BY time, ingest, line
                    """, arguments: [start, end])
                while let row = try cursor.next() {
                    let kindName: String = row[3]
                    guard let kind = ActivityEvent.Kind(rawValue: kindName) else { continue }
                    let sensitive: String? = row[9]
                    events.append(ActivityEvent(
                        time: row[0], utcOffset: row[1], user: row[2], kind: kind,
                        surface: (row[4] as String?).flatMap(Surface.init(rawValue:)), plan: row[5], policy: row[6],
                        risk: (row[7] as String?).flatMap(Policy.Risk.init(rawValue:)), note: row[8],
                        sensitiveKinds: sensitive.map { $0.split(separator: ",").map(String.init) } ?? [],
                        line: row[11], source: row[10]))
                }
                return events
            }
        }
    }

    /// Runs `body`, turning SQLite's errors into `damaged`.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw ReviewStoreFailure.damaged(shownPath, detail: Self.describe(error))
        }
    }
}

extension ReviewWindow {
    /// The first and last second of the window, UTC, inclusive.
    var bounds: (Int64, Int64) {
        (Int64(from.day) * 86_400 - Int64(utcOffset), Int64(to.day + 1) * 86_400 - Int64(utcOffset) - 1)
    }
}
