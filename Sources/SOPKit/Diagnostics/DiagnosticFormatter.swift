/// Prints diagnostics like a compiler: the header line, the source line, a caret under the column.
/// Paths, messages and source lines come from the pack: they are printed through `TerminalText`,
/// and a value or line too long for a terminal is shortened around what matters.
public struct DiagnosticFormatter: Sendable {
    /// Longer messages (a 100,000-character value quoted in one) keep their start and end.
    static let messageLimit = 400

    public var sources: [String: SourceFile]

    public init(sources: [String: SourceFile]) {
        self.sources = sources
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        // Each formatted on every core (a pack of 5,000 SOPs past review has 5,000 warnings), in order.
        let sorted = diagnostics.sorted()
        return Parallel.map(sorted.count) { format(sorted[$0]) }.joined() + summary(diagnostics) + "\n"
    }

    /// The header, then a window of at most `SourceFile.maximumExcerpt` scalars of the source line
    /// around the column (found through the file's line index, so a report stays linear however
    /// many diagnostics share a long line), each control shown as its escape, and the caret.
    public func format(_ diagnostic: Diagnostic) -> String {
        let message = TerminalText.abbreviated(diagnostic.message, limit: Self.messageLimit)
        let header = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.code)]"
        var output = TerminalText.escape(header) + "\n"
        guard let excerpt = sources[diagnostic.location.path]?.excerpt(line: diagnostic.location.line,
                                                                       column: diagnostic.location.column) else {
            return output
        }
        var text = ""
        var caret = 0
        for (index, scalar) in excerpt.text.unicodeScalars.enumerated() {
            let shown = TerminalText.isUnsafe(scalar) ? TerminalText.visible(scalar) : String(scalar)
            if index < excerpt.caret { caret += shown.count }
            text += shown
        }
        output += "    \(text)\n"
        output += "    \(String(repeating: " ", count: caret))^\n"
        return output
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(Counted.text(errors, "error")), \(Counted.text(warnings, "warning"))"
    }
}
