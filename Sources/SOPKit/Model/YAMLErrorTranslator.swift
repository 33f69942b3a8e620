import Foundation
import Yams

/// Turns Yams' errors into diagnostics that point where the author must look.
enum YAMLErrorTranslator {
    static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if let context, let opened = unclosed(context, before: mark) {
                return .error(.yamlSyntax, "invalid YAML: the \(opened) opened at \(context.mark.line):\(context.mark.column) is not closed "
                              + "(\(problem) at \(mark.line):\(mark.column))",
                              at: SourceLocation(path: file.path, line: context.mark.line, column: context.mark.column))
            }
            return .error(.yamlSyntax, "invalid YAML: \(problem)", at: clamped(mark.line, mark.column, in: file))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let location = secondOccurrence(of: key, after: context.mark, in: file)
                ?? SourceLocation(path: file.path, line: context.mark.line, column: context.mark.column)
            return .error(.duplicateKey, "duplicate key '\(key)'; each key may appear once in a mapping", at: location)
        case .reader(let problem, _, _, _):
            return .error(.yamlSyntax, "cannot read YAML: \(problem)", at: SourceLocation(path: file.path))
        default:
            return .error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(path: file.path))
        }
    }

    /// What libyaml was inside when it gave up, when that is something opened earlier and never
    /// closed (`[`, `{`, a quote): the author must look where it opens, not where the parser
    /// noticed (often the next line). A block mapping's start says nothing useful, so it is not used.
    private static func unclosed(_ context: YamlError.Context, before mark: Mark) -> String? {
        guard (context.mark.line, context.mark.column) < (mark.line, mark.column) else { return nil }
        for kind in ["flow sequence '['", "flow mapping '{'", "quoted scalar"] {
            let name = String(kind.prefix { $0 != "'" }).trimmingCharacters(in: .whitespaces)
            if context.text.hasSuffix(name) { return kind == "quoted scalar" ? "quoted text" : kind }
        }
        return nil
    }

    /// libyaml reports an error at the end of a file without a final newline on the line after
    /// the last: point at the end of the last line instead, where the text stops.
    static func clamped(_ line: Int, _ column: Int, in file: SourceFile) -> SourceLocation {
        if let text = file.line(line) {
            return SourceLocation(path: file.path, line: line, column: min(max(column, 1), text.unicodeScalars.count + 1))
        }
        var last = max(line - 1, 1)
        while last > 1, file.line(last) == nil { last -= 1 }
        let length = file.line(last)?.unicodeScalars.count ?? 0
        return SourceLocation(path: file.path, line: last, column: length + 1)
    }

    /// Yams points at the mapping; the author needs the key written a second time.
    private static func secondOccurrence(of key: String, after mark: Mark, in file: SourceFile) -> SourceLocation? {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        var seen: [Int: Int] = [:]
        for index in max(mark.line - 1, 0)..<lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            let indent = line.unicodeScalars.count - trimmed.unicodeScalars.count
            for candidate in [key + ":", "\"\(key)\":", "'\(key)':"] where trimmed.hasPrefix(candidate) {
                seen[indent, default: 0] += 1
                if seen[indent] == 2 {
                    return SourceLocation(path: file.path, line: index + 1, column: indent + 1)
                }
            }
        }
        return nil
    }
}
