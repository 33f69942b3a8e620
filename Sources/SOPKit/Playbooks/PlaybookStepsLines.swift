/// Where each line of a playbook's steps stands in its file, so that a problem in the steps (an
/// emptied link, a remote image) is reported at its own line and column instead of at `steps:`.
/// Found by matching the value's lines, one after another, against the file's lines: a literal
/// block (`steps: |`, the form the seeds and `sopgen playbook` write) or a plain one-line value
/// matches; a folded or quoted value, whose lines YAML joins or unescapes, does not, and keeps
/// the `steps:` location (a wrong line is never given). YAML also breaks lines at U+0085, U+2028
/// and U+2029, which the file's lines do not: a file holding one before the steps moves YAML's
/// line numbers, as for every YAML location (left open), and the steps keep their start.
enum PlaybookStepsLines {
    /// The origin of each line of `steps` (the value, trimmed) in `text`, the file in which the
    /// value starts at `start`; nil when its lines are not the file's.
    static func origins(of steps: String, startingAt start: SourceLocation, in text: String) -> LineOrigins? {
        let values = steps.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard !steps.isEmpty, start.line >= 1, start.line <= lines.count else { return nil }
        // The value's line must be the key's: YAML also breaks lines at U+0085, U+2028 and
        // U+2029, which the file's lines do not, so a file holding one can move YAML's line
        // numbers onto another field (helper 44); then the steps' start is all there is.
        var key = lines[start.line - 1].unicodeScalars.prefix(start.column - 1).split(separator: " ").map { String($0) }
        while let last = key.last, last.hasPrefix("!") || last.hasPrefix("&") { key.removeLast() }
        guard key == ["steps:"] else { return nil }
        var origins = LineOrigins()
        // A plain value on the `steps:` line itself: the rest of the line from where it starts.
        if values.count == 1, lines[start.line - 1].unicodeScalars.dropFirst(start.column - 1).elementsEqual(values[0].unicodeScalars) {
            origins.append(start)
            return origins
        }
        // Otherwise only a literal block (`|`, after any tag or anchor) keeps the file's lines; a
        // quoted value that did not match above must not be matched against lines after it
        // (helper 43: a comment repeating a quoted value took its place).
        var indicator = Substring(lines[start.line - 1].unicodeScalars.dropFirst(start.column - 1))
        while let token = indicator.first, token == "!" || token == "&" {
            indicator = indicator.drop { $0 != " " }.drop { $0 == " " }
        }
        guard indicator.first == "|" else { return nil }
        // Its lines are indented deeper than the key (a line that is not ends the block).
        let keyIndent = lines[start.line - 1].prefix { $0 == " " }.count
        // A block: it starts at the first line after `steps:` with text (the value is trimmed).
        var first = start.line
        while first < lines.count, lines[first].allSatisfy({ $0 == " " }) { first += 1 }
        guard first + values.count <= lines.count else { return nil }
        for (offset, value) in values.enumerated() {
            var line = lines[first + offset]
            // The value's end is trimmed, so its last line may have lost white space the file has.
            if offset == values.count - 1 {
                while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            }
            let number = first + offset + 1
            guard line.utf8.count >= value.utf8.count, line.utf8.suffix(value.utf8.count).elementsEqual(value.utf8) else { return nil }
            let indent = String(decoding: line.utf8.dropLast(value.utf8.count), as: UTF8.self)
            guard indent.allSatisfy({ $0 == " " }), value.isEmpty || indent.count > keyIndent else { return nil }
            origins.append(SourceLocation(path: start.path, line: number, column: value.isEmpty ? 1 : indent.count + 1))
        }
        return origins
    }
}
