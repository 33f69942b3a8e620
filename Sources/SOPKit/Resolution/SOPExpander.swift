import GFM

/// Expands a parsed template into `ExpandedMarkdown`. Includes nest up to a fixed depth, which
/// also stops an include cycle that validation has already reported.
struct SOPExpander {
    static let maximumIncludeDepth = 16

    let snippets: [String: Template]
    private var text = ""
    private var blocks: [ExpandedMarkdown.Block] = []
    private var valueNames: [String] = []
    private var origins: [SourceLocation] = []
    private var atLineStart = true

    init(snippets: [String: Template]) {
        self.snippets = snippets
    }

    static func expand(_ template: Template, snippets: [String: Template]) -> ExpandedMarkdown {
        var expander = SOPExpander(snippets: snippets)
        expander.append(template.pieces, indentation: "", depth: 0)
        return ExpandedMarkdown(text: expander.text, blocks: expander.blocks, valueNames: expander.valueNames, origins: expander.origins)
    }

    private mutating func append(_ pieces: [Template.Piece], indentation: String, depth: Int) {
        for piece in pieces {
            switch piece {
            case .text(let text):
                write(text.value, from: text.location, indentation: indentation)
            case .value(let name, let width):
                let index = valueNames.count
                valueNames.append(name.value)
                let digits = String(index)
                let padding = String(repeating: "0", count: max(width - 2 - digits.count, 0))
                let token = String(GFMReserved.tokenStart) + padding + digits + String(GFMReserved.tokenEnd)
                write(token, from: name.location, indentation: indentation)
            case .include(let name, let extra):
                guard depth < Self.maximumIncludeDepth, let snippet = snippets[name.value] else { continue }
                endLine()
                append(snippet.pieces, indentation: indentation + extra, depth: depth + 1)
                endLine()
            case .roleBlock(let block):
                let id = blocks.count
                blocks.append(ExpandedMarkdown.Block(kind: block.kind, roles: block.roles.map(\.value), location: block.location))
                endLine()
                write(GFMReserved.containerOpen(id) + "\n", from: block.location, indentation: indentation + block.indentation)
                append(block.body, indentation: indentation, depth: depth)
                endLine()
                write(GFMReserved.containerClose(id) + "\n", from: block.location, indentation: indentation + block.indentation)
            }
        }
    }

    /// Appends `chunk`, prefixing `indentation` at every line start and noting where each line came from.
    private mutating func write(_ chunk: String, from location: SourceLocation, indentation: String) {
        var line = location.line
        var column = location.column
        let bytes = chunk.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline.map { bytes.index(after: $0) } ?? bytes.endIndex
            if atLineStart {
                text += indentation
                origins.append(SourceLocation(path: location.path, line: line, column: column - indentation.unicodeScalars.count))
            }
            text += chunk[start..<end]
            atLineStart = newline != nil
            if newline != nil {
                line += 1
                column = 1
            }
            start = end
        }
    }

    private mutating func endLine() {
        if !atLineStart {
            text += "\n"
            atLineStart = true
        }
    }
}
