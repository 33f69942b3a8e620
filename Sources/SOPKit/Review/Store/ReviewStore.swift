import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The review store: an SQLite database (GRDB) that every reviewed export is ingested into, so a
/// review can read any window again without the export, and compare it with the windows before.
/// It holds normalised events only: no prompt or draft text (the scanner's kinds instead), reviewer
/// notes already redacted. By default `<pack>/.sopgen/review.sqlite` (git-ignored); `--db` puts it
/// elsewhere.
public struct ReviewStore: Sendable {
    public enum Location: Sendable, Hashable {
        /// `<pack>/.sopgen/review.sqlite`.
        case pack
        /// A database the user named with `--db`.
        case file(String)
        /// Held in memory for one run (tests).
        case memory
    }

    let queue: DatabaseQueue
    /// The path shown in messages (as given, or pack-relative).
    public let shownPath: String
    let keys: EventKeyMaker

    /// The folder and file name of the default store, inside the pack.
    public static let folder = ".sopgen"
    public static let fileName = "review.sqlite"

    /// The database file `location` names, and whether it is inside the pack's own `.sopgen` folder.
    static func path(of location: Location, packRoot: URL) -> String? {
        switch location {
        case .pack: packRoot.appendingPathComponent(folder).appendingPathComponent(fileName).path
        case .file(let path): path
        case .memory: nil
        }
    }

    /// Opens (creating when `create`) the store at `location`: checked before SQLite sees it
    /// (no link in the way, an SQLite header or nothing), then recognised as sopgen's and no
    /// newer than this sopgen, then migrated to the current schema.
    public static func open(_ location: Location, packRoot: URL, create: Bool = true) throws(ReviewStoreFailure) -> ReviewStore {
        let shown: String
        let queue: DatabaseQueue
        switch location {
        case .memory:
            shown = ":memory:"
            do { queue = try DatabaseQueue() } catch { throw .damaged(shown, detail: "\(error)") }
        case .pack, .file:
            let path = Self.path(of: location, packRoot: packRoot)!
            shown = location == .pack ? "\(folder)/\(fileName)" : path
            // SQLite writes the file and its journal: never among the sources the loader reads.
            if location != .pack, let real = RealPath.allowingMissing(URL(fileURLWithPath: path).standardizedFileURL.path),
               let reason = PackSourcePaths(packRoot).conflict(with: real) {
                throw .packSource(shown, reason)
            }
            let exists = try checkPlace(path, shown: shown, ownFolder: location == .pack, create: create)
            guard exists || create else { throw .missing(shown) }
            // Another review writing the same store: wait for it rather than fail at once.
            var configuration = Configuration()
            configuration.busyMode = .timeout(60)
            do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch { throw .damaged(shown, detail: describe(error)) }
        }
        try recognise(queue, shown: shown)
        do {
            try ReviewStoreSchema.migrator.migrate(queue)
            try scrubFreePages(queue)
            let salt = try queue.read { db in try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'salt'") }
            guard let salt, salt.count >= 16 else { throw ReviewStoreFailure.damaged(shown, detail: "its salt is missing") }
            return ReviewStore(queue: queue, shownPath: shown, keys: EventKeyMaker(salt: [UInt8](salt)))
        } catch let failure as ReviewStoreFailure {
            throw failure
        } catch {
            throw .damaged(shown, detail: describe(error))
        }
    }

    /// Rewrites the file when a migration left values it replaced in free pages (a kill before
    /// the mark is removed only means vacuuming again on the next open).
    private static func scrubFreePages(_ queue: DatabaseQueue) throws {
        let marked = try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM meta WHERE name = ?", arguments: [ReviewStoreSchema.scrubMark]) ?? false
        }
        guard marked else { return }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        try queue.write { db in try db.execute(sql: "DELETE FROM meta WHERE name = ?", arguments: [ReviewStoreSchema.scrubMark]) }
    }

    /// Refuses a link or a non-file where the database, its folder or SQLite's journal would be,
    /// and a file that does not start as SQLite does. Creates the pack's `.sopgen` folder when
    /// needed. Returns whether the database file exists.
    private static func checkPlace(_ path: String, shown: String, ownFolder: Bool, create: Bool) throws(ReviewStoreFailure) -> Bool {
        let folder = PathText.parent(path).isEmpty ? "." : PathText.parent(path)
        var status = stat()
        if lstat(folder, &status) != 0 {
            guard ownFolder else { throw .noFolder(shown) }
            guard create else { return false }
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw .noFolder(shown) }
            guard lstat(folder, &status) == 0 else { throw .noFolder(shown) }
        }
        if ownFolder, (status.st_mode & S_IFMT) == S_IFLNK { throw .symlink(PathText.parent(shown)) }
        for suffix in ["-journal", "-wal", "-shm"] where lstat(path + suffix, &status) == 0 {
            if (status.st_mode & S_IFMT) != S_IFREG { throw .symlink(shown + suffix) }
        }
        guard lstat(path, &status) == 0 else { return false }
        switch status.st_mode & S_IFMT {
        case S_IFLNK: throw .symlink(shown)
        case S_IFREG: break
        default: throw .notAFile(shown)
        }
        guard status.st_size > 0 else { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .notADatabase(shown, detail: "it cannot be read") }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        guard head == Array("SQLite format 3\0".utf8) else {
            throw .notADatabase(shown, detail: "it does not start with SQLite's header")
        }
        return true
    }

    /// A database of this sopgen's (or a newer one's) schema, or a new empty one; anything else refused.
    private static func recognise(_ queue: DatabaseQueue, shown: String) throws(ReviewStoreFailure) {
        do {
            try queue.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                if application == 0, tables == 0, version == 0 { return }
                guard application == ReviewStoreSchema.applicationID else { throw ReviewStoreFailure.foreign(shown) }
                if version > ReviewStoreSchema.version {
                    throw ReviewStoreFailure.newer(shown, detail: "schema \(version); this sopgen knows up to \(ReviewStoreSchema.version)")
                }
                if try ReviewStoreSchema.migrator.hasBeenSuperseded(db) {
                    let known = Set(ReviewStoreSchema.migrator.migrations)
                    let unknown = try ReviewStoreSchema.migrator.appliedIdentifiers(db).subtracting(known).sorted()
                    throw ReviewStoreFailure.newer(shown, detail: "migrations \(unknown.joined(separator: ", ")) are unknown to this sopgen")
                }
            }
        } catch let failure as ReviewStoreFailure {
            throw failure
        } catch {
            throw .damaged(shown, detail: describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "'\(error.message ?? "\(error.resultCode)")' (\(error.resultCode))"
        }
        return "\(error)"
    }
}
