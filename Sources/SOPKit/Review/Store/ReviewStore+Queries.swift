import Foundation
import GRDB
internal import GRDBSQLite

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

    /// Reads the events in `window` through one `WindowScan`: one query, each row decoded, handed
    /// over and dropped, so memory does not grow with the window.
    func scan(_ window: ReviewWindow, engine: FindingEngine) throws -> WindowScan.Result {
        var scan = WindowScan(engine: engine)
        try forEachEvent(in: window) { scan.add($0) }
        return scan.finish()
    }

    /// Calls `body` with each event in `window`, each with its ingest as `source`, in
    /// `WindowScan.readingOrder` (plan-less events first, then plan by plan; by time, ingest and
    /// line). Columns are read through SQLite's C interface (no row object made per row); a row
    /// whose event name this sopgen does not know is skipped.
    func forEachEvent(in window: ReviewWindow, _ body: (ActivityEvent) throws -> Void) throws {
        let (start, end) = window.bounds
        try guarded {
            try queue.read { db in
                let statement = try db.makeStatement(sql: """
                    SELECT time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line
                    FROM event WHERE time BETWEEN ? AND ? ORDER BY plan, time, ingest, line
                    """)
                let handle = statement.sqliteStatement
                var policies = TextInterner(), notes = TextInterner()
                sqlite3_bind_int64(handle, 1, start)
                sqlite3_bind_int64(handle, 2, end)
                defer { sqlite3_reset(handle) }
                while true {
                    let status = sqlite3_step(handle)
                    if status == SQLITE_DONE { break }
                    guard status == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: status),
                                            message: sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) })
                    }
                    guard let kind = StoredText.value(handle, 3, ActivityEvent.Kind.byteNames) else { continue }
                    try body(ActivityEvent(
                        time: sqlite3_column_int64(handle, 0), utcOffset: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 1)),
                        user: StoredText.string(handle, 2) ?? "", kind: kind,
                        surface: StoredText.value(handle, 4, Surface.byteNames),
                        plan: StoredText.string(handle, 5), policy: StoredText.text(handle, 6, &policies),
                        risk: StoredText.value(handle, 7, Policy.Risk.byteNames),
                        note: StoredText.text(handle, 8, &notes),
                        sensitiveKinds: StoredText.string(handle, 9).map { $0.split(separator: ",").map(String.init) } ?? [],
                        line: Int(sqlite3_column_int64(handle, 11)), source: sqlite3_column_int64(handle, 10)))
                }
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

/// Text columns read back from the store, straight from SQLite's buffer.
private enum StoredText {
    /// The value a column names (an event kind, a surface, a risk), told from its bytes: no text made.
    /// A column whose texts repeat (policy ids, reviewer notes), made once through `interner`.
    static func text(_ handle: OpaquePointer, _ column: Int32, _ interner: inout TextInterner) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return interner.text(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    static func value<Value>(_ handle: OpaquePointer, _ column: Int32, _ names: ByteNames<Value>) -> Value? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return names.value(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    static func string(_ handle: OpaquePointer, _ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}
