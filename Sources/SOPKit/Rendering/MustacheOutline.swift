import Foundation

/// What sopgen must know about a Mustache template before swift-mustache sees it (whose parser
/// and renderer recurse once per section and per partial, so a deep or looping template crashes
/// them): the partials and parents it names and how deep its sections nest. Follows set-delimiter
/// tags and skips comments the way swift-mustache does; anything it cannot follow is left to
/// swift-mustache's parser to report. One pass, no recursion.
struct MustacheOutline: Sendable {
    struct Reference: Sendable {
        /// The partial or parent named, with where its tag starts.
        var name: Located<String>
        /// Sections open around the tag.
        var depth: Int
        /// `{{>*name}}` or `{{<*name}}`: the partial is named by data, at render time.
        var isDynamic: Bool
    }

    private(set) var references: [Reference] = []
    /// The most sections (and parents) open at once.
    private(set) var deepest = 0
    /// The first section (or parent) tag that opens a level deeper than the limit.
    private(set) var tooDeep: SourceLocation?
    /// A set-delimiter tag this outline cannot follow, or with a delimiter longer than
    /// `longestDelimiter` (finding one costs its length at every position, in swift-mustache too).
    private(set) var badDelimiter: SourceLocation?
    /// The first parent tag inside a block override of a parent (`{{<p}}{{$b}}{{<p}}…`): the
    /// outer override wins in every parent below it, so such a parent can render itself without
    /// end, which no name-level loop shows (swift-mustache overflowed its stack).
    private(set) var parentInOverride: SourceLocation?
    static let longestDelimiter = 8

    init(_ text: String, path: String, limit: Int) {
        let scalars = Array(text.unicodeScalars)
        var start = Array("{{".unicodeScalars), end = Array("}}".unicodeScalars)
        var line = 1, lineStart = 0, counted = 0
        var depth = 0
        /// The kind of each section, block or parent open, outermost first.
        var opened: [Unicode.Scalar] = []
        var index = 0
        while let open = Self.find(start, in: scalars, from: index) {
            while counted < open {
                if scalars[counted] == "\n" {
                    line += 1
                    lineStart = counted + 1
                }
                counted += 1
            }
            let contentStart = open + start.count
            guard let close = Self.find(end, in: scalars, from: contentStart) else { break }
            index = close + end.count
            let content = scalars[contentStart..<close]
            let location = SourceLocation(path: path, line: line, column: open - lineStart + 1)
            switch content.first {
            case "#", "^", "$":
                depth += 1
                opened.append(content.first!)
            case "<":
                references.append(Self.reference(content.dropFirst(), depth: depth, at: location))
                depth += 1
                if parentInOverride == nil, let outer = opened.firstIndex(of: "<"), opened[(outer + 1)...].contains("$") {
                    parentInOverride = location
                }
                opened.append("<")
            case ">":
                references.append(Self.reference(content.dropFirst(), depth: depth, at: location))
            case "/":
                depth = max(depth - 1, 0)
                _ = opened.popLast()
            case "=":
                // `{{=<% %>=}}`: the new delimiters, separated by white space, between two `=`.
                // One sopgen cannot follow is refused, so that nothing is hidden behind it.
                guard content.count > 1, content.last == "=" else {
                    badDelimiter = location
                    return
                }
                let words = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard words.count == 2, words.allSatisfy({ $0.count <= Self.longestDelimiter }), !words[1].contains("=") else {
                    badDelimiter = location
                    return
                }
                start = Array(words[0])
                end = Array(words[1])
            default:
                break
            }
            deepest = max(deepest, depth)
            if depth > limit, tooDeep == nil { tooDeep = location }
        }
    }

    private static func reference(_ tag: ArraySlice<Unicode.Scalar>, depth: Int, at location: SourceLocation) -> Reference {
        var name = String(String.UnicodeScalarView(tag)).trimmingCharacters(in: .whitespacesAndNewlines)
        let isDynamic = name.hasPrefix("*")
        if isDynamic { name = String(name.dropFirst()).trimmingCharacters(in: .whitespaces) }
        return Reference(name: Located(name, at: location), depth: depth, isDynamic: isDynamic)
    }

    private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard let first = needle.first, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
