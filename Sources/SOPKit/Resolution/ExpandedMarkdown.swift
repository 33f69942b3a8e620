import Foundation
import GFM

/// An SOP's body with includes inlined, role blocks turned into container markers and values
/// into tokens of the same width — one text for every view, parsed once.
public struct ExpandedMarkdown: Sendable, Hashable {
    public struct Block: Sendable, Hashable {
        public var kind: Template.RoleBlock.Kind
        public var roles: [String]
        public var location: SourceLocation

        public func isVisible(to role: String) -> Bool {
            kind == .for ? roles.contains(role) : !roles.contains(role)
        }
    }

    /// A slice of the SOP's file when the body is plain Markdown (nothing included, no value, no
    /// block): held once, with the file.
    public var text: Substring
    /// Container id → the role block it came from.
    public var blocks: [Block]
    /// Token index → value name.
    public var valueNames: [String]
    /// Token index → where the value is named in the pack.
    public var valueLocations: [SourceLocation] = []
    /// Line of `text` (0-based) → where that line came from.
    public var origins: LineOrigins

    /// The text without white space around it, as a checklist item is rendered (on one line, in
    /// its box), with the origins of its lines moved to match: every check of an item reads this
    /// text, so that an indented snippet it starts with is read as the paragraph the page shows,
    /// not as the code block it would be alone (helper 42: an image in one went unchecked).
    func trimmed() -> ExpandedMarkdown {
        let set = CharacterSet.whitespacesAndNewlines
        let trimmed = text.trimmingCharacters(in: set)
        guard trimmed.utf8.count != text.utf8.count else { return self }
        var copy = self
        copy.text = Substring(trimmed)
        // cmark counts lines at line feeds and columns in bytes.
        let firstKept = text.unicodeScalars.firstIndex { !set.contains($0) } ?? text.endIndex
        let prefix = Array(text.utf8[..<firstKept])
        guard !prefix.isEmpty else { return copy }
        let dropped = prefix.filter { $0 == UInt8(ascii: "\n") }.count
        let shift = prefix.count - ((prefix.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1)
        var origins = LineOrigins()
        for line in dropped..<self.origins.count {
            var location = self.origins[line]
            if line == dropped { location.column += shift }
            origins.append(location)
        }
        copy.origins = origins
        return copy
    }

    public func origin(of position: GFMPosition) -> SourceLocation {
        origins.location(of: position) ?? origins.last ?? SourceLocation(path: "")
    }

    /// `literal` as the pack wrote it: each token back to its `{{name}}`.
    public func written(_ literal: String) -> String {
        replacingTokens(in: literal) { "{{\($0)}}" }
    }

    /// The names of the values whose tokens `literal` holds, in order.
    public func valueNames(in literal: String) -> [String] {
        var names: [String] = []
        _ = replacingTokens(in: literal) { names.append($0); return "" }
        return names
    }

    /// Replaces every token in `literal` with its value from `values`.
    public func substitute(_ literal: String, values: [String: String]) -> String {
        replacingTokens(in: literal) { values[$0] ?? "" }
    }

    /// `literal` with each token replaced by what `replacement` gives for its value's name. Builds
    /// UTF-8 bytes: appending to a `String.UnicodeScalarView` copies the whole view each time
    /// (quadratic in the tokens).
    private func replacingTokens(in literal: String, with replacement: (String) -> String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(literal.utf8.count)
        var index: Int?
        for scalar in literal.unicodeScalars {
            if scalar == GFMReserved.tokenStart {
                index = 0
            } else if scalar == GFMReserved.tokenEnd, let found = index {
                let name = found < valueNames.count ? valueNames[found] : ""
                output.append(contentsOf: replacement(name).utf8)
                index = nil
            } else if let current = index, ("0"..."9").contains(scalar) {
                // Tokens are sopgen's own; the bound only keeps a corrupt one from trapping.
                index = min(current, Int.max / 100) * 10 + Int(scalar.value - 48)
            } else {
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
