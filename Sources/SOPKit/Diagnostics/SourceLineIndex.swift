/// Finds source lines by number without rescanning the file for each diagnostic: a file with
/// 50,000 diagnostics is read once, not 50,000 times.
struct SourceLineIndex {
    private let sources: [String: SourceFile]
    private var starts: [String: [String.Index]] = [:]

    init(_ sources: [String: SourceFile]) {
        self.sources = sources
    }

    /// The 1-based line `number` of `path` without its terminator, as `SourceFile.line(_:)`.
    mutating func line(_ number: Int, of path: String) -> Substring? {
        guard number >= 1, let file = sources[path] else { return nil }
        let lineStarts = starts[path] ?? Self.lineStarts(of: file.text)
        starts[path] = lineStarts
        guard number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? file.text.utf8.index(before: lineStarts[number]) : file.text.endIndex
        return file.text[start..<end]
    }

    private static func lineStarts(of text: String) -> [String.Index] {
        var result = [text.startIndex]
        var index = text.utf8.startIndex
        while let newline = text.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = text.utf8.index(after: newline)
            result.append(index)
        }
        return result
    }
}
