import GFM

/// Parses the body of an SOP or snippet: Markdown plus `{{value}}`, `{{> include}}`,
/// `{{! comment}}` and `::: for` / `::: except` role blocks. Inside a code fence only values
/// expand: a `:::` or `{{> …}}` line there is code.
///
/// Works on UTF-8 bytes (every SOP line passes through here); columns are counted in Unicode
/// scalars by skipping continuation bytes.
struct TemplateParser {
    let path: String
    let firstLine: Int
    var diagnostics: [Diagnostic] = []
    /// The text being parsed, and its UTF-8 bytes: a text piece is a slice of it, sharing its
    /// storage (an SOP's body is held once, not once more in its pieces).
    private var source: Substring = ""
    private var bytes: [UInt8] = []
    /// Text not yet added as a piece: consecutive runs of `bytes` extend one range; only a run
    /// that does not follow the last (text after a dropped `{{! comment}}`) copies into `pending`.
    private var pendingRange: Range<Int>?
    private var pending: [UInt8]?
    private var pendingLocation: SourceLocation?

    private typealias Bytes = ArraySlice<UInt8>
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), comma = UInt8(ascii: ",")
    private static let open = Array("{{".utf8), close = Array("}}".utf8), fenceMark = Array(":::".utf8)

    /// Deeper Markdown nesting than this is refused: no SOP needs it, and cmark-gfm has inputs
    /// whose parse time grows with the square of the depth (seconds for a few kilobytes).
    static let maximumNesting = GFMLimits.maximumNesting
    private var reportedNesting = false
    /// Role blocks opened past `maximumNesting`: counted, not kept, so that no template is deeper
    /// than the limit (its pieces are walked, compared and freed recursively).
    private var uncountedBlocks = 0

    /// Where each line of the text starts in the file, for text gathered from parts of lines (a
    /// checklist item after its `- [ ] `, and its indented continuation lines); empty for a file's
    /// body, whose lines follow `firstLine` from column 1.
    let lineStarts: [(line: Int, column: Int)]
    private let shifts: [Int: Int]

    init(path: String, firstLine: Int, lineStarts: [(line: Int, column: Int)] = []) {
        self.path = path
        self.firstLine = lineStarts.first?.line ?? firstLine
        self.lineStarts = lineStarts
        shifts = Dictionary(lineStarts.map { ($0.line, $0.column - 1) }, uniquingKeysWith: { first, _ in first })
    }

    /// Where column 1 of the text's line `line` is in the file, less one.
    private func columnShift(_ line: Int) -> Int { shifts[line] ?? 0 }

    mutating func parse(_ text: String) -> Template {
        parse(text[...])
    }

    mutating func parse(_ text: Substring) -> Template {
        source = text
        bytes = text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
        defer { bytes = [] }
        var stack: [(block: Template.RoleBlock, outer: [Template.Piece])] = []
        var pieces: [Template.Piece] = []
        var fence: (marker: UInt8, length: Int)?
        var lineStart = 0
        var lineNumber = firstLine
        var lineIndex = 0
        while lineStart < bytes.count {
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
            let lineEnd = newline ?? bytes.count
            let nextStart = newline.map { $0 + 1 } ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            let withNewline = bytes[lineStart..<nextStart]
            // Lines gathered from parts of lines start a text piece each, so each keeps its own place.
            if !lineStarts.isEmpty { flush(into: &pieces) }
            defer {
                lineStart = nextStart
                lineIndex += 1
                lineNumber = lineIndex < lineStarts.count ? lineStarts[lineIndex].line : lineNumber + 1
            }

            if let current = fence {
                if Self.closesFence(line, current) { fence = nil }
                parseInline(withNewline, line: lineNumber, into: &pieces)
                continue
            }
            if !reportedNesting, Self.nestingDepth(line) > Self.maximumNesting {
                reportedNesting = true
                diagnostics.append(.markdownTooDeep(at: SourceLocation(path: path, line: lineNumber, column: 1)))
            }
            if let opened = Self.opensFence(line) {
                fence = opened
                appendText(withNewline, line: lineNumber)
                continue
            }
            let indentEnd = line.firstIndex { $0 != Self.space && $0 != Self.tab } ?? line.endIndex
            let indentation = String(decoding: line[line.startIndex..<indentEnd], as: UTF8.self)
            let content = line[indentEnd...]
            let column = indentEnd - line.startIndex + 1 + columnShift(lineNumber)
            if content.starts(with: Self.fenceMark) {
                flush(into: &pieces)
                let header = content.dropFirst(3)
                let location = SourceLocation(path: path, line: lineNumber, column: column)
                if header.allSatisfy({ $0 == Self.space || $0 == Self.tab }) {
                    if uncountedBlocks > 0 {
                        uncountedBlocks -= 1
                        continue
                    }
                    guard !stack.isEmpty else {
                        diagnostics.append(.error(.unmatchedBlockEnd, "':::' closes no open role block", at: location))
                        continue
                    }
                    close(&stack, into: &pieces)
                } else if let block = parseBlockHeader(header, line: lineNumber, column: column, indentation: indentation) {
                    guard stack.count < Self.maximumNesting else {
                        if !reportedNesting {
                            reportedNesting = true
                            diagnostics.append(.error(.nestingTooDeep, "role blocks nested more than \(Self.maximumNesting) levels deep; flatten them", at: location))
                        }
                        uncountedBlocks += 1
                        continue
                    }
                    stack.append((block, pieces))
                    pieces = []
                }
                continue
            }
            if content.first == UInt8(ascii: ">"), Self.opensBlockInQuote(content) {
                diagnostics.append(.error(.misplacedBlock, "a role block cannot open inside a quote ('>'): it is read as text, shown to every role; put the quote inside the block",
                                          at: SourceLocation(path: path, line: lineNumber, column: column)))
            }
            if content.starts(with: Array("{{>".utf8)), let include = parseInclude(content, line: lineNumber, column: column) {
                flush(into: &pieces)
                pieces.append(.include(include, indentation: indentation))
                continue
            }
            parseInline(withNewline, line: lineNumber, into: &pieces)
        }
        flush(into: &pieces)
        while let open = stack.last {
            diagnostics.append(.error(.unclosedBlock, "role block '::: \(open.block.kind.rawValue) …' is never closed with ':::'", at: open.block.location))
            close(&stack, into: &pieces)
        }
        return Template(pieces: pieces, firstLine: firstLine)
    }

    /// Ends the innermost open block: `pieces` become its body, and it joins the pieces around it.
    /// The outer array is moved out of the stack and appended to in place, so that a long run of
    /// blocks costs linear time, not quadratic.
    private func close(_ stack: inout [(block: Template.RoleBlock, outer: [Template.Piece])], into pieces: inout [Template.Piece]) {
        var open = stack.removeLast()
        open.block.body = pieces
        open.outer.append(.roleBlock(open.block))
        pieces = open.outer
    }

    /// `header` is everything after `:::`; `column` is where the `:::` stands.
    private mutating func parseBlockHeader(_ header: Bytes, line: Int, column: Int, indentation: String) -> Template.RoleBlock? {
        let location = SourceLocation(path: path, line: line, column: column)
        var words: [Located<String>] = []
        var index = header.startIndex
        while index < header.endIndex {
            if header[index] == Self.space || header[index] == Self.tab || header[index] == Self.comma {
                index += 1
                continue
            }
            let end = header[index...].firstIndex { $0 == Self.space || $0 == Self.tab || $0 == Self.comma } ?? header.endIndex
            let wordColumn = column + 3 + Self.scalarCount(header[header.startIndex..<index])
            words.append(Located(String(decoding: header[index..<end], as: UTF8.self), at: SourceLocation(path: path, line: line, column: wordColumn)))
            index = end
        }
        guard let first = words.first, let kind = Template.RoleBlock.Kind(rawValue: first.value) else {
            let shown = words.map(\.value).joined(separator: " ")
            diagnostics.append(.error(.unknownBlock, "unknown block '::: \(shown)'; role blocks start with '::: for' or '::: except'", at: location))
            return nil
        }
        let roles = Array(words.dropFirst())
        if roles.isEmpty {
            diagnostics.append(.error(.blockWithoutRoles, "'::: \(kind.rawValue)' names no role", at: location))
        }
        return Template.RoleBlock(kind: kind, roles: roles, indentation: indentation, body: [], location: location)
    }

    /// `{{> name}}` alone on its line; anything else is left to `parseInline`.
    private func parseInclude(_ content: Bytes, line: Int, column: Int) -> Located<String>? {
        let trimmed = Self.trimmed(content)
        guard trimmed.count > 5, trimmed.starts(with: Array("{{>".utf8)), Array(trimmed.suffix(2)) == Self.close else { return nil }
        let name = Self.trimmed(trimmed.dropFirst(3).dropLast(2))
        guard !name.isEmpty, !name.contains(UInt8(ascii: "}")) else { return nil }
        return Located(String(decoding: name, as: UTF8.self), at: SourceLocation(path: path, line: line, column: column))
    }

    private mutating func parseInline(_ text: Bytes, line: Int, into pieces: inout [Template.Piece]) {
        var rest = text
        var column = 1 + columnShift(line)
        while let open = Self.find(Self.open, in: rest) {
            let before = rest[rest.startIndex..<open]
            appendText(before, line: line, column: column)
            column += Self.scalarCount(before)
            let afterOpen = rest[(open + 2)...]
            guard let close = Self.find(Self.close, in: afterOpen) else {
                diagnostics.append(.error(.unclosedTag, "'{{' is not closed with '}}' on this line", at: SourceLocation(path: path, line: line, column: column)))
                appendText(rest[open...], line: line, column: column)
                return
            }
            var inner = afterOpen[afterOpen.startIndex..<close]
            var end = close + 2
            if inner.first == UInt8(ascii: "{"), end < rest.endIndex, rest[end] == UInt8(ascii: "}") {
                inner = inner.dropFirst()
                end += 1
            }
            let tag = rest[open..<end]
            let location = SourceLocation(path: path, line: line, column: column)
            let name = String(decoding: Self.trimmed(inner), as: UTF8.self)
            if name.hasPrefix("!") {
                // A comment: dropped from every view.
            } else if name.hasPrefix(">") {
                diagnostics.append(.error(.inlineInclude, "'{{> …}}' must stand on a line of its own", at: location))
            } else if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }) {
                diagnostics.append(.error(.invalidValueName, "'\(String(decoding: tag, as: UTF8.self))' is not a value name like {{site.production_url}}", at: location))
            } else {
                flush(into: &pieces)
                pieces.append(.value(Located(name, at: location), width: Self.scalarCount(tag)))
            }
            column += Self.scalarCount(tag)
            rest = rest[end...]
        }
        appendText(rest, line: line, column: column)
    }

    /// `text` is a slice of `bytes`.
    private mutating func appendText(_ text: Bytes, line: Int, column: Int? = nil) {
        guard !text.isEmpty else { return }
        guard pendingLocation != nil, let range = pendingRange else {
            pendingLocation = SourceLocation(path: path, line: line, column: column ?? 1 + columnShift(line))
            pendingRange = text.startIndex..<text.endIndex
            return
        }
        if pending == nil, range.upperBound == text.startIndex {
            pendingRange = range.lowerBound..<text.endIndex
        } else {
            if pending == nil { pending = Array(bytes[range]) }
            pending! += text
        }
    }

    private mutating func flush(into pieces: inout [Template.Piece]) {
        guard let location = pendingLocation, let range = pendingRange else { return }
        let text: Substring
        if let copied = pending {
            text = Substring(String(decoding: copied, as: UTF8.self))
        } else {
            // A run starts at a line start or next to `{{`/`}}` and ends before `{{` or after a
            // newline (or at the end), so both ends start scalars.
            let utf8 = source.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            text = source[start..<end]
        }
        pieces.append(.text(Located(text, at: location)))
        pending = nil
        pendingRange = nil
        pendingLocation = nil
    }

    // MARK: - Bytes

    private static func scalarCount(_ bytes: Bytes) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private static func trimmed(_ bytes: Bytes) -> Bytes {
        let isSpace: (UInt8) -> Bool = { $0 == space || $0 == tab }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    private static func find(_ needle: [UInt8], in haystack: Bytes) -> Int? {
        var index = haystack.startIndex
        while let candidate = haystack[index...].firstIndex(of: needle[0]) {
            if haystack[candidate...].starts(with: needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// How many block quotes and list items open at the start of `line`.
    static func nestingDepth(_ line: ArraySlice<UInt8>) -> Int {
        var depth = 0
        var index = line.startIndex
        while index < line.endIndex {
            while index < line.endIndex, line[index] == space || line[index] == tab { index += 1 }
            guard index < line.endIndex else { break }
            let byte = line[index]
            if byte == UInt8(ascii: ">") {
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"),
                      index + 1 < line.endIndex, line[index + 1] == space {
                index += 2
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index
                while end < line.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[end]) { end += 1 }
                guard end < line.endIndex, line[end] == UInt8(ascii: ".") || line[end] == UInt8(ascii: ")") else { break }
                index = end + 1
            } else {
                break
            }
            depth += 1
        }
        return depth
    }

    /// Whether a quoted line (`> ::: for admin`) would open a role block if it were not quoted.
    static func opensBlockInQuote(_ content: ArraySlice<UInt8>) -> Bool {
        let quoted = content.drop { $0 == UInt8(ascii: ">") || $0 == space || $0 == tab }
        guard quoted.starts(with: fenceMark) else { return false }
        let word = quoted.dropFirst(fenceMark.count).drop { $0 == space || $0 == tab }.prefix { $0 != space && $0 != tab }
        return word.elementsEqual("for".utf8) || word.elementsEqual("except".utf8)
    }

    static func opensFence(_ line: ArraySlice<UInt8>) -> (marker: UInt8, length: Int)? {
        let indent = line.prefix { $0 == space }.count
        guard indent <= 3 else { return nil }
        let content = line.dropFirst(indent)
        guard let marker = content.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = content.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == UInt8(ascii: "`"), content.dropFirst(length).contains(marker) { return nil }
        return (marker, length)
    }

    static func closesFence(_ line: ArraySlice<UInt8>, _ fence: (marker: UInt8, length: Int)) -> Bool {
        let indent = line.prefix { $0 == space }.count
        guard indent <= 3 else { return false }
        let content = line.dropFirst(indent)
        let length = content.prefix { $0 == fence.marker }.count
        return length >= fence.length && content.dropFirst(length).allSatisfy { $0 == space || $0 == tab }
    }
}
