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
        // Each source scalar as shown (a tab as a space, a control as its escape), so the caret can
        // be placed under the column however wide the escapes before it are.
        let column = min(max(diagnostic.location.column - 1, 0), line.unicodeScalars.count)
        var shown: [String.UnicodeScalarView] = []
        shown.reserveCapacity(line.unicodeScalars.count)
        for scalar in line.unicodeScalars {
            if scalar == "\t" {
                shown.append(" ".unicodeScalars)
            } else if TerminalText.isUnsafe(scalar) {
                shown.append(TerminalText.visible(scalar).unicodeScalars)
            } else {
                shown.append(String(scalar).unicodeScalars)
            }
        }
        var first = 0, last = shown.count
        if shown.count > Self.lineWindow {
            first = max(0, min(column - Self.lineWindow / 2, shown.count - Self.lineWindow))
            last = min(shown.count, first + Self.lineWindow)
        }
        var text = first > 0 ? "…" : ""
        var caret = text.count
        for index in first..<last {
            if index < column { caret += shown[index].count }
            text.unicodeScalars.append(contentsOf: shown[index])
        }
        if last < shown.count { text += "…" }
        output += "    \(text)\n"
        output += "    \(String(repeating: " ", count: caret))^\n"
        return output
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
