import GFM

/// Where each line of an expanded SOP came from, kept as runs: lines that follow each other in one
/// file at one column are a single entry (an SOP's body is one run, each include and role block
/// marker one more), not a `SourceLocation` each. One per line was an eighth of a loaded pack's
/// memory (13.6 MB of 82 at 5,000 SOPs, heaptrack). The same lines always make the same runs, so
/// two are equal exactly when their lines are.
public struct LineOrigins: Sendable, Hashable {
    private struct Run: Sendable, Hashable {
        /// The first line of the expanded text the run covers (0-based).
        var start: Int
        /// Where that line came from; the run's next lines follow it in the same file.
        var location: SourceLocation
    }

    private var runs: [Run] = []
    /// How many lines there are.
    public private(set) var count = 0

    public init() {}

    public init(_ locations: [SourceLocation]) {
        for location in locations { append(location) }
    }

    /// The next line came from `location`.
    public mutating func append(_ location: SourceLocation) {
        defer { count += 1 }
        if let last = runs.last, last.location.line + (count - last.start) == location.line,
           last.location.column == location.column, last.location.path == location.path {
            return
        }
        runs.append(Run(start: count, location: location))
    }

    /// Where line `index` (0-based, `0..<count`) came from.
    public subscript(index: Int) -> SourceLocation {
        precondition(index >= 0 && index < count, "line \(index) of \(count)")
        var low = 0, high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].start <= index { low = middle } else { high = middle - 1 }
        }
        var location = runs[low].location
        location.line += index - runs[low].start
        return location
    }

    public var last: SourceLocation? { count == 0 ? nil : self[count - 1] }

    /// Where `position` in the text (its column in scalars, as `GFMDocument` gives it) came from;
    /// nil for a line the text does not have.
    public func location(of position: GFMPosition) -> SourceLocation? {
        guard position.line >= 1, position.line <= count else { return nil }
        var location = self[position.line - 1]
        location.column += position.column - 1
        return location
    }

    /// Every line's origin, in order.
    public var locations: [SourceLocation] { (0..<count).map { self[$0] } }
}
