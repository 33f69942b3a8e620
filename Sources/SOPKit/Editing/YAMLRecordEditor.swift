import Yams

/// Sets top-level keys of a YAML record (a site record) as text, so comments, order, quoting and
/// every other key stay exactly as the person wrote them. Where each entry starts comes from the
/// parsed document, not from matching text, so quoted keys, `---`/`...` markers, CRLF line
/// endings and a byte-order mark are all understood. `text()` reads its result back and refuses
/// to return anything that does not parse to the old document with exactly the new values.
struct YAMLRecordEditor {
    private let path: String
    private let lines: [String]
    private let usesCRLF: Bool
    private let hasByteOrderMark: Bool
    /// The top-level mapping as read; nil for a file with no document (empty, comments only).
    private let root: Node.Mapping?
    /// Each top-level key with the 0-based line range of its entry.
    private let entries: [(key: String, lines: Range<Int>)]
    /// Where keys that are not in the file yet go: after the last entry, before `...`.
    private let insertionLine: Int
    /// Spaces before each top-level key (a mapping may be indented as a whole).
    private let indentation: Int
    private var edits: [(key: String, value: Node)] = []

    init(_ text: String, path: String) throws(YAMLEditError) {
        self.path = path
        usesCRLF = text.contains("\r\n")
        hasByteOrderMark = text.unicodeScalars.first == "\u{FEFF}"
        let normalised = TextDecoding.normalised(text)
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        root = try Self.compose(normalised, path: path)

        guard let root else {
            entries = []
            indentation = 0
            insertionLine = lines.firstIndex { Self.isDocumentEnd($0) } ?? lines.count
            return
        }
        let indentation = (root.mark?.column ?? 1) - 1
        if let mark = root.mark, lines.indices.contains(mark.line - 1),
            lines[mark.line - 1].unicodeScalars.dropFirst(indentation).first == "{"
        {
            throw .cannotEdit(path, "it is written in flow style ({…}); write one key per line")
        }
        var starts: [(key: String, line: Int)] = []
        for key in root.keys {
            guard let name = key.scalar?.string, let mark = key.mark, mark.column == indentation + 1,
                mark.line >= 1, mark.line <= lines.count,
                lines[mark.line - 1].unicodeScalars.prefix(indentation).allSatisfy({ $0 == " " }),
                starts.last.map({ $0.line < mark.line - 1 }) ?? true
            else {
                throw .cannotEdit(
                    path, "a top-level key does not start a line of its own (\(key.mark.map(\.description) ?? "?"))")
            }
            starts.append((name, mark.line - 1))
        }
        var entries: [(key: String, lines: Range<Int>)] = []
        for (index, start) in starts.enumerated() {
            let end =
                index + 1 < starts.count
                ? starts[index + 1].line : Self.endOfLastEntry(lines, from: start.line, indentation: indentation)
            entries.append(
                (
                    start.key,
                    start.line..<Self.trimmingTrailingComments(lines, start.line + 1, end, indentation: indentation)
                ))
        }
        self.entries = entries
        self.indentation = indentation
        insertionLine = entries.last?.lines.upperBound ?? lines.count
    }

    /// The value of a top-level key as read (before any edit).
    func value(_ key: String) -> Node? { root?[key] }

    mutating func set(_ key: String, to value: Node) {
        edits.removeAll { $0.key == key }
        edits.append((key, value))
    }

    /// The edited file, in the original's line endings; refused unless it reads back as intended.
    func text() throws(YAMLEditError) -> String {
        var output: [String] = []
        var appended: [String] = []
        let pad = String(repeating: " ", count: indentation)
        func fragment(_ key: String, _ value: Node) throws(YAMLEditError) -> [String] {
            do { return try YAMLValue.entry(key, value).map { pad + $0 } } catch {
                throw .cannotEdit(path, "the value of \(key) cannot be written as YAML (\(error))")
            }
        }
        var done: Set<String> = []
        var cursor = 0
        for entry in entries {
            guard let edit = edits.first(where: { $0.key == entry.key }) else { continue }
            output += lines[cursor..<entry.lines.lowerBound]
            output += try fragment(edit.key, edit.value)
            cursor = entry.lines.upperBound
            done.insert(edit.key)
        }
        for edit in edits where !done.contains(edit.key) {
            appended += try fragment(edit.key, edit.value)
        }
        if cursor <= insertionLine {
            output += lines[cursor..<insertionLine] + appended + lines[insertionLine...]
        } else {
            output += appended + lines[cursor...]
        }
        let text = output.isEmpty ? "" : output.joined(separator: "\n") + "\n"
        try verify(text)
        var result = usesCRLF ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        if hasByteOrderMark { result = "\u{FEFF}" + result }
        return result
    }

    /// The new text must hold one mapping: the old keys in their order with their old values, except
    /// the edited ones, which must hold exactly their new values; then the new keys, in order.
    private func verify(_ text: String) throws(YAMLEditError) {
        let failure = { (reason: String) in YAMLEditError.readBackFailed(path, reason) }
        let reread: Node.Mapping?
        do { reread = try Self.compose(text, path: path) } catch { throw failure("\(error)") }
        guard let reread else { throw failure("the result holds no mapping") }
        var expected: [(String, Node)] = []
        for pair in root.map({ Array($0) }) ?? [] {
            let name = pair.key.scalar?.string ?? ""
            expected.append((name, edits.first { $0.key == name }?.value ?? pair.value))
        }
        for edit in edits where !expected.contains(where: { $0.0 == edit.key }) {
            expected.append((edit.key, edit.value))
        }
        let actual = reread.map { ($0.key.scalar?.string ?? "", $0.value) }
        guard actual.map(\.0) == expected.map(\.0) else {
            throw failure("keys read back as \(actual.map(\.0)), expected \(expected.map(\.0))")
        }
        for ((key, value), (_, wanted)) in zip(actual, expected) where value != wanted {
            throw failure("\(key) reads back as \(value.scalar?.string ?? "another value")")
        }
    }

    private static func compose(_ text: String, path: String) throws(YAMLEditError) -> Node.Mapping? {
        var documents: [Node] = []
        do {
            // The sequence stops at an error and keeps it rather than throwing it.
            var sequence = try Yams.compose_all(yaml: text)
            while let document = sequence.next() { documents.append(document) }
            if let error = sequence.error { throw error }
        } catch let error as YamlError {
            throw .invalidYAML(YAMLErrorTranslator.diagnostic(for: error, in: SourceFile(path: path, text: text)))
        } catch {
            throw .invalidYAML(.error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(path: path)))
        }
        guard documents.count <= 1 else {
            throw .cannotEdit(path, "it holds \(documents.count) YAML documents; a record is one")
        }
        guard let document = documents.first else { return nil }
        if case .scalar(let scalar) = document, scalar.string.isEmpty, scalar.style == .plain { return nil }
        guard let mapping = document.mapping else {
            throw .cannotEdit(path, "it does not hold a mapping of keys to values")
        }
        return mapping
    }

    /// The last entry runs on over deeper-indented, blank and comment lines, and over `- item`
    /// lines at its own indentation (a block list may sit at its key's level), up to `...`, `---`
    /// or anything else at the mapping's indentation.
    private static func endOfLastEntry(_ lines: [String], from start: Int, indentation: Int) -> Int {
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if isDocumentEnd(line) || line.hasPrefix("---") { break }
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            let continues =
                rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix("\t") || indent > indentation
                || (indent == indentation && (rest == "-" || rest.hasPrefix("- ")))
            guard continues else { break }
            index += 1
        }
        return index
    }

    /// Blank lines and comments at the mapping's indentation before the next key belong to it.
    private static func trimmingTrailingComments(_ lines: [String], _ lower: Int, _ upper: Int, indentation: Int) -> Int
    {
        var end = upper
        while end > lower {
            let line = lines[end - 1]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent).drop { $0 == "\t" }
            guard rest.isEmpty || (rest.hasPrefix("#") && indent <= indentation) else { break }
            end -= 1
        }
        return end
    }

    private static func isDocumentEnd(_ line: String) -> Bool {
        line == "..." || line.hasPrefix("... ") || line.hasPrefix("...\t")
    }
}

/// Why a pack file was left as it was.
public enum YAMLEditError: Error, CustomStringConvertible {
    /// The file is not valid YAML; the diagnostic says where.
    case invalidYAML(Diagnostic)
    /// The file is valid but laid out in a way sopgen does not edit.
    case cannotEdit(String, String)
    /// An edit did not read back as written.
    case readBackFailed(String, String)

    public var description: String {
        switch self {
        case .invalidYAML(let diagnostic):
            "\(diagnostic.location.path) is not valid YAML (\(diagnostic.location.line):\(diagnostic.location.column): "
                + "\(diagnostic.message)); fix it first, sopgen check shows where"
        case .cannotEdit(let path, let reason):
            "sopgen cannot edit \(path) safely: \(reason)"
        case .readBackFailed(let path, let reason):
            "the edited \(path) did not read back as written (\(reason)), so it was left as it was"
        }
    }
}
