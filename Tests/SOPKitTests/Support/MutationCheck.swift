import Foundation
@testable import SOPKit

/// What must hold for every mutated pack, in process and through the binary.
enum MutationCheck {
    /// Problems with `diagnostics` of a pack whose files are `sources`: each names a place that
    /// exists (a file the pack has, or a required file it lacks) with a line and column in it, and
    /// uses a catalogued code.
    static func located(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> [String] {
        var problems: [String] = []
        for diagnostic in diagnostics {
            let location = diagnostic.location
            let shown = "\(location): \(diagnostic.message) [\(diagnostic.code)]"
            if DiagnosticCatalogue.entry(diagnostic.code) == nil { problems.append("uncatalogued code: \(shown)") }
            if diagnostic.message.isEmpty { problems.append("empty message: \(shown)") }
            guard !location.path.isEmpty, location.line >= 1, location.column >= 1 else {
                problems.append("no location: \(shown)")
                continue
            }
            if let file = sources[location.path] {
                guard let line = file.line(location.line) else {
                    problems.append("line past the end of the file: \(shown)")
                    continue
                }
                if location.column > line.unicodeScalars.count + 1 {
                    problems.append("column past the end of the line (\(line.unicodeScalars.count) scalars): \(shown)")
                }
            } else if location.line != 1 || location.column != 1 {
                problems.append("a line and column in a file the pack does not have: \(shown)")
            }
        }
        return problems
    }

    /// Problems with what `sopgen build` printed on standard error: every line is a located
    /// diagnostic header, a quoted source line or caret, the count, or the one-line failure notice.
    static func report(_ text: String) -> [String] {
        let header = /^(.+):([0-9]+):([0-9]+): (error|warning): (.+) \[([a-z0-9-]+)\]$/
        let summary = /^[0-9]+ errors?, [0-9]+ warnings?$/
        var problems: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("    ") || line.wholeMatch(of: summary) != nil || line.hasPrefix("sopgen: build failed; ") { continue }
            guard let match = line.wholeMatch(of: header) else {
                problems.append("unexpected line: \(line.prefix(200))")
                continue
            }
            if Int(match.output.2) == 0 || Int(match.output.3) == 0 { problems.append("line or column 0: \(line.prefix(200))") }
        }
        if text.unicodeScalars.contains(where: { TerminalText.isUnsafe($0, keepingLayout: true) }) {
            problems.append("raw control characters on the terminal")
        }
        return problems
    }
}
