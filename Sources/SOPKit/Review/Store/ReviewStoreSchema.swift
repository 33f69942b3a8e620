import Foundation
import GRDB

/// The review store's schema, as GRDB migrations applied in order. A migration is never edited
/// once released: a change is a new migration appended here, and `version` is their count.
/// `PRAGMA application_id` marks the file as sopgen's; `PRAGMA user_version` holds the version,
/// so a newer sopgen's database is recognised before anything is read from it.
enum ReviewStoreSchema {
    /// "SOPR": what `PRAGMA application_id` holds in every review store.
    static let applicationID: Int32 = 0x534F_5052
    static let version = 3
    /// A `meta` row left while the file may still hold, in free pages, values a migration
    /// replaced: `ReviewStore.open` vacuums the file, then deletes the row.
    static let scrubMark = "scrub-free-pages"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(sql: """
                CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL);
                CREATE TABLE ingest (
                  id INTEGER PRIMARY KEY,
                  export TEXT NOT NULL,
                  format TEXT NOT NULL,
                  day TEXT NOT NULL,
                  rows INTEGER NOT NULL,
                  added INTEGER NOT NULL,
                  duplicates INTEGER NOT NULL,
                  already_stored INTEGER NOT NULL,
                  malformed INTEGER NOT NULL,
                  first_time INTEGER,
                  last_time INTEGER,
                  utc_offset INTEGER NOT NULL,
                  unknown_events TEXT NOT NULL
                );
                CREATE TABLE event (
                  key INTEGER PRIMARY KEY,
                  time INTEGER NOT NULL,
                  utc_offset INTEGER NOT NULL,
                  user TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  surface TEXT,
                  plan TEXT,
                  policy TEXT,
                  risk TEXT,
                  note TEXT,
                  sensitive TEXT,
                  ingest INTEGER NOT NULL,
                  line INTEGER NOT NULL
                );
                CREATE INDEX event_by_time ON event(time);
                PRAGMA application_id = \(applicationID);
                """)
            var salt = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in salt.indices { salt[index] = generator.next() }
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('salt', ?)", arguments: [Data(salt)])
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // Events in the order they were ingested (a growing row id), and one index on (time, key)
        // that both finds a window and tells a row already stored (a key is a hash of the row, its
        // time included, so the same key at another time is another row). v1 kept each event under
        // its key, a random number, so every insert landed on a random page of the whole table and
        // a second index kept the times; exports come in time order, so v2's inserts land at the
        // end of the table and near the end of its one index.
        migrator.registerMigration("v2-events-in-ingest-order") { db in
            try db.execute(sql: """
                CREATE TABLE event_v2 (
                  id INTEGER PRIMARY KEY,
                  key INTEGER NOT NULL,
                  time INTEGER NOT NULL,
                  utc_offset INTEGER NOT NULL,
                  user TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  surface TEXT,
                  plan TEXT,
                  policy TEXT,
                  risk TEXT,
                  note TEXT,
                  sensitive TEXT,
                  ingest INTEGER NOT NULL,
                  line INTEGER NOT NULL
                );
                INSERT INTO event_v2 (key, time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line)
                  SELECT key, time, utc_offset, user, kind, surface, plan, policy, risk, note, sensitive, ingest, line
                  FROM event ORDER BY ingest, line;
                DROP TABLE event;
                ALTER TABLE event_v2 RENAME TO event;
                CREATE UNIQUE INDEX event_by_time ON event(time, key);
                PRAGMA user_version = 2;
                """)
        }
        // Logins, plan and policy ids and unknown event names kept as `IdentifierRedactor` keeps
        // them: a store filled before v3 may hold a secret or an email address that an export
        // carried in one of them, and every report would print it again.
        migrator.registerMigration("v3-identifiers-redacted") { db in
            let salt = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'salt'") ?? Data()
            let redactor = IdentifierRedactor(salt: [UInt8](salt))
            // Each distinct value scanned once (a store holds millions of rows and far fewer
            // values), the changed ones listed in a temporary table, then the rows that hold one
            // updated in one statement.
            try db.execute(sql: "CREATE TEMP TABLE kept_identifier (value TEXT PRIMARY KEY NOT NULL, kept TEXT NOT NULL)")
            let values = try String.fetchCursor(db, sql: """
                SELECT user FROM event UNION SELECT plan FROM event WHERE plan IS NOT NULL
                UNION SELECT policy FROM event WHERE policy IS NOT NULL
                """)
            var changed: [(String, String)] = []
            while let value = try values.next() {
                let kept = redactor.kept(value)
                if kept != value { changed.append((value, kept)) }
            }
            for (value, kept) in changed {
                try db.execute(sql: "INSERT INTO kept_identifier (value, kept) VALUES (?, ?)", arguments: [value, kept])
            }
            if !changed.isEmpty {
                try db.execute(sql: """
                    UPDATE event SET
                      user = coalesce((SELECT kept FROM kept_identifier WHERE value = user), user),
                      plan = coalesce((SELECT kept FROM kept_identifier WHERE value = plan), plan),
                      policy = coalesce((SELECT kept FROM kept_identifier WHERE value = policy), policy)
                      WHERE user IN (SELECT value FROM kept_identifier) OR plan IN (SELECT value FROM kept_identifier)
                        OR policy IN (SELECT value FROM kept_identifier);
                    """)
            }
            try db.execute(sql: "DROP TABLE kept_identifier")
            for row in try Row.fetchAll(db, sql: "SELECT id, export FROM ingest") {
                let id: Int64 = row["id"], export: String = row["export"]
                let shown = IdentifierRedactor.shownPath(export)
                if shown != export { try db.execute(sql: "UPDATE ingest SET export = ? WHERE id = ?", arguments: [shown, id]) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, unknown_events FROM ingest") {
                let id: Int64 = row["id"], stored: String = row["unknown_events"]
                guard let names = try? JSONDecoder().decode([String: Int].self, from: Data(stored.utf8)) else { continue }
                let kept = names.reduce(into: [String: Int]()) { $0[redactor.kept($1.key), default: 0] += $1.value }
                guard kept != names else { continue }
                let text = String(decoding: try JSONEncoder.sorted.encode(kept), as: UTF8.self)
                try db.execute(sql: "UPDATE ingest SET unknown_events = ? WHERE id = ?", arguments: [text, id])
            }
            // The values replaced (and any an earlier sopgen freed, as v2 did moving v1's events)
            // stay in the file's free space until it is rewritten: `ReviewStore.open` vacuums a
            // store marked so, outside the migration's transaction, and then removes the mark.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event) OR EXISTS (SELECT 1 FROM ingest)") ?? false {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, x'01')", arguments: [scrubMark])
            }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        return migrator
    }
}
