/// The order events are read in for evidence: time, then the ingest that brought the event, then
/// its line (the store's `ORDER BY time, ingest, line`).
struct EventOrder: Comparable, Hashable {
    var time: Int64
    var source: Int64
    var line: Int

    init(_ event: ActivityEvent) {
        time = event.time
        source = event.source
        line = event.line
    }

    static func < (lhs: EventOrder, rhs: EventOrder) -> Bool {
        (lhs.time, lhs.source, lhs.line) < (rhs.time, rhs.source, rhs.line)
    }
}

/// The earliest items of a group, at most `capacity` of them, in order, and how many the group
/// held: a finding's evidence in bounded memory, whatever order the items come in.
struct EarliestItems<Item> {
    let capacity: Int
    private(set) var items: [(order: EventOrder, item: Item)] = []
    /// Every item added, kept or not.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Items added but not kept.
    var dropped: Int { count - items.count }
    var kept: [Item] { items.map(\.item) }

    mutating func add(_ item: Item, order: EventOrder) {
        count += 1
        if items.count == capacity {
            guard let last = items.last, order < last.order else { return }
            items.removeLast()
        }
        // Equal orders keep the order they came in.
        var index = items.count
        while index > 0, order < items[index - 1].order { index -= 1 }
        items.insert((order, item), at: index)
    }
}

extension EarliestItems where Item == ActivityEvent {
    mutating func add(_ event: ActivityEvent) { add(event, order: EventOrder(event)) }
}
