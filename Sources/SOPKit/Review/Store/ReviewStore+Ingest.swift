import Foundation
import GRDB

extension ReviewStore {
    /// Streams the export at `path` into the store in one transaction (all of it or, killed or
    /// failed midway, none of it): each row inserted through one prepared statement, a row the
    /// store already holds (same key) counted, not inserted again. Returns the log without events.
    public func ingest(path: String, reader: ActivityExportReader, day: CalendarDate) throws -> ActivityLog {
        do {
            return try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO ingest (export, format, day, rows, added, duplicates, already_stored, malformed, utc_offset, unknown_events)
                    VALUES (?, 'csv', ?, 0, 0, 0, 0, 0, 0, '{}')
                    """, arguments: [path, day.description])
                let id = db.lastInsertedRowID
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

/// Inserts events into the store as the reader streams them: one prepared statement, arguments
/// bound per row. A key already present is a duplicate of this export or of an earlier one.
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
        owner = try db.makeStatement(sql: "SELECT ingest FROM event WHERE key = ?")
    }

    mutating func keep(_ event: ActivityEvent, key: Int64) -> EventKeeping {
        guard failure == nil else { return .added }
        do {
            let sensitive: String? = event.sensitiveKinds.isEmpty ? nil : event.sensitiveKinds.joined(separator: ",")
            try insert.execute(arguments: [key, event.time, Int64(event.utcOffset), event.user, event.kind.rawValue,
                                           event.surface?.rawValue, event.plan, event.policy, event.risk?.rawValue, event.note,
                                           sensitive, ingest, event.line])
            if db.changesCount == 1 { return .added }
            return try Int64.fetchOne(owner, arguments: [key]) == ingest ? .duplicate : .alreadyStored
        } catch {
            failure = ReviewStoreFailure.damaged(shownPath, detail: ReviewStore.describe(error))
            return .added
        }
    }
}
