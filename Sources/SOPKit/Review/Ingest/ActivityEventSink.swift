/// Where an export's events go as they are read, one at a time: kept in memory (`MemoryEventSink`)
/// or written to the review store (`ReviewStore.Ingest`). The sink decides what is a duplicate.
protocol ActivityEventSink {
    /// Keeps `event` unless an event with the same key is already kept, and says which it was.
    mutating func keep(_ event: ActivityEvent, key: Int64) -> EventKeeping
    /// The first error the sink met (a full disk): reading stops with it.
    var failure: (any Error)? { get }
}

enum EventKeeping {
    case added
    /// The same row earlier in this export.
    case duplicate
    /// The same row from an earlier export.
    case alreadyStored
}

/// Keeps events in an array, each key once (reads without a store: tests, `read(bytes:)`).
struct MemoryEventSink: ActivityEventSink {
    private var events: [ActivityEvent] = []
    private var seen: Set<Int64> = []
    var failure: (any Error)? { nil }

    mutating func keep(_ event: ActivityEvent, key: Int64) -> EventKeeping {
        guard seen.insert(key).inserted else { return .duplicate }
        events.append(event)
        return .added
    }

    func sortedEvents() -> [ActivityEvent] {
        events.sorted { ($0.time, $0.line) < ($1.time, $1.line) }
    }
}
