/// Prints diagnostics like a compiler: the header line, the source line, a caret under the column.
/// Paths, messages and source lines come from the pack: they are printed through `TerminalText`,
/// and a value or line too long for a terminal is shortened around what matters.
public struct DiagnosticFormatter: Sendable {
    /// Longer source lines are shown as a window of this many scalars around the caret.
    static let lineWindow = 160
    /// Longer messages (a 100,000-character value quoted in one) keep their start and end.
    static let messageLimit = 400

    public var sources: [String: SourceFile]

    public init(sources: [String: SourceFile]) {
        self.sources = sources
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        var index = SourceLineIndex(sources)
        var output = ""
        for diagnostic in diagnostics.sorted() {
            output += format(diagnostic, line: index.line(diagnostic.location.line, of: diagnostic.location.path))
        }
        output += summary(diagnostics) + "\n"
        return output
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        format(diagnostic, line: sources[diagnostic.location.path]?.line(diagnostic.location.line))
    }

    private func format(_ diagnostic: Diagnostic, line: Substring?) -> String {
        let message = TerminalText.abbreviated(diagnostic.message, limit: Self.messageLimit)
        let header = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.code)]"
        var output = TerminalText.escape(header) + "\n"
        guard let line else { return output }
        // Only the part of a long line around the column is shown (and looked at: a line with
        // thousands of diagnostics must not be converted thousands of times).
        let (count, window) = Self.window(of: line, around: diagnostic.location.column - 1)
        let column = min(max(diagnostic.location.column - 1, 0), count)
        let first = window.first, last = window.last
        var text = String.UnicodeScalarView()
        if first > 0 { text.append("…") }
        var caret = first > 0 ? 1 : 0
        var position = first
        // Each scalar as shown (a tab as a space, a control as its escape), so the caret stays under
        // the column however wide the escapes before it are.
        for scalar in line[window.range].unicodeScalars {
            var width = 1
            if scalar == "\t" {
                text.append(" ")
            } else if TerminalText.isUnsafe(scalar) {
                let escape = TerminalText.visible(scalar).unicodeScalars
                text.append(contentsOf: escape)
                width = escape.count
            } else {
                text.append(scalar)
            }
            if position < column { caret += width }
            position += 1
        }
        if last < count { text.append("…") }
        output += "    \(String(text))\n"
        output += "    \(String(repeating: " ", count: caret))^\n"
        return output
    }

    /// The line's length in scalars, and the scalars to show: all of a short line, `lineWindow` of a
    /// long one around `column`. Counted on UTF-8 bytes in one pass, which stays fast for a 2 MiB
    /// line with hundreds of diagnostics.
    static func window(of line: Substring, around column: Int) -> (count: Int, window: (first: Int, last: Int, range: Range<String.Index>)) {
        let utf8 = line.utf8
        var count = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
        guard count > lineWindow else { return (count, (0, count, line.startIndex..<line.endIndex)) }
        let clamped = min(max(column, 0), count)
        let first = max(0, min(clamped - lineWindow / 2, count - lineWindow))
        let last = min(count, first + lineWindow)
        var lower = line.startIndex, upper = line.endIndex
        var scalar = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] & 0xC0 != 0x80 {
                if scalar == first { lower = index }
                if scalar == last { upper = index; break }
                scalar += 1
            }
            index = utf8.index(after: index)
        }
        return (count, (first, last, lower..<upper))
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
