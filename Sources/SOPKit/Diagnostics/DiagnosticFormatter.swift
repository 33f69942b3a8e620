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

    public func format(_ diagnostic: Diagnostic) -> String {
        var output = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]\n"
        if let excerpt = sources[diagnostic.location.path]?.excerpt(line: diagnostic.location.line, column: diagnostic.location.column) {
            output += "    \(excerpt.text)\n"
            output += "    \(String(repeating: " ", count: excerpt.caret))^\n"
        }
        return output
    }

    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
