/// What reading an export gave: the events (each once, in time order; empty when they were
/// streamed into the review store), what was counted rather than read, and a located diagnostic
/// for every row that could not be read.
public struct ActivityLog: Sendable {
    /// The earliest event of the export: its day starts the default window.
    public struct FirstEvent: Sendable, Hashable {
        public var time: Int64
        public var utcOffset: Int32
        public var line: Int
    }

    /// The export as the user named it (`<stdin>` for standard input), the path of its diagnostics.
    public var path: String
    public var format: ExportFormat
    public var events: [ActivityEvent] = []
    /// Rows read, including duplicates and rows with unknown events (not malformed ones).
    public var rows = 0
    /// Rows this export holds twice or more (counted once).
    public var duplicates = 0
    /// Events kept for the first time (new to the store).
    public var added = 0
    /// Rows the review store already held from an earlier export (an overlapping export).
    public var alreadyStored = 0
    public var first: FirstEvent?
    public var lastTime: Int64?
    /// The store's ingest that holds this export's events (nil when read into memory).
    public var storeIngest: Int64?
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
