/// Prints diagnostics like a compiler: the header line, the source line, a caret under the column.
public struct DiagnosticFormatter: Sendable {
    public var sources: [String: SourceFile]

    public init(sources: [String: SourceFile]) {
        self.sources = sources
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics.sorted() {
            output += format(diagnostic)
        }
        output += summary(diagnostics) + "\n"
        return output
    }

    /// Paths, messages and source lines come from the pack: they are printed through `TerminalText`,
    /// and the caret moves right by the width of any escape before the column.
    public func format(_ diagnostic: Diagnostic) -> String {
        let header = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]"
        var output = TerminalText.escape(header) + "\n"
        if let line = sources[diagnostic.location.path]?.line(diagnostic.location.line) {
            let column = min(max(diagnostic.location.column - 1, 0), line.unicodeScalars.count)
            var shown = String.UnicodeScalarView()
            var caretOffset = 0
            for (index, scalar) in line.unicodeScalars.enumerated() {
                var width = 1
                if scalar == "\t" {
                    shown.append(" ")
                } else if TerminalText.isUnsafe(scalar) {
                    let escape = TerminalText.visible(scalar).unicodeScalars
                    shown.append(contentsOf: escape)
                    width = escape.count
                } else {
                    shown.append(scalar)
                }
                if index < column { caretOffset += width }
            }
            output += "    \(String(shown))\n"
            output += "    \(String(repeating: " ", count: caretOffset))^\n"
        }
        return output
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
