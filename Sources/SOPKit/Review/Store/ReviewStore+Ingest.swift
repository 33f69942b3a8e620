import Foundation
import GRDB
internal import GRDBSQLite

extension ReviewStore {
    /// SQLite's page cache during an ingest, in KiB.
    static let ingestCacheKiB = 16_384

    /// Streams the export at `path` into the store in one transaction (all of it or, killed or
    /// failed midway, none of it): each row inserted through one prepared statement, a row the
    /// store already holds (same key) counted, not inserted again. Returns the log without events.
    public func ingest(path: String, reader: ActivityExportReader, day: CalendarDate) throws -> ActivityLog {
        do {
            return try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO ingest (export, format, day, rows, added, duplicates, already_stored, malformed, utc_offset, unknown_events)
                    VALUES (?, 'csv', ?, 0, 0, 0, 0, 0, 0, '{}')
                    """, arguments: [IdentifierRedactor.shownPath(path), day.description])
                let id = db.lastInsertedRowID
                // A bigger page cache while the rows go in (SQLite's default is 2 MiB): the end of
                // the table and of its index stay in memory instead of being written out and read
                // back mid-transaction. Only for the ingest: the report's sort uses the same
                // budget, and sorts no faster with it while holding 30 MiB more.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.ingestCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                var sink = try StoreEventSink(db: db, ingest: id, shownPath: shownPath)
                var log = try reader.stream(path: path, into: &sink, keys: keys)
                log.storeIngest = id
                let unknown = String(decoding: try JSONEncoder.sorted.encode(log.unknownEvents), as: UTF8.self)
                try db.execute(sql: """
                    UPDATE ingest SET export = ?, format = ?, rows = ?, added = ?, duplicates = ?, already_stored = ?, malformed = ?,
                      first_time = ?, last_time = ?, utc_offset = ?, unknown_events = ? WHERE id = ?
                    """, arguments: [log.path, log.format.rawValue, log.rows, log.added, log.duplicates, log.alreadyStored,
                                     log.malformedRows, log.first?.time, log.lastTime, log.first?.utcOffset ?? 0, unknown, id])
                return log
            }
        } catch let error as DatabaseError {
            throw ReviewStoreFailure.damaged(shownPath, detail: Self.describe(error))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// Inserts events into the store as the reader streams them: one prepared statement, the row's
/// values bound straight through SQLite's C interface (no argument array made per row). A time
/// and key already present are a duplicate of this export or of an earlier one.
struct StoreEventSink: ActivityEventSink {
    let db: Database
    let ingest: Int64
    let shownPath: String
    private let insert: Statement
    private let owner: Statement
    private(set) var failure: (any Error)?

    init(db: Database, ingest: Int64, shownPath: String) throws {
        self.db = db
        self.ingest = ingest
        self.shownPath = shownPath
        insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO event (key, time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        owner = try db.makeStatement(sql: "SELECT ingest FROM event WHERE time = ? AND key = ?")
    }

    /// The row's texts back to back, reused from row to row: bound in place (no copy by SQLite).
    private var texts: [UInt8] = []
    private var spans: [(start: Int, count: Int)?] = Array(repeating: nil, count: 8)

    mutating func keep(_ event: ActivityEvent, key: Int64) -> EventKeeping {
        guard failure == nil else { return .added }
        texts.removeAll(keepingCapacity: true)
        func add(_ text: String?, _ slot: Int) {
            guard let text else {
                spans[slot] = nil
                return
            }
            let start = texts.count
            texts += text.utf8
            spans[slot] = (start, texts.count - start)
        }
        add(event.user, 0)
        add(event.kind.rawValue, 1)
        add(event.surface?.rawValue, 2)
        add(event.plan, 3)
        add(event.policy, 4)
        add(event.risk?.rawValue, 5)
        add(event.note, 6)
        add(event.sensitiveKinds.isEmpty ? nil : event.sensitiveKinds.joined(separator: ","), 7)
        // One byte more, so that even an empty text has a pointer to bind (a null one binds NULL).
        texts.append(0)
        let statement = insert.sqliteStatement
        let status = texts.withUnsafeBufferPointer { buffer -> Int32 in
            sqlite3_reset(statement)
            sqlite3_bind_int64(statement, 1, key)
            sqlite3_bind_int64(statement, 2, event.time)
            sqlite3_bind_int64(statement, 3, Int64(event.utcOffset))
            for (slot, span) in spans.enumerated() {
                let index = Int32(slot < 7 ? slot + 4 : 11)
                if let span {
                    let start = UnsafeRawPointer(buffer.baseAddress! + span.start).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(statement, index, start, Int32(span.count), nil)
                } else {
                    sqlite3_bind_null(statement, index)
                }
            }
            sqlite3_bind_int64(statement, 12, ingest)
            sqlite3_bind_int64(statement, 13, Int64(event.line))
            let status = sqlite3_step(statement)
            // The texts are bound in place: unbound before the buffer goes.
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            return status
        }
        guard status == SQLITE_DONE else { return failed() }
        if sqlite3_changes(db.sqliteConnection) == 1 { return .added }
        let lookup = owner.sqliteStatement
        sqlite3_reset(lookup)
        sqlite3_bind_int64(lookup, 1, event.time)
        sqlite3_bind_int64(lookup, 2, key)
        guard sqlite3_step(lookup) == SQLITE_ROW else { return failed() }
        return sqlite3_column_int64(lookup, 0) == ingest ? .duplicate : .alreadyStored
    }

    private mutating func failed() -> EventKeeping {
        let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) } ?? "unknown error"
        failure = ReviewStoreFailure.damaged(shownPath, detail: "'\(message)' (\(sqlite3_errcode(db.sqliteConnection)))")
        return .added
    }
}
