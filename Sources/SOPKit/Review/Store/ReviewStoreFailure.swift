/// Why the review store cannot be used. Every case leaves the file as it was: sopgen never
/// overwrites, repairs or downgrades a database it cannot read as its own.
public enum ReviewStoreFailure: Error, CustomStringConvertible, Equatable {
    /// A symbolic link where the database, its folder or its journal would be.
    case symlink(String)
    /// Something that is not a regular file (a folder, a pipe) where the database would be.
    case notAFile(String)
    case noFolder(String)
    /// A file that is not SQLite at all.
    case notADatabase(String, detail: String)
    /// A SQLite database of some other program.
    case foreign(String)
    /// A database a newer sopgen wrote: its schema is ahead of this one.
    case newer(String, detail: String)
    /// SQLite could not read it, or failed while writing (a full disk).
    case damaged(String, detail: String)
    case missing(String)
    /// `--db` names a pack source file or a place inside the pack's source folders.
    case packSource(String, String)

    static let leftAlone = "sopgen leaves it as it is: move it away, or name another database with --db"

    public var description: String {
        switch self {
        case .symlink(let path):
            "'\(path)' is a symbolic link; the review store is never written through a link. Remove the link, or name a database with --db"
        case .notAFile(let path):
            "'\(path)' is not a regular file, so it cannot be the review store; \(Self.leftAlone)"
        case .noFolder(let path):
            "the folder of '\(path)' does not exist; create it, or name another database with --db"
        case .notADatabase(let path, let detail):
            "'\(path)' is not a sopgen review database (\(detail)); \(Self.leftAlone)"
        case .foreign(let path):
            "'\(path)' is a SQLite database of another program, not a sopgen review store; \(Self.leftAlone)"
        case .newer(let path, let detail):
            "'\(path)' was written by a newer sopgen (\(detail)); this sopgen will not read it. Use that sopgen, or name another database with --db"
        case .damaged(let path, let detail):
            "the review store '\(path)' cannot be read: SQLite says \(detail); \(Self.leftAlone)"
        case .packSource(let path, let reason):
            "'\(path)' cannot be the review store: \(reason). Name a database outside them with --db (by default it is .sopgen/review.sqlite)"
        case .missing(let path):
            "nothing has been ingested yet: '\(path)' does not exist. Review an export first (sopgen review EXPORT)"
        }
    }
}
