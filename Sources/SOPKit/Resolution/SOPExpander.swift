import GFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands a parsed template into `ExpandedMarkdown`. Snippets come from an `IncludeGraph`, which
/// has already refused (and reported) any that loop, nest too deep or grow too long; includes in
/// `skipped` would take this text past the size limit and are left out. Works with an explicit
/// stack, so nesting costs heap, not the thread's stack.
struct SOPExpander {
    private enum Step {
        case pieces(ArraySlice<Template.Piece>, indentation: String)
        case endLine
        case closeBlock(id: Int, location: SourceLocation, indentation: String)
    }

    let graph: IncludeGraph
    let skipped: Set<SourceLocation>
    private var text = ""
    /// The first chunk while nothing else is written: when it stays the whole text (a body of
    /// plain Markdown), the expanded text is that slice of the file, not a copy of it.
    private var first: Substring?
    private var blocks: [ExpandedMarkdown.Block] = []
    private var valueNames: [String] = []
    private var valueLocations: [SourceLocation] = []
    private var origins = LineOrigins()
    private var atLineStart = true

    init(graph: IncludeGraph, skipped: Set<SourceLocation> = []) {
        self.graph = graph
        self.skipped = skipped
    }

    static func expand(_ template: Template, graph: IncludeGraph, skipped: Set<SourceLocation> = []) -> ExpandedMarkdown {
        var expander = SOPExpander(graph: graph, skipped: skipped)
        expander.append(template.pieces)
        return ExpandedMarkdown(text: expander.first ?? Substring(expander.text), blocks: expander.blocks, valueNames: expander.valueNames,
                                valueLocations: expander.valueLocations, origins: expander.origins)
    }

    private mutating func append(_ pieces: [Template.Piece]) {
        var steps: [Step] = [.pieces(pieces[...], indentation: "")]
        while let step = steps.popLast() {
            switch step {
            case .endLine:
                endLine()
            case .closeBlock(let id, let location, let indentation):
                endLine()
                write((GFMReserved.containerClose(id) + "\n")[...], from: location, indentation: indentation)
            case .pieces(var rest, let indentation):
                guard let piece = rest.popFirst() else { continue }
                steps.append(.pieces(rest, indentation: indentation))
                switch piece {
                case .text(let text):
                    write(text.value, from: text.location, indentation: indentation)
                case .value(let name, let width):
                    let index = valueNames.count
                    valueNames.append(name.value)
                    valueLocations.append(name.location)
                    let digits = String(index)
                    let padding = String(repeating: "0", count: max(width - 2 - digits.count, 0))
                    let token = String(GFMReserved.tokenStart) + padding + digits + String(GFMReserved.tokenEnd)
                    write(token[...], from: name.location, indentation: indentation)
                case .include(let name, let extra):
                    guard !skipped.contains(name.location), let snippet = graph.expandable(name.value) else { continue }
                    endLine()
                    steps.append(.endLine)
                    steps.append(.pieces(snippet.pieces[...], indentation: indentation + extra))
                case .roleBlock(let block):
                    let id = blocks.count
                    blocks.append(ExpandedMarkdown.Block(kind: block.kind, roles: block.roles.map(\.value), location: block.location))
                    endLine()
                    write((GFMReserved.containerOpen(id) + "\n")[...], from: block.location, indentation: indentation + block.indentation)
                    steps.append(.closeBlock(id: id, location: block.location, indentation: indentation + block.indentation))
                    steps.append(.pieces(block.body[...], indentation: indentation))
                }
            }
        }
    }

    /// Appends `piece` to the text; the first piece is only held (see `first`).
    private mutating func emit(_ piece: Substring) {
        if text.isEmpty, first == nil {
            first = piece
            return
        }
        if let held = first {
            text.reserveCapacity(held.utf8.count + piece.utf8.count)
            text += held
            first = nil
        }
        text += piece
    }

    /// Appends `chunk`, prefixing `indentation` at every line start and noting where each line came from.
    /// Lines are found with `memchr`; without indentation the chunk is appended whole, which is
    /// the same text as appending it line by line.
    private mutating func write(_ chunk: Substring, from location: SourceLocation, indentation: String) {
        var chunk = chunk
        chunk.makeContiguousUTF8()
        let indentationWidth = indentation.unicodeScalars.count
        let whole = indentation.isEmpty
        if whole { emit(chunk) }
        var line = location.line
        var column = location.column
        let utf8 = chunk.utf8
        // Byte offsets where each line of the chunk ends (after its newline), the last at the end.
        let ends: [Int] = utf8.withContiguousStorageIfAvailable { buffer -> [Int] in
            guard let base = buffer.baseAddress else { return [] }
            var ends: [Int] = []
            var offset = 0
            while offset < buffer.count {
                if let hit = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset) {
                    offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                } else {
                    offset = buffer.count
                }
                ends.append(offset)
            }
            return ends
        } ?? []
        var start = 0
        for end in ends {
            if atLineStart {
                if !whole { emit(indentation[...]) }
                origins.append(SourceLocation(path: location.path, line: line, column: column - indentationWidth))
            }
            if !whole { emit(chunk[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]) }
            let endsLine = utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == UInt8(ascii: "\n")
            atLineStart = endsLine
            if endsLine {
                line += 1
                column = 1
            }
            start = end
        }
    }

    private mutating func endLine() {
        if !atLineStart {
            emit("\n")
            atLineStart = true
        }
    }
}
