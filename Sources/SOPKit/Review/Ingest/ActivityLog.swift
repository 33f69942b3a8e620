/// What reading an export gave: the events (each once, in time order), what was counted rather
/// than read, and a located diagnostic for every row that could not be read.
public struct ActivityLog: Sendable {
    /// The export as the user named it (`<stdin>` for standard input), the path of its diagnostics.
    public var path: String
    public var format: ExportFormat
    public var events: [ActivityEvent] = []
    /// Rows read, including duplicates and rows with unknown events (not malformed ones).
    public var rows = 0
    public var duplicates = 0
    /// Event names sopgen does not know and `review.events` does not map, with how often each came.
    public var unknownEvents: [String: Int] = [:]
    public var malformedRows = 0
    public var diagnostics: [Diagnostic] = []

    public init(path: String, format: ExportFormat) {
        self.path = path
        self.format = format
    }
}

/// How an export is written, told from its first bytes: `{` starts JSON Lines, anything else CSV.
public enum ExportFormat: String, Sendable, Hashable, Codable {
    case csv
    case jsonLines = "jsonl"
}
