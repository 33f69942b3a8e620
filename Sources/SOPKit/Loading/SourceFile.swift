/// One text file of a pack, as read: its pack-relative path and its text (line endings
/// normalised to `\n`, byte-order mark removed).
public struct SourceFile: Sendable, Hashable {
    /// The most of a line a diagnostic quotes: a 100 KB line quoted by each of its thousand
    /// diagnostics would be a 100 MB report.
    public static let maximumExcerpt = 160

    public let path: String
    public let text: String
    /// Where each line starts, so that finding a line for a diagnostic does not re-read the file.
    private let lineStarts: [String.Index]
    /// For each line longer than an excerpt (by 0-based number): where every `checkpointStride`-th
    /// scalar starts, and how many scalars it has. A diagnostic far along such a line then costs
    /// its excerpt, not the whole line.
    private let longLines: [Int: (checkpoints: [String.Index], count: Int)]
    private static let checkpointStride = 64

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [text.startIndex]
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = utf8.index(after: newline)
            starts.append(index)
        }
        lineStarts = starts
        var longLines: [Int: (checkpoints: [String.Index], count: Int)] = [:]
        for number in starts.indices {
            let end = number + 1 < starts.count ? starts[number + 1] : text.endIndex
            guard utf8.distance(from: starts[number], to: end) > Self.maximumExcerpt else { continue }
            var checkpoints: [String.Index] = []
            var count = 0
            let scalars = text.unicodeScalars[starts[number]..<end]
            for position in scalars.indices where scalars[position] != "\n" {
                if count % Self.checkpointStride == 0 { checkpoints.append(position) }
                count += 1
            }
            longLines[number] = (checkpoints, count)
        }
        self.longLines = longLines
    }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs.path == rhs.path && lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(text)
    }

    /// The 1-based line `number` without its terminator.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? text.utf8.index(before: lineStarts[number]) : text.endIndex
        return text[start..<end]
    }

    /// Line `number` as a diagnostic quotes it, tabs shown as spaces, and the caret's offset in it
    /// for `column`. A line longer than `maximumExcerpt` scalars is cut to a window around the
    /// column, with `…` where text was left out.
    public func excerpt(line number: Int, column: Int) -> (text: String, caret: Int)? {
        guard let line = line(number) else { return nil }
        guard let long = longLines[number - 1], long.count > Self.maximumExcerpt else {
            let shown = String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == "\t" ? " " : $0 }))
            return (shown, min(max(column - 1, 0), line.unicodeScalars.count))
        }
        let caret = min(max(column - 1, 0), long.count)
        let first = max(0, min(caret - Self.maximumExcerpt / 2, long.count - Self.maximumExcerpt))
        let scalars = text.unicodeScalars
        var lower = long.checkpoints[first / Self.checkpointStride]
        lower = scalars.index(lower, offsetBy: first % Self.checkpointStride)
        let upper = scalars.index(lower, offsetBy: Self.maximumExcerpt)
        let shown = String(String.UnicodeScalarView(scalars[lower..<upper].map { $0 == "\t" ? " " : $0 }))
        let prefix = first > 0 ? "…" : "", suffix = first + Self.maximumExcerpt < long.count ? "…" : ""
        return (prefix + shown + suffix, caret - first + prefix.count)
    }
}
