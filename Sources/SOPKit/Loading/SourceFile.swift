import Foundation

/// One text file of a pack, as read: its pack-relative path and its text (line endings
/// normalised to `\n`, byte-order mark removed).
public struct SourceFile: Sendable, Hashable {
    /// The most of a line a diagnostic quotes: a 100 KB line quoted by each of its thousand
    /// diagnostics would be a 100 MB report.
    public static let maximumExcerpt = 160

    public let path: String
    public let text: String
    /// Where each line starts, found as far as a diagnostic has asked: most files of a pack never
    /// have one, and indexing every file whole up front was a seventh of a `check`.
    private let index: LineIndex

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        index = LineIndex(text)
    }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs.path == rhs.path && lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(text)
    }

    /// The 1-based line `number` without its terminator.
    public func line(_ number: Int) -> Substring? {
        index.line(number).map { text[$0] }
    }

    /// Line `number` as a diagnostic quotes it, tabs shown as spaces, and the caret's offset in it
    /// for `column`. A line longer than `maximumExcerpt` scalars is cut to a window around the
    /// column, with `…` where text was left out.
    public func excerpt(line number: Int, column: Int) -> (text: String, caret: Int)? {
        guard let line = line(number) else { return nil }
        guard let long = index.longLine(number), long.count > Self.maximumExcerpt else {
            let shown = String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == "\t" ? " " : $0 }))
            return (shown, min(max(column - 1, 0), line.unicodeScalars.count))
        }
        let caret = min(max(column - 1, 0), long.count)
        let first = max(0, min(caret - Self.maximumExcerpt / 2, long.count - Self.maximumExcerpt))
        let scalars = text.unicodeScalars
        var lower = long.checkpoints[first / LineIndex.checkpointStride]
        lower = scalars.index(lower, offsetBy: first % LineIndex.checkpointStride)
        let upper = scalars.index(lower, offsetBy: Self.maximumExcerpt)
        let shown = String(String.UnicodeScalarView(scalars[lower..<upper].map { $0 == "\t" ? " " : $0 }))
        let prefix = first > 0 ? "…" : "", suffix = first + Self.maximumExcerpt < long.count ? "…" : ""
        return (prefix + shown + suffix, caret - first + prefix.count)
    }
}

/// Where the lines of a text start, found on demand: a diagnostic on line 10 reads the text up to
/// line 11, once, and a later one further down goes on from there. For each line longer than an
/// excerpt that a diagnostic quotes: where every `checkpointStride`-th scalar starts and how many
/// scalars it has, so that a diagnostic far along such a line costs its excerpt, not the whole line.
private final class LineIndex: @unchecked Sendable {
    static let checkpointStride = 64
    typealias LongLine = (checkpoints: [String.Index], count: Int)

    private let lock = NSLock()
    private let text: String
    /// Where each line found so far starts; the last one's end is not yet known unless `complete`.
    private var starts: [String.Index]
    private var complete = false
    private var longLines: [Int: LongLine] = [:]

    init(_ text: String) {
        self.text = text
        starts = [text.startIndex]
    }

    /// The 1-based line `number` without its terminator.
    func line(_ number: Int) -> Range<String.Index>? {
        lock.withLock {
            guard number >= 1 else { return nil }
            find(through: number + 1)
            guard number <= starts.count else { return nil }
            let end = number < starts.count ? text.utf8.index(before: starts[number]) : text.endIndex
            return starts[number - 1]..<end
        }
    }

    /// The checkpoints of the 1-based line `number` when it is longer than an excerpt.
    func longLine(_ number: Int) -> LongLine? {
        lock.withLock {
            guard number >= 1 else { return nil }
            if let known = longLines[number] { return known }
            find(through: number + 1)
            guard number <= starts.count else { return nil }
            let start = starts[number - 1], end = number < starts.count ? starts[number] : text.endIndex
            guard text.utf8.distance(from: start, to: end) > SourceFile.maximumExcerpt else { return nil }
            var checkpoints: [String.Index] = []
            var count = 0
            let scalars = text.unicodeScalars[start..<end]
            for position in scalars.indices where scalars[position] != "\n" {
                if count % Self.checkpointStride == 0 { checkpoints.append(position) }
                count += 1
            }
            longLines[number] = (checkpoints, count)
            return (checkpoints, count)
        }
    }

    /// Finds line starts until `count` are known or the text ends.
    private func find(through count: Int) {
        let utf8 = text.utf8
        while !complete, starts.count < count {
            if let newline = utf8[starts[starts.count - 1]...].firstIndex(of: UInt8(ascii: "\n")) {
                starts.append(utf8.index(after: newline))
            } else {
                complete = true
            }
        }
    }
}
