import Foundation

/// Parses the body of an SOP or snippet: Markdown plus `{{value}}`, `{{> include}}`,
/// `{{! comment}}` and `::: for` / `::: except` role blocks. Inside a code fence only values
/// expand: a `:::` or `{{> …}}` line there is code.
struct TemplateParser {
    let path: String
    let firstLine: Int
    var diagnostics: [Diagnostic] = []

    init(path: String, firstLine: Int) {
        self.path = path
        self.firstLine = firstLine
    }

    mutating func parse(_ text: String) -> Template {
        var stack: [(block: Template.RoleBlock, outer: [Template.Piece])] = []
        var pieces: [Template.Piece] = []
        var fence: (marker: Character, length: Int)?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            let lineNumber = firstLine + offset
            let isLast = offset == lines.count - 1
            let newline = isLast ? "" : "\n"
            if isLast && line.isEmpty { break }

            if let current = fence {
                if Self.closesFence(line, current) { fence = nil }
                parseInline(line + newline, line: lineNumber, into: &pieces)
                continue
            }
            if let opened = Self.opensFence(line) {
                fence = opened
                appendText(line + newline, line: lineNumber, to: &pieces)
                continue
            }
            let indentation = String(line.prefix { $0 == " " || $0 == "\t" })
            let content = line.dropFirst(indentation.count)
            if content.hasPrefix(":::") {
                let header = content.dropFirst(3)
                let rest = header.trimmingCharacters(in: .whitespaces)
                let column = indentation.unicodeScalars.count + 1
                let location = SourceLocation(path: path, line: lineNumber, column: column)
                if rest.isEmpty {
                    guard let open = stack.popLast() else {
                        diagnostics.append(.error("unmatched-block-end", "':::' closes no open role block", at: location))
                        continue
                    }
                    var block = open.block
                    block.body = pieces
                    pieces = open.outer + [.roleBlock(block)]
                } else if let block = parseBlockHeader(header, line: lineNumber, column: column, indentation: indentation) {
                    stack.append((block, pieces))
                    pieces = []
                }
                continue
            }
            if let include = parseInclude(content, line: lineNumber, column: indentation.unicodeScalars.count + 1) {
                pieces.append(.include(include, indentation: indentation))
                continue
            }
            parseInline(line + newline, line: lineNumber, into: &pieces)
        }
        for open in stack.reversed() {
            diagnostics.append(.error("unclosed-block", "role block '::: \(open.block.kind.rawValue) …' is never closed with ':::'", at: open.block.location))
            var block = open.block
            block.body = pieces
            pieces = open.outer + [.roleBlock(block)]
        }
        return Template(pieces: pieces, firstLine: firstLine)
    }

    /// `header` is everything after `:::`; `column` is where the `:::` stands.
    private mutating func parseBlockHeader(_ header: Substring, line: Int, column: Int, indentation: String) -> Template.RoleBlock? {
        let location = SourceLocation(path: path, line: line, column: column)
        var words: [Located<String>] = []
        var current = ""
        var wordColumn = 0
        for (offset, scalar) in header.unicodeScalars.enumerated() {
            if scalar == " " || scalar == "\t" || scalar == "," {
                if !current.isEmpty { words.append(Located(current, at: SourceLocation(path: path, line: line, column: wordColumn))) }
                current = ""
            } else {
                if current.isEmpty { wordColumn = column + 3 + offset }
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { words.append(Located(current, at: SourceLocation(path: path, line: line, column: wordColumn))) }
        guard let first = words.first, let kind = Template.RoleBlock.Kind(rawValue: first.value) else {
            let shown = header.trimmingCharacters(in: .whitespaces)
            diagnostics.append(.error("unknown-block", "unknown block '::: \(shown)'; role blocks start with '::: for' or '::: except'", at: location))
            return nil
        }
        let roles = Array(words.dropFirst())
        if roles.isEmpty {
            diagnostics.append(.error("block-without-roles", "'::: \(kind.rawValue)' names no role", at: location))
        }
        return Template.RoleBlock(kind: kind, roles: roles, indentation: indentation, body: [], location: location)
    }

    private mutating func parseInclude(_ content: Substring, line: Int, column: Int) -> Located<String>? {
        let trimmed = content.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{{>"), trimmed.hasSuffix("}}"), trimmed.count > 5 else { return nil }
        let name = trimmed.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains("}") else { return nil }
        return Located(name, at: SourceLocation(path: path, line: line, column: column))
    }

    private mutating func parseInline(_ text: Substring, line: Int, into pieces: inout [Template.Piece]) {
        var rest = text
        var column = 1
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            appendText(before, line: line, column: column, to: &pieces)
            column += before.unicodeScalars.count
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                diagnostics.append(.error("unclosed-tag", "'{{' is not closed with '}}' on this line", at: SourceLocation(path: path, line: line, column: column)))
                appendText(rest[open.lowerBound...], line: line, column: column, to: &pieces)
                return
            }
            var inner = afterOpen[..<close.lowerBound]
            var end = close.upperBound
            if inner.hasPrefix("{"), rest[end...].hasPrefix("}") {
                inner = inner.dropFirst()
                end = rest.index(after: end)
            }
            let tag = rest[open.lowerBound..<end]
            let location = SourceLocation(path: path, line: line, column: column)
            let name = inner.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("!") {
                // A comment: dropped from every view.
            } else if name.hasPrefix(">") {
                diagnostics.append(.error("inline-include", "'{{> …}}' must stand on a line of its own", at: location))
            } else if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }) {
                diagnostics.append(.error("invalid-value-name", "'\(tag)' is not a value name like {{site.production_url}}", at: location))
            } else {
                pieces.append(.value(Located(name, at: location), width: tag.unicodeScalars.count))
            }
            column += tag.unicodeScalars.count
            rest = rest[end...]
        }
        appendText(rest, line: line, column: column, to: &pieces)
    }

    private func appendText(_ text: some StringProtocol, line: Int, column: Int = 1, to pieces: inout [Template.Piece]) {
        guard !text.isEmpty else { return }
        if case .text(let previous)? = pieces.last {
            pieces[pieces.count - 1] = .text(Located(previous.value + text, at: previous.location))
        } else {
            pieces.append(.text(Located(String(text), at: SourceLocation(path: path, line: line, column: column))))
        }
    }

    static func opensFence(_ line: Substring) -> (marker: Character, length: Int)? {
        let content = line.drop { $0 == " " }
        guard line.count - content.count <= 3, let marker = content.first, marker == "`" || marker == "~" else { return nil }
        let length = content.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == "`", content.dropFirst(length).contains("`") { return nil }
        return (marker, length)
    }

    static func closesFence(_ line: Substring, _ fence: (marker: Character, length: Int)) -> Bool {
        let content = line.drop { $0 == " " }
        guard line.count - content.count <= 3 else { return false }
        let length = content.prefix { $0 == fence.marker }.count
        return length >= fence.length && content.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
